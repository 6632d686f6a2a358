import Formula
import Language
import Testing

/// Each simplification rule, on the smallest formula that needs it.
struct CalculusSimplifyTests: FormulaBuilders {
  @Test func constantsFold() {
    #expect(add(c(2), mul(c(3), c(4))).simplified() == c(14))
    #expect(FormulaNode.function(.exp, c(0)).simplified() == c(1))
  }

  @Test func zeroAndOneIdentities() {
    #expect(add(x, c(0)).simplified() == x)
    #expect(add(c(0), x).simplified() == x)
    #expect(sub(x, c(0)).simplified() == x)
    #expect(mul(c(1), x).simplified() == x)
    #expect(mul(x, c(0)).simplified() == c(0))
    #expect(FormulaNode.binary(.divide, x, c(1)).simplified() == x)
    #expect(pow(x, c(1)).simplified() == x)
    #expect(pow(x, c(0)).simplified() == c(1))
  }

  @Test func negationsCancelAndBecomeSubtraction() {
    #expect(FormulaNode.negate(.negate(x)).simplified() == x)
    #expect(add(x, .negate(y)).simplified() == sub(x, y))
    #expect(sub(x, .negate(y)).simplified() == add(x, y))
    #expect(sub(c(0), y).simplified() == .negate(y))
    #expect(mul(c(-1), x).simplified() == .negate(x))
  }

  @Test func numericFactorsAreCollectedInFront() {
    #expect(mul(mul(c(2), x), c(3)).simplified() == mul(c(6), x))
    #expect(mul(x, c(5)).simplified() == mul(c(5), x))
    #expect(mul(c(2), mul(c(4), y)).simplified() == mul(c(8), y))
    #expect(mul(x, x).simplified() == pow(x, c(2)))
  }

  @Test func chainRuleKeepsTheSlidesOrder() throws {
    let loss = pow(sub(c(1), mul(x, y)), c(2))
    #expect(try loss.derivative(0) == mul(mul(c(2), sub(c(1), mul(x, y))), .negate(y)))
  }
}
