import Autodiff
import Formula
import Foundation
import MathCore
import _TestSupport

/// A formula tree as an autodiff function (the test-side twin of Formula's `FormulaFunction`).
struct TreeFunction: ScalarFunction {
  let root: FormulaNode
  let dimension: Int

  func evaluate<S: Scalar>(_ x: [S]) -> S { root.evaluate(x) }
}

/// Reads `body` in `parameters` as the language would lower `F(parameters) = body`.
func compile(_ body: String, _ parameters: [String]) throws -> TreeFunction {
  TreeFunction(root: try FormulaText.parse(body, parameters), dimension: parameters.count)
}

/// A sympy expression in the language's syntax (`**` becomes `^`).
func compileSympy(_ expr: String, _ parameters: [String]) throws -> TreeFunction {
  try compile(expr.replacingOccurrences(of: "**", with: "^"), parameters)
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// |a − b| ≤ tolerance·|b|, or ≤ tolerance absolutely when |b| < 1 (near zero).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
  Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(b))
}

func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance) }
}
