import Formula
import MathCore
import Testing

@testable import Language

/// Builds random formula ASTs over x and y from a seeded generator.
private struct FormulaGenerator {
  var rng: SeededGenerator
  let r = SourceRange(0, 0)

  mutating func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

  mutating func expr(_ depth: Int) -> Expr {
    if depth == 0 || pick(4) == 0 {
      switch pick(3) {
      case 0: return Expr(.name("x"), r)
      case 1: return Expr(.name("y"), r)
      default: return Expr(.number([0.5, 1, 2, 3, 1e-7, 2.5e3][pick(6)]), r)
      }
    }
    switch pick(5) {
    case 0: return Expr(.unary(.negate, expr(depth - 1)), r)
    case 1:
      let f = ["sin", "exp", "tanh", "abs", "sigmoid", "relu", "cos"][pick(7)]
      return Expr(
        .call(Expr(.name(f), r), [Argument(label: nil, labelRange: nil, value: expr(depth - 1))]), r
      )
    case 2: return Expr(.binary(.power, expr(depth - 1), Expr(.number(Double(pick(3) + 1)), r)), r)
    default:
      let op: BinaryOperator = [.add, .subtract, .multiply, .divide][pick(4)]
      return Expr(.binary(op, expr(depth - 1), expr(depth - 1)), r)
    }
  }
}

@Test func printedFormulasReparseToTheSameFunction() throws {
  var gen = FormulaGenerator(rng: SeededGenerator(seed: 2024))
  var inputs = SeededGenerator(seed: 7)
  for _ in 0..<500 {
    let original = gen.expr(5)
    let text = ExprPrinter.plain(original)
    let (reparsed, diagnostics) = Parser.parseExpression(text)
    #expect(diagnostics.isEmpty, "\(text)")
    let lowering = FormulaLowering(parameters: ["x", "y"], captures: [:])
    let a = try #require(lowering.lower(original))
    let b = try #require(lowering.lower(reparsed))
    #expect(ExprPrinter.plain(reparsed) == text)
    for _ in 0..<5 {
      let args = [inputs.nextNormal() * 2, inputs.nextNormal() * 2]
      let u = a.evaluate(args)
      let v = b.evaluate(args)
      #expect(u == v || (u.isNaN && v.isNaN), "\(text) at \(args)")
    }
  }
}

@Test func compiledProgramAgreesWithTreeEvaluation() throws {
  var gen = FormulaGenerator(rng: SeededGenerator(seed: 99))
  var inputs = SeededGenerator(seed: 3)
  for _ in 0..<200 {
    let lowering = FormulaLowering(parameters: ["x", "y"], captures: [:])
    let node = try #require(lowering.lower(gen.expr(5)))
    let formula = Formula(parameters: ["x", "y"], root: node)
    let xs = (0..<600).map { _ in inputs.nextNormal() }
    let ys = (0..<600).map { _ in inputs.nextNormal() }
    let block = formula.evaluate(columns: [xs, ys])
    for k in stride(from: 0, to: 600, by: 37) {
      let t = node.evaluate([xs[k], ys[k]])
      #expect(block[k] == t || (block[k].isNaN && t.isNaN))
    }
  }
}
