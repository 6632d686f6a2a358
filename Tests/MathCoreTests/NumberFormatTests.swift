import Foundation
import MathCore
import Testing

private let numpyCases: [(Double, String)] = [
  (6.0, "6"), (0.1 + 0.2, "0.30000000000000004"), (0.1, "0.1"), (1.1 * 1.1, "1.2100000000000002"), (0.9 * 0.9, "0.81"),
  (-0.0, "0"), (0.0, "0"), (1e-7, "1e-07"), (1.5e20, "1.5e+20"),
  (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
  (2.0 / 3.0, "0.6666666666666666"),
  (123456789.0, "123456789"), (1e16, "1e+16"), (1e15, "1000000000000000"), (0.0001, "0.0001"),
  (0.00001, "1e-05"),
  (-2.5, "-2.5"), (1.0 / 3.0, "0.3333333333333333"), (3.141592653589793, "3.141592653589793"),
  (0.1 * 3, "0.30000000000000004"), (0.5 + 0.25, "0.75"), (100.0, "100"), (-7.0, "-7"), (5e-324, "5e-324"),
  (1.7976931348623157e308, "1.7976931348623157e+308"), (-1.7976931348623157e308, "-1.7976931348623157e+308"),
  (1.0332437969678387, "1.0332437969678387"), (123_456_789_012_345_680, "1.2345678901234568e+17"),
  (2.2250738585072014e-308, "2.2250738585072014e-308"),
]

@Test(arguments: numpyCases)
func plainNumbersFollowNumpyRepr(value: Double, expected: String) {
  #expect(NumberFormat.plain(value) == expected)
}

/// The shown text is the number: it reads back to the same double, bit for bit, and no
/// shorter text would (one digit fewer, rounded either way, reads back as another double).
@Test func plainTextIsTheShortestThatReadsBack() {
  var rng = SeededGenerator(seed: 0x5ADD1E)
  var checked = 0
  var failures: [String] = []
  func check(_ x: Double) {
    guard x.isFinite, x != 0 else { return }
    checked += 1
    let text = NumberFormat.plain(x)
    guard Double(text)?.bitPattern == x.bitPattern else {
      if failures.count < 10 { failures.append("\(x.bitPattern) shows \(text)") }
      return
    }
    // Significant digits of the mantissa: no leading zeros, and no trailing zeros of a whole number.
    let mantissa = text.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }
    let digits = String(mantissa).reversed().drop { $0 == "0" }.count
    if digits > 1 {
      let shorter = String(format: "%.\(digits - 2)e", x)
      if Double(shorter)?.bitPattern == x.bitPattern, failures.count < 10 {
        failures.append("\(text) could be \(shorter)")
      }
    }
  }
  for _ in 0..<100_000 { check(Double(bitPattern: rng.next())) }
  for _ in 0..<100_000 { check(Double.random(in: -1000...1000, using: &rng)) }
  for p in -323...308 {
    guard let x = Double("1e\(p)") else { continue }
    for y in [x, x.nextUp, x.nextDown] { check(y) }
  }
  #expect(checked > 200_000)
  #expect(failures.isEmpty, "\(failures)")
}

@Test func latexNumbersUseTimesTenToThePower() {
  #expect(NumberFormat.latex(2.5e20) == "2.5 \\times 10^{20}")
  #expect(NumberFormat.latex(1e-7) == "10^{-7}")
  #expect(NumberFormat.latex(-1e-7) == "-10^{-7}")
  #expect(NumberFormat.latex(3) == "3")
  #expect(NumberFormat.latex(.infinity) == "\\infty")
}

@Test func vectorsAreRightAligned() {
  #expect(ArrayFormat.plain(Vector([1, -2, 30])) == "[ 1, -2, 30]")
  #expect(ArrayFormat.plain(Vector([])) == "[]")
  #expect(ArrayFormat.latex(Vector([1, 2])) == "$$\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}$$")
}

@Test func matricesAlignAcrossRowsLikeNumpy() {
  let m = Matrix(rows: 2, columns: 2, elements: [0, -2, -2, 0])
  #expect(ArrayFormat.plain(m) == "[[ 0, -2],\n [-2,  0]]")
  #expect(ArrayFormat.latex(m) == "$$\\begin{bmatrix}0 & -2 \\\\ -2 & 0\\end{bmatrix}$$")
}

@Test func largeArraysAreSummarised() {
  let v = Vector((0..<2000).map(Double.init))
  #expect(ArrayFormat.plain(v) == "[   0,    1,    2, ..., 1997, 1998, 1999]")
  let m = Matrix(rows: 100, columns: 100, elements: (0..<10000).map { Double($0 % 10) })
  let lines = ArrayFormat.plain(m).split(separator: "\n")
  #expect(lines.count == 7)
  #expect(lines[3] == " ...,")
  #expect(ArrayFormat.latex(v).contains("\\vdots"))
}
