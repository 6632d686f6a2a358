import Foundation
import Testing

@testable import MathCore

/// `NumberFormat.plain` as it was defined before the exact formatter: C's `%.16g`, except
/// that a finite number whose 16 digits read back as ∞ (within an ulp of the largest double)
/// shows its shortest round-trip text instead.
private func reference(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x < 0 ? "-inf" : "inf" }
  if x == 0 { return "0" }
  let text = String(format: "%.16g", x)
  if Double(text)?.isInfinite == true { return x.description }
  return text == "-0" ? "0" : text
}

/// Compares `NumberFormat.plain` with `%.16g` on every value; also checks that values in the
/// exact formatter's range really take it (so the comparison tests the new code).
private struct Comparison {
  var checked = 0
  var mismatches: [String] = []
  var missedExactPath: [Double] = []

  mutating func check(_ x: Double) {
    checked += 1
    let expected = reference(x)
    let got = NumberFormat.plain(x)
    if got != expected, mismatches.count < 20 {
      mismatches.append("\(x.bitPattern): got \(got), %.16g gives \(expected)")
    }
    let a = x.magnitude
    if a.isNormal, a > 1e-7, a < 1e38, Printf16g.format(x) == nil, missedExactPath.count < 20 {
      missedExactPath.append(x)
    }
  }

  func expectClean(_ comment: Comment) {
    #expect(mismatches.isEmpty, comment)
    #expect(missedExactPath.isEmpty, comment)
  }
}

@Suite struct Printf16gTests {
  @Test func edgeCasesMatchPrintf() {
    var c = Comparison()
    let edges: [Double] = [
      0, -0.0, .nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
      .leastNormalMagnitude, .leastNonzeroMagnitude, 1, -1, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e15, 1e16,
      1e16 - 2, 9_999_999_999_999_998, 9_999_999_999_999_999, 1e17, 1e22, 1e23, 1e-4, 1e-5, 9.99999999999999e-5,
      0.000099999999999999995, 99999.999999999999, 1e-7, 1e-8, 1e38, 1.7e38, 2e38, 4503599627370495.5,
      4_503_599_627_370_496, 9_007_199_254_740_993, 123456789012345.67, 0.5, 1.5, 2.5, 1e300, 1e-300,
      Double(UInt64.max), Double(Int64.min),
    ]
    for x in edges {
      c.check(x)
      c.check(-x)
      c.check(x.nextUp)
      c.check(x.nextDown)
    }
    c.expectClean("edge cases")
  }

  /// 1,200,000 values from many bit patterns; every one must print exactly as `%.16g`.
  @Test func randomValuesMatchPrintfExactly() {
    var rng = SeededGenerator(seed: 0x5ADD1E_16)
    var c = Comparison()
    let perKind = 200_000

    // Random bit patterns: every exponent, subnormals included.
    for _ in 0..<perKind {
      let x = Double(bitPattern: rng.next())
      if x.isFinite { c.check(x) } else { c.check(Double(bitPattern: rng.next() >> 2)) }
    }
    // Random integers of every size up to 2^64, and integer-valued doubles beyond.
    for i in 0..<perKind {
      let digits = i % 20 + 1
      let limit = digits >= 19 ? UInt64.max : (0..<digits).reduce(UInt64(1)) { p, _ in p * 10 }
      let x = Double(UInt64.random(in: 0..<limit, using: &rng))
      c.check(Bool.random(using: &rng) ? x : -x)
      c.check((Double.random(in: 0..<1, using: &rng) * pow(10, Double(i % 40))).rounded())
    }
    // Decimals with few digits at every scale (parsed, so correctly rounded from the decimal).
    for _ in 0..<perKind {
      let mantissa = Int.random(in: 1..<1_000_000, using: &rng)
      let exponent = Int.random(in: -40...40, using: &rng)
      c.check(Double("\(mantissa)e\(exponent)")!)
    }
    // Powers of ten and small multiples, a few ulps either side.
    for p in -323...308 {
      for multiple in 1...9 {
        guard let x = Double("\(multiple)e\(p)") else { continue }
        var up = x
        var down = x
        c.check(x)
        for _ in 0..<4 {
          up = up.nextUp
          down = down.nextDown
          c.check(up)
          c.check(down)
        }
      }
    }
    // Halfway cases: n + 0.5 with 16-digit n is exactly a tie at the 17th digit
    // (the only exact ties a double can be); also one ulp either side.
    for _ in 0..<perKind / 2 {
      let x = Double(UInt64.random(in: 1_000_000_000_000_000..<4_503_599_627_370_496, using: &rng)) + 0.5
      c.check(x)
      c.check(x.nextUp)
      c.check(x.nextDown)
    }
    // 17-digit decimals ending in 5 (nearly ties after rounding to a double) and runs of nines
    // (rounding carries into a new leading digit), at every scale.
    for i in 0..<perKind {
      let exponent = Int.random(in: -12...40, using: &rng)
      let text: String
      if i % 2 == 0 {
        let body = UInt64.random(in: 1_000_000_000_000_000..<10_000_000_000_000_000, using: &rng)
        text = "\(body)5e\(exponent - 16)"
      } else {
        let nines = Int.random(in: 14...17, using: &rng)
        text = "9." + String(repeating: "9", count: nines) + "\(Int.random(in: 0...9, using: &rng))e\(exponent)"
      }
      c.check(Double(text)!)
    }
    // Random doubles of ordinary sizes (what cells usually print).
    for _ in 0..<perKind {
      c.check(Double.random(in: -1000...1000, using: &rng))
    }
    #expect(c.checked >= 1_000_000)
    c.expectClean("random values")
  }
}
