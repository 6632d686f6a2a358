/// Collecting like terms: a polynomial formula rewritten in expanded normal form when that
/// is shorter, so `∂²L/∂w1∂w2` of `(1 - w1*w2)^2` reads `4*w1*w2 - 2` as on the slide.
///
/// Design note: only formulas made of integer constants, parameters, `+ - *`, negation and
/// small whole powers are expanded, with every coefficient an integer of magnitude below
/// 2⁴⁰, so the expansion is exact (no rounding in the coefficients) and the rewritten
/// formula differs from the original only in the rounding of its evaluation. Anything with
/// a division, an elementwise function or a fractional constant is left alone, as is an
/// expansion that is not strictly smaller than the factored form (so the chain rule's
/// `2*(1 - w1*w2)*(-w2)` keeps its factors). A term limit keeps the work cheap.
extension FormulaNode {
  /// The expanded normal form if this formula is such a polynomial and expanding makes it
  /// strictly smaller; otherwise the formula unchanged.
  public func collectingLikeTerms() -> FormulaNode {
    guard case .binary = self, let polynomial = Polynomial(self) else { return self }
    let expanded = polynomial.formula
    return expanded.size < size ? expanded : self
  }
}

/// A polynomial with exact integer coefficients in `Double`, keyed by monomial.
struct Polynomial {
  /// A monomial as its exponents by parameter index (trailing zeros dropped).
  typealias Monomial = [Int]

  private(set) var terms: [Monomial: Double] = [:]

  static let maxTerms = 32
  static let maxExponent = 8
  static let maxCoefficient = 1_099_511_627_776.0  // 2⁴⁰: integer arithmetic stays exact

  private init(_ terms: [Monomial: Double]) { self.terms = terms }

  /// The polynomial a formula denotes, or nil when it is not an exactly expandable one.
  init?(_ node: FormulaNode) {
    switch node {
    case .constant(let c):
      guard c == c.rounded(), Swift.abs(c) < Self.maxCoefficient else { return nil }
      self.init(c == 0 ? [:] : [[]: c])
    case .parameter(let i): self.init([Array(repeating: 0, count: i) + [1]: 1])
    case .negate(let x):
      guard let p = Polynomial(x) else { return nil }
      self = p.scaled(by: -1)
    case .function: return nil
    case .binary(let op, let a, let b):
      guard let p = Polynomial(a) else { return nil }
      switch op {
      case .add, .subtract, .multiply:
        guard let q = Polynomial(b) else { return nil }
        let result =
          op == .multiply ? p.times(q) : p.plus(op == .add ? q : q.scaled(by: -1))
        guard let result else { return nil }
        self = result
      case .power:
        guard case .constant(let k) = b, k == k.rounded(), k >= 0, k <= Double(Self.maxExponent)
        else { return nil }
        var result: Polynomial? = Polynomial([[]: 1])
        for _ in 0..<Int(k) { result = result?.times(p) }
        guard let result else { return nil }
        self = result
      case .divide: return nil
      }
    }
  }

  private func scaled(by c: Double) -> Polynomial {
    Polynomial(terms.mapValues { $0 * c })
  }

  private func plus(_ other: Polynomial) -> Polynomial? {
    var sum = terms
    for (m, c) in other.terms { sum[m, default: 0] += c }
    return Polynomial.checked(sum)
  }

  private func times(_ other: Polynomial) -> Polynomial? {
    var product: [Monomial: Double] = [:]
    for (m, c) in terms {
      for (n, d) in other.terms { product[Self.multiply(m, n), default: 0] += c * d }
    }
    return Polynomial.checked(product)
  }

  /// Drops zero terms; nil when the result is too large to stay exact and cheap.
  private static func checked(_ terms: [Monomial: Double]) -> Polynomial? {
    let kept = terms.filter { $0.value != 0 }
    guard kept.count <= maxTerms,
      kept.allSatisfy({ Swift.abs($0.value) < maxCoefficient && $0.key.reduce(0, +) <= 4 * maxExponent })
    else { return nil }
    return Polynomial(kept)
  }

  private static func multiply(_ m: Monomial, _ n: Monomial) -> Monomial {
    (0..<Swift.max(m.count, n.count)).map { (m.count > $0 ? m[$0] : 0) + (n.count > $0 ? n[$0] : 0) }
  }

  /// Higher total degree first, then by exponents of the earlier parameters (w1² before
  /// w1·w2 before w2²), the constant last: `4*x^3 - 6*x + 1`, `4*w1*w2 - 2`.
  private static func precedes(_ m: Monomial, _ n: Monomial) -> Bool {
    let (dm, dn) = (m.reduce(0, +), n.reduce(0, +))
    if dm != dn { return dm > dn }
    for i in 0..<Swift.max(m.count, n.count) {
      let (a, b) = (m.count > i ? m[i] : 0, n.count > i ? n[i] : 0)
      if a != b { return a > b }
    }
    return false
  }

  /// The expanded formula: terms in `precedes` order joined by `+` and `-`.
  var formula: FormulaNode {
    let ordered = terms.sorted { Self.precedes($0.key, $1.key) }
    guard let first = ordered.first else { return .constant(0) }
    var node = Self.term(first.value, first.key)
    for (m, c) in ordered.dropFirst() {
      node = .binary(c < 0 ? .subtract : .add, node, Self.term(Swift.abs(c), m))
    }
    return node
  }

  /// `c*x^a*y^b` (a left-leaning product) with the factor 1 left out and −1 written as a
  /// negation of the first factor (`-x^2*y`).
  private static func term(_ c: Double, _ m: Monomial) -> FormulaNode {
    var factors = m.enumerated().compactMap { (i, e) -> FormulaNode? in
      e == 0 ? nil : e == 1 ? .parameter(i) : .binary(.power, .parameter(i), .constant(Double(e)))
    }
    if factors.isEmpty { return .constant(c) }
    if c == -1 {
      factors[0] = .negate(factors[0])
    } else if c != 1 {
      factors.insert(.constant(c), at: 0)
    }
    return factors.dropFirst().reduce(factors[0]) { .binary(.multiply, $0, $1) }
  }
}
