import Formula
import MathCore
import Testing

@testable import Language

/// Collecting like terms in derived polynomials: when it applies, what it leaves alone, and
/// that it never changes a value.
struct CollectLikeTermsTests: FormulaBuilders {
  @Test func theSlidesMixedPartialBecomesFourW1W2MinusTwo() {
    // 2*w1*w2 - 2*(1 - w1*w2), as the chain rule produces it.
    let raw = sub(mul(mul(c(2), x), y), mul(c(2), sub(c(1), mul(x, y))))
    #expect(raw.collectingLikeTerms() == sub(mul(mul(c(4), x), y), c(2)))
  }

  @Test func factoredFormsThatAreShorterStay() {
    // 2*(1 - w1*w2)*(-w2) expands to 2*w1*w2^2 - 2*w2, which is longer.
    let first = mul(mul(c(2), sub(c(1), mul(x, y))), .negate(y))
    #expect(first.collectingLikeTerms() == first)
    #expect(pow(sub(x, c(1)), c(2)).collectingLikeTerms() == pow(sub(x, c(1)), c(2)))
  }

  @Test func nonPolynomialsAndFractionsAreLeftAlone() {
    let withSine = add(mul(c(2), FormulaNode.function(.sin, x)), FormulaNode.function(.sin, x))
    #expect(withSine.collectingLikeTerms() == withSine)
    let fractional = add(mul(c(0.5), x), mul(c(0.25), x))
    #expect(fractional.collectingLikeTerms() == fractional)
    let quotient = add(FormulaNode.binary(.divide, x, c(2)), FormulaNode.binary(.divide, x, c(2)))
    #expect(quotient.collectingLikeTerms() == quotient)
    let hugePower = pow(add(x, y), c(40))
    #expect(hugePower.collectingLikeTerms() == hugePower)
  }

  @Test func termsCancelAndMinusOneIsANegation() {
    #expect(sub(mul(x, y), mul(y, x)).collectingLikeTerms() == c(0))
    // x*y - 2*x*y → -x*y
    let negative = sub(mul(x, y), mul(mul(c(2), x), y))
    #expect(negative.collectingLikeTerms() == mul(.negate(x), y))
    #expect(ExprPrinter.plain(CalculusFunctions.expr(negative.collectingLikeTerms(), ["x", "y"])) == "-x*y")
  }

  /// Random integer polynomials in three parameters: the collected form evaluates to the
  /// same value (up to rounding) at random points.
  @Test func collectingNeverChangesAValue() {
    var rng = SeededGenerator(seed: 41)
    func pick(_ n: Int) -> Int { Swift.min(n - 1, Int(rng.nextUniform() * Double(n))) }
    func formula(_ depth: Int) -> FormulaNode {
      if depth == 0 || pick(4) == 0 {
        return pick(2) == 0 ? .parameter(pick(3)) : .constant(Double(pick(7) - 3))
      }
      switch pick(5) {
      case 0: return add(formula(depth - 1), formula(depth - 1))
      case 1: return sub(formula(depth - 1), formula(depth - 1))
      case 2: return .negate(formula(depth - 1))
      case 3: return pow(formula(depth - 1), c(Double(pick(3) + 1)))
      default: return mul(formula(depth - 1), formula(depth - 1))
      }
    }
    var collected = 0
    for _ in 0..<500 {
      let f = formula(5)
      let g = f.collectingLikeTerms()
      if g != f { collected += 1 }
      #expect(g.size <= f.size)
      let point = (0..<3).map { _ in rng.nextUniform() * 3 - 1.5 }
      let (a, b) = (f.evaluate(point), g.evaluate(point))
      let scale = Swift.max(1, Swift.abs(a), f.evaluate(point.map(Swift.abs)).magnitude)
      #expect(Swift.abs(a - b) <= 1e-9 * scale || (a.isNaN && b.isNaN), "\(f) → \(g)")
    }
    #expect(collected > 50, "the generator exercises the rewrite")
  }
}
