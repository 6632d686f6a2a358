import Foundation

/// C's `printf("%.16g", x)` without `String(format:)`, which goes through Foundation's
/// format-string machinery and costs microseconds per number (it was a third of a trivial
/// cell's time).
///
/// Exact: the 16 significant digits come from the double's exact binary value, rounded to
/// nearest with ties to even (as glibc does), using 128-bit integer arithmetic. Values
/// whose exact arithmetic would not fit 128 bits (magnitudes below about 1e-7 or from about
/// 1.7e38, and subnormals) return nil, and the caller uses `String(format:)`.
enum Printf16g {
  /// The `%.16g` text of a finite, nonzero `x`, or nil when it is outside the exact range.
  static func format(_ x: Double) -> String? {
    guard x.isFinite, x != 0 else { return nil }
    let magnitude = x.magnitude
    // The common case: an integer below 1e16 has at most 16 digits and prints as itself.
    if magnitude < 1e16, magnitude.rounded(.towardZero) == magnitude {
      let digits = String(UInt64(magnitude))
      return x < 0 ? "-" + digits : digits
    }
    guard let (digits, exponent) = roundedDigits(magnitude) else { return nil }
    return layout(digits: digits, exponent: exponent, negative: x < 0)
  }

  /// The magnitude rounded to 16 significant digits: `digits` in 10^15..<10^16 and the
  /// decimal exponent of the first digit, so the value is `digits × 10^(exponent − 15)`.
  static func roundedDigits(_ a: Double) -> (digits: UInt64, exponent: Int)? {
    guard a.exponentBitPattern != 0 else { return nil }  // subnormal
    // a = m × 2^e exactly, with m odd (fewer bits to carry).
    var m = UInt64(a.significandBitPattern) | (1 << 52)
    var e = Int(a.exponentBitPattern) - 1075
    let zeros = m.trailingZeroBitCount
    m >>= UInt64(zeros)
    e += zeros
    var exponent = Int(log10(a).rounded(.down))
    // log10 may be off by one next to a power of ten; the quotient's size corrects it.
    for _ in 0..<3 {
      guard let (q, remainder, divisor) = scaled(m: m, e: e, by: 15 - exponent) else { return nil }
      if q < tenTo15 {
        exponent -= 1
        continue
      }
      if q >= tenTo16 {
        exponent += 1
        continue
      }
      // Round half to even on the exact remainder.
      var digits = UInt64(q)
      let rest = divisor - remainder
      if remainder > rest || (remainder == rest && digits & 1 == 1) { digits += 1 }
      if digits == UInt64(tenTo16) { return (UInt64(tenTo15), exponent + 1) }
      return (digits, exponent)
    }
    return nil
  }

  /// `m × 2^e × 10^k` as quotient and remainder over a divisor, exactly; nil when it does not fit.
  private static func scaled(m: UInt64, e: Int, by k: Int) -> (UInt128, UInt128, UInt128)? {
    if e >= 0 {
      // An integer; it is at least 2^52 here, so k ≤ 0.
      guard Int(UInt64.bitWidth - m.leadingZeroBitCount) + e <= 127, k <= 0, -k <= 38 else { return nil }
      let value = UInt128(m) << UInt128(e)
      if k == 0 { return (value, 0, 1) }
      let divisor = power10(-k)
      let (q, r) = value.quotientAndRemainder(dividingBy: divisor)
      return (q, r, divisor)
    }
    // m × 10^k / 2^s: m < 2^53 and 10^22 < 2^74 keep the product below 2^128.
    let s = -e
    guard s <= 126, k >= 0, k <= 22 else { return nil }
    let numerator = UInt128(m) * power10(k)
    let divisor = UInt128(1) << UInt128(s)
    return (numerator >> UInt128(s), numerator & (divisor - 1), divisor)
  }

  private static let tenTo15 = UInt128(1_000_000_000_000_000)
  private static let tenTo16 = UInt128(10_000_000_000_000_000)

  private static func power10(_ k: Int) -> UInt128 {
    var p: UInt128 = 1
    for _ in 0..<k { p *= 10 }
    return p
  }

  /// `%g` layout: fixed notation when −4 ≤ exponent < 16, else `d.ddde±XX`; trailing zeros
  /// (and a bare point) removed.
  static func layout(digits: UInt64, exponent: Int, negative: Bool) -> String {
    var text = Array(String(digits).utf8)  // 16 digits
    while text.count > 1, text.last == UInt8(ascii: "0") { text.removeLast() }
    var out: [UInt8] = []
    out.reserveCapacity(24)
    if negative { out.append(UInt8(ascii: "-")) }
    if exponent >= -4 && exponent < 16 {
      if exponent >= 0 {
        let whole = exponent + 1
        for i in 0..<whole { out.append(i < text.count ? text[i] : UInt8(ascii: "0")) }
        if text.count > whole {
          out.append(UInt8(ascii: "."))
          out.append(contentsOf: text[whole...])
        }
      } else {
        out.append(UInt8(ascii: "0"))
        out.append(UInt8(ascii: "."))
        for _ in 0..<(-exponent - 1) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: text)
      }
    } else {
      out.append(text[0])
      if text.count > 1 {
        out.append(UInt8(ascii: "."))
        out.append(contentsOf: text[1...])
      }
      out.append(UInt8(ascii: "e"))
      out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
      let power = Array(String(exponent.magnitude).utf8)
      if power.count < 2 { out.append(UInt8(ascii: "0")) }
      out.append(contentsOf: power)
    }
    return String(decoding: out, as: UTF8.self)
  }
}
