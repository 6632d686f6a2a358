import MathCore

/// Algebraic clean-up of formula trees, so derived formulas read like a textbook.
///
/// Bottom-up, one pass: constant folding, the 0/1 identities (`x + 0`, `1*x`, `0*x`,
/// `x^1`, `x^0`, `x/1`), `-(-x) → x`, `a + (-b) → a - b`, `a - (-b) → a + b`, numeric
/// factors moved to the front and collected (`(2*x)*3 → 6*x`). `0*x → 0` assumes x is
/// finite, as symbolic algebra does. Order of non-constant factors is kept, so
/// `2*(1 - w1*w2)*(-w2)` stays in the chain rule's order.
extension FormulaNode {
  /// The simplified, mathematically equal formula.
  public func simplified() -> FormulaNode {
    switch self {
    case .constant, .parameter: return self
    case .negate(let x): return Self.negated(x.simplified())
    case .function(let f, let x):
      let s = x.simplified()
      if case .constant(let c) = s { return .constant(f.apply(c)) }
      return .function(f, s)
    case .binary(let op, let a, let b): return Self.combine(op, a.simplified(), b.simplified())
    }
  }

  var constantValue: Double? {
    if case .constant(let c) = self { return c }
    return nil
  }

  /// For a product whose leading factor is a negative constant (`-2*w1*w2`), the same
  /// product with that constant made positive (`2*w1*w2`); nil otherwise.
  var withNegativeLeadFlipped: FormulaNode? {
    guard case .binary(.multiply, let a, let b) = self else { return nil }
    if let c = a.constantValue, c < 0 { return FormulaNode.product(.constant(-c), b) }
    return a.withNegativeLeadFlipped.map { FormulaNode.product($0, b) }
  }

  static func negated(_ x: FormulaNode) -> FormulaNode {
    switch x {
    case .constant(let c): return .constant(-c)
    case .negate(let y): return y
    case .binary(.multiply, .constant(let c), let y): return combine(.multiply, .constant(-c), y)
    default: return .negate(x)
    }
  }

  /// `a op b` for already simplified operands.
  static func combine(_ op: FormulaOperator, _ a: FormulaNode, _ b: FormulaNode) -> FormulaNode {
    if let x = a.constantValue, let y = b.constantValue {
      return .constant(FormulaNode.binary(op, .constant(x), .constant(y)).evaluate([Double]()))
    }
    switch op {
    case .add: return sum(a, b)
    case .subtract: return difference(a, b)
    case .multiply: return product(a, b)
    case .divide: return quotient(a, b)
    case .power: return power(a, b)
    }
  }

  private static func sum(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode {
    if a.constantValue == 0 { return b }
    if b.constantValue == 0 { return a }
    if case .negate(let y) = b { return difference(a, y) }
    if let c = b.constantValue, c < 0 { return .binary(.subtract, a, .constant(-c)) }
    if let flipped = b.withNegativeLeadFlipped { return difference(a, flipped) }
    if case .negate(let y) = a { return difference(b, y) }
    if let flipped = a.withNegativeLeadFlipped { return difference(b, flipped) }
    if a == b { return product(.constant(2), a) }
    return .binary(.add, a, b)
  }

  private static func difference(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode {
    if b.constantValue == 0 { return a }
    if a.constantValue == 0 { return negated(b) }
    if case .negate(let y) = b { return sum(a, y) }
    if let c = b.constantValue, c < 0 { return .binary(.add, a, .constant(-c)) }
    if let flipped = b.withNegativeLeadFlipped { return sum(a, flipped) }
    if a == b { return .constant(0) }
    return .binary(.subtract, a, b)
  }

  static func product(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode {
    if a.constantValue == 0 || b.constantValue == 0 { return .constant(0) }
    if a.constantValue == 1 { return b }
    if b.constantValue == 1 { return a }
    if a.constantValue == -1 { return negated(b) }
    if b.constantValue == -1 { return negated(a) }
    if b.constantValue != nil { return product(b, a) }
    if case .negate(let x) = a, case .negate(let y) = b { return product(x, y) }
    if let c = a.constantValue {
      if case .binary(.multiply, .constant(let d), let y) = b {
        return product(.constant(c * d), y)
      }
      if case .negate(let y) = b { return product(.constant(-c), y) }
      if case .binary(.multiply, let x, let y) = b, x.constantValue == nil {
        return product(product(a, x), y)
      }
    }
    if case .negate(let y) = b, case .binary(.multiply, .constant(let c), let x) = a, c < 0 {
      return product(product(.constant(-c), x), y)
    }
    if a == b { return power(a, .constant(2)) }
    if case .binary(.multiply, .constant(let c), let x) = a, x == b {
      return product(.constant(c), power(x, .constant(2)))
    }
    return .binary(.multiply, a, b)
  }

  private static func quotient(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode {
    if a.constantValue == 0 { return .constant(0) }
    if b.constantValue == 1 { return a }
    if b.constantValue == -1 { return negated(a) }
    if a == b { return .constant(1) }
    return .binary(.divide, a, b)
  }

  private static func power(_ a: FormulaNode, _ b: FormulaNode) -> FormulaNode {
    if b.constantValue == 0 { return .constant(1) }
    if b.constantValue == 1 { return a }
    if a.constantValue == 1 { return .constant(1) }
    if case .binary(.power, let x, .constant(let c)) = a, let d = b.constantValue, c == c.rounded(),
      d == d.rounded()
    {
      return power(x, .constant(c * d))
    }
    return .binary(.power, a, b)
  }
}
