import Foundation

/// Number formatting shared by every display: like numpy's repr, but rounded to 16
/// significant digits so `0.1 + 0.2` reads `0.3`.
///
/// Rules: integers print without `.0` (`6`), `-0.0` prints as `0`, magnitudes below 1e-4
/// or from 1e16 on print in scientific form with a signed two-digit exponent (`1e-07`,
/// `1.5e+20`), NaN is `nan` and infinities are `inf` / `-inf`. A finite number never shows
/// as text that reads back as infinite: where 16 digits would round past the largest double,
/// the shortest round-trip text (17 digits) is shown.
public enum NumberFormat {
  /// The plain-text form of one number.
  public static func plain(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return "0" }
    // Exact and much faster; `String(format:)` only for the rare magnitudes it does not cover.
    if let text = Printf16g.format(x) { return text }
    let text = String(format: "%.16g", x)
    // Next to the largest double, 16 digits round up past it (1.797693134862316e+308 reads
    // back as ∞); there the shortest text that reads back to x is shown (17 digits).
    if let back = Double(text), back.isInfinite { return x.description }
    return text == "-0" ? "0" : text
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
