import Foundation

/// Python's float arithmetic where it differs from Swift's, so tick positions computed
/// here round exactly as matplotlib's do (its algorithms are specified in terms of
/// `//`, `divmod`, `round` and `np.round`).
enum PythonArithmetic {
  /// `divmod(x, y)` for floats: floor quotient and a remainder with the sign of `y`.
  static func divmod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
    var mod = fmod(x, y)
    var div = (x - mod) / y
    if mod != 0 {
      if (y < 0) != (mod < 0) {
        mod += y
        div -= 1
      }
    } else {
      mod = copysign(0, y)
    }
    var floorDiv: Double
    if div != 0 {
      floorDiv = div.rounded(.down)
      if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
      floorDiv = copysign(0, x / y)
    }
    return (floorDiv, mod)
  }

  /// `x // y` for floats.
  static func floorDivide(_ x: Double, _ y: Double) -> Double { divmod(x, y).quotient }

  /// `np.round(x, decimals)` for decimals ≥ 0: scale, round half to even, unscale.
  static func npRound(_ x: Double, decimals: Int) -> Double {
    let f = pow(10.0, Double(decimals))
    return (x * f).rounded(.toNearestOrEven) / f
  }

  /// `round(x)` for floats: nearest integer, ties to even.
  static func round(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }

  /// `'%1.Nf' % x`, then matplotlib's Unicode minus sign.
  static func fixedPoint(_ x: Double, decimals: Int) -> String {
    fixMinus(String(format: "%1.\(decimals)f", x))
  }

  /// matplotlib's `fix_minus` with `axes.unicode_minus` on: '-' → '−' (U+2212).
  static func fixMinus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }
}
