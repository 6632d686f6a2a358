import Foundation

/// Range arithmetic that stays finite near ±1.8e308, where `hi − lo` and `(hi + lo)/2`
/// overflow: limits, tick locators, formatters and colour scales use these instead of the
/// plain formulas so an axis spanning almost every double still gets positions and ticks.
///
/// Halving is exact for normal doubles, so each helper returns exactly the plain formula's
/// result whenever that one is finite, and the halved form only when it would overflow.
enum ExtremeArithmetic {
  static let largest = Double.greatestFiniteMagnitude

  /// `v` clamped into the finite doubles (±∞ → ±largest); NaN stays NaN.
  static func finite(_ v: Double) -> Double { v.isNaN ? v : min(max(v, -largest), largest) }

  /// (v − lo)/(hi − lo): where `v` sits along [lo, hi] (0 at lo, 1 at hi).
  static func fraction(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
    let span = hi - lo
    if span.isFinite && (v - lo).isFinite { return (v - lo) / span }
    return (v / 2 - lo / 2) / (hi / 2 - lo / 2)
  }

  /// (a + b)/2 without overflow.
  static func midpoint(_ a: Double, _ b: Double) -> Double {
    let s = a + b
    return s.isFinite ? s / 2 : a / 2 + b / 2
  }

  /// log₁₀|b − a| without overflow (−∞ when a = b).
  static func log10Span(_ a: Double, _ b: Double) -> Double {
    let d = abs(b - a)
    return d.isFinite ? log10(d) : log10(abs(b / 2 - a / 2)) + log10(2.0)
  }
}
