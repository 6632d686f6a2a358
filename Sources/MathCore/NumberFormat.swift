import Foundation

/// Number formatting shared by every display: numpy's and Python's repr, the shortest text
/// that reads back to the same double, so what is shown is the number computed to the last
/// digit (`0.1 + 0.2` is `0.30000000000000004`, as in Python; `0.1` is `0.1`).
///
/// Rules: integers print without `.0` (`6`), `-0.0` prints as `0`, magnitudes below 1e-4
/// or from 1e16 on print in scientific form with a signed two-digit exponent (`1e-07`,
/// `1.5e+20`), NaN is `nan` and infinities are `inf` / `-inf`. The largest double is
/// `1.7976931348623157e+308` (never a text that reads back as ∞).
public enum NumberFormat {
  /// The plain-text form of one number.
  public static func plain(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return "0" }
    // Swift's description is the shortest round-trip text (exact, allocation-light), already
    // in numpy's layout (scientific below 1e-4 and from 1e16, two-digit signed exponent);
    // only a whole number's ".0" goes.
    let text = x.description
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
  }

  /// The LaTeX form of one number: scientific notation becomes `1.5 \times 10^{20}`.
  public static func latex(_ x: Double) -> String {
    if x.isNaN { return "\\mathrm{NaN}" }
    if x.isInfinite { return x < 0 ? "-\\infty" : "\\infty" }
    let text = plain(x)
    guard let e = text.firstIndex(of: "e") else { return text }
    let mantissa = String(text[..<e])
    var exponent = String(text[text.index(after: e)...])
    let negative = exponent.hasPrefix("-")
    exponent = String(exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" })
    let power = "10^{\(negative ? "-" : "")\(exponent.isEmpty ? "0" : exponent)}"
    return mantissa == "1" ? power : mantissa == "-1" ? "-" + power : "\(mantissa) \\times \(power)"
  }
}
