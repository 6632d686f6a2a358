import Foundation

/// Short numbers for summaries, status lines and figure titles, where a person reads a few
/// digits rather than a value to copy back (members keep full precision: only text changes).
///
/// Same spelling as `plain` (ASCII `-`, `nan`, `inf`, `-inf`, `0` for −0, scientific form
/// with a signed two-digit exponent below 1e-4 and from 1e16 on), but rounded to `digits`
/// significant digits with trailing zeros dropped, and integer digits never dropped:
/// `short(1.866545550584793)` is `1.867`, `short(123456789)` is `123456789`,
/// `short(0.1 + 0.2)` is `0.3`, `short(3.1357e-4)` is `0.0003136`, `short(1e-300)` is `1e-300`.
extension NumberFormat {
  /// `x` rounded to `digits` significant digits (1…17), without float noise.
  public static func short(_ x: Double, digits: Int = 4) -> String {
    if !x.isFinite || x == 0 { return plain(x) }
    let n = min(max(digits, 1), 17)
    let scientific = String(format: "%.\(n - 1)e", x)
    guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...])
    else { return plain(x) }
    if exponent < -4 || exponent >= 16 {
      let mantissa = trimmingZeros(String(scientific[..<e]))
      return mantissa + String(scientific[e...])
    }
    let fixed = trimmingZeros(String(format: "%.\(max(0, n - 1 - exponent))f", x))
    return fixed == "-0" ? "0" : fixed
  }

  /// A duration: `340 ms` under a second, `8.2 s` from one second on (3 significant digits).
  public static func seconds(_ s: Double) -> String {
    if s.isFinite, abs(s) < 1, s != 0 { return short(s * 1000, digits: 3) + " ms" }
    return short(s, digits: 3) + " s"
  }

  /// A percentage already in percent units: `70.15 %` (4 significant digits).
  public static func percent(_ p: Double, digits: Int = 4) -> String { short(p, digits: digits) + " %" }

  /// `1.500` → `1.5`, `2.000` → `2`; text without a decimal point is left alone.
  private static func trimmingZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var t = Substring(text)
    while t.last == "0" { t = t.dropLast() }
    if t.last == "." { t = t.dropLast() }
    return String(t)
  }
}
