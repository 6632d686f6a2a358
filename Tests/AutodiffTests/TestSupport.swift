import Autodiff
import Foundation
import Language
import MathCore

/// A formula tree as an autodiff function (the test-side twin of Language's wrapper).
struct TreeFunction: ScalarFunction {
  let root: FormulaNode
  let dimension: Int

  func evaluate<S: Scalar>(_ x: [S]) -> S { root.evaluate(x) }
}

/// Compiles `name(parameters) = body` with the language's own parser and lowering.
func compile(_ body: String, _ parameters: [String], name: String = "F") throws -> TreeFunction {
  let interpreter = Runtime()
  _ = try interpreter.run(
    "\(name)(\(parameters.joined(separator: ", "))) = \(body)", host: DiscardingHost())
  guard case .function(let f)? = interpreter.value(named: name), let formula = f.formula else {
    throw TestFailure("\(body) did not compile to a scalar formula")
  }
  return TreeFunction(root: formula.root, dimension: parameters.count)
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
