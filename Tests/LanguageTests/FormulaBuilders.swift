import Formula
import Language

/// Short constructors for formula trees in tests: `sub(mul(c(2), x), y)` is `2*x - y`.
protocol FormulaBuilders {}

extension FormulaBuilders {
  var x: FormulaNode { .parameter(0) }
  var y: FormulaNode { .parameter(1) }

  func c(_ v: Double) -> FormulaNode { .constant(v) }
  func add(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode { .binary(.add, a, b) }
  func sub(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode { .binary(.subtract, a, b) }
  func mul(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode { .binary(.multiply, a, b) }
  func pow(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode { .binary(.power, a, b) }
}
