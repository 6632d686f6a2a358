import MathCore
import Testing

private let numpyCases: [(Double, String)] = [
  (6.0, "6"), (0.1 + 0.2, "0.3"), (-0.0, "0"), (0.0, "0"), (1e-7, "1e-07"), (1.5e20, "1.5e+20"),
  (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
  (2.0 / 3.0, "0.6666666666666666"),
  (123456789.0, "123456789"), (1e16, "1e+16"), (1e15, "1000000000000000"), (0.0001, "0.0001"),
  (0.00001, "1e-05"),
  (-2.5, "-2.5"), (1.0 / 3.0, "0.3333333333333333"), (3.141592653589793, "3.141592653589793"),
  (0.1 * 3, "0.3"), (100.0, "100"), (-7.0, "-7"), (5e-324, "4.940656458412465e-324"),
]

@Test(arguments: numpyCases)
func plainNumbersFollowNumpyReprRoundedTo16Digits(value: Double, expected: String) {
  #expect(NumberFormat.plain(value) == expected)
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
