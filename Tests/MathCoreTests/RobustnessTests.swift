import Foundation
import Testing

@testable import MathCore

/// Extreme inputs (issue 11): subnormal pivots, entries near 1.8e308, results too large to
/// allocate, stop requests during BLAS/LAPACK work, and numbers next to the largest double.
struct RobustnessTests {
  /// Deterministic entries in [-1, 1).
  private func entries(_ count: Int, seed: UInt64) -> [Double] {
    var g = SeededGenerator(seed: seed)
    return (0..<count).map { _ in g.nextUniform() * 2 - 1 }
  }

  @Test func normOfHugeVectorDoesNotOverflow() {
    // The correctly rounded √(3e200² + 4e200²) of the doubles nearest 3e200 and 4e200 (Python's
    // math.hypot gives the same), shown as 5e+200.
    #expect(Vector([3e200, 4e200]).norm == 4.9999999999999995e200)
    // The doubles 3e200 and 4e200 are not exactly 3·10²⁰⁰ and 4·10²⁰⁰: their exact norm is
    // 4.99999999999999984…e200, whose nearest double is this one (Python's math.hypot agrees).
    #expect(NumberFormat.plain(Vector([3e200, 4e200]).norm) == "4.9999999999999995e+200")
    #expect(NumberFormat.plain(Vector([3e-200, 4e-200]).norm) == "5e-200")
    #expect(Vector([Double.greatestFiniteMagnitude, 0]).norm == Double.greatestFiniteMagnitude)
    #expect(Vector([5e-324, 0]).norm == 5e-324)
    #expect(Vector([3, 4]).norm == 5)
    #expect(Vector([]).norm == 0)
    #expect(Vector([.infinity, 1]).norm == .infinity)
    #expect(Vector([.infinity, .nan]).norm.isNaN)
  }

  @Test func normAgreesWithPlainSumOfSquaresToAnUlpOnOrdinaryVectors() {
    for seed in 0..<50 as Range<UInt64> {
      let v = Vector(entries(37, seed: seed).map { $0 * 1e3 })
      let plain = v.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
      #expect(Swift.abs(v.norm - plain) <= 2 * plain.ulp)
    }
    // Pythagorean triples are exact at every scale.
    for k in [-1000, -530, 0, 3, 500, 1000] {
      let scale = Double(sign: .plus, exponent: k, significand: 1)
      #expect(Vector([5 * scale, 12 * scale]).norm == 13 * scale)
    }
  }

  @Test func determinantWithSubnormalPivotIsFinite() throws {
    // Row 0 is subnormal: dgetrf's reciprocal pivot was ∞ and the determinant NaN.
    let m = Matrix(rows: 3, columns: 3, elements: [1e-310, 2e-310, 0, 0, 3, 1, 1e-311, 0, 2])
    let det = try m.luDeterminant()
    // Expanding along the first row: 1e-310·(3·2 − 0) − 2e-310·(0·2 − 1·1e-311) = 6e-310 (+2e-621).
    #expect(det.isFinite)
    #expect(Swift.abs(det - 6e-310) <= 1e-323)
    let diagonal = Matrix(rows: 3, columns: 3, elements: [1e-200, 0, 0, 0, 1e-200, 0, 0, 0, 1e300])
    #expect(Swift.abs(try diagonal.luDeterminant() / 1e-100 - 1) < 1e-14)
  }

  @Test func determinantWhosePartialProductsOverflow() throws {
    let m = Matrix(rows: 3, columns: 3, elements: [1e300, 0, 0, 0, 1e300, 0, 0, 0, 1e-300])
    #expect(Swift.abs(try m.luDeterminant() / 1e300 - 1) < 1e-14)
    // 2×2: ad = 2^1060(1 + 2^−52) and bc = 2^1060 overflow; ad − bc = 2^1008 does not.
    let p = Double(sign: .plus, exponent: 530, significand: 1)
    let two = Matrix(rows: 2, columns: 2, elements: [p, p, p, p * (1 + .ulpOfOne)])
    let det = try two.luDeterminant()
    #expect(det == Double(sign: .plus, exponent: 1008, significand: 1))
  }

  @Test func solveAndInverseOfHugeEntriesGiveAnswersNotLapackErrors() throws {
    // The 1-norm overflows to ∞; dgecon refused it ("info = -4").
    let a = Matrix(rows: 3, columns: 3, elements: [1e308, 1e308, 0, 1e308, 0, 1e308, 0, 1e308, 1e308])
    let x = try a.solving(Vector([2e308.nextDown, 1e308, 1e308]))
    #expect(x.elements.allSatisfy { $0.isFinite })
    let inv = try a.inverted()
    #expect(inv.elements.allSatisfy { $0.isFinite })
    let identity = a.map { $0 / 1e308 }.multiplied(by: inv.map { $0 * 1e308 })
    for i in 0..<3 { for j in 0..<3 { #expect(Swift.abs(identity[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
  }

  @Test func subnormalMatricesAreSolvedOrSaySingularNeverLapackCodes() throws {
    let tiny = Matrix(rows: 3, columns: 3, elements: [1e-310, 0, 0, 0, 2e-310, 0, 0, 0, 4e-310])
    #expect(try tiny.solving(Vector([1e-310, 2e-310, 4e-310])) == Vector([1, 1, 1]))
    #expect(throws: LinearAlgebraError.overflow(operation: "inverse")) { try tiny.inverted() }
    // Singular to working precision: the third row is the sum of the first two, up to rounding.
    let nearly = Matrix(
      rows: 3, columns: 3, elements: [1e-310, 3e-310, 0, 2e-310, 1e-310, 5e-311, 3e-310, 4e-310, 5e-311])
    do {
      _ = try nearly.inverted()
      Issue.record("expected singular")
    } catch {
      #expect(error.description.contains("singular"))
      #expect(!error.description.contains("LAPACK"))
    }
  }

  @Test func closedFormEigenOfHugeEntries() throws {
    let big = 1e308
    let m = Matrix(rows: 2, columns: 2, elements: [big, big / 2, big / 2, big])
    let (values, vectors) = try m.eigenDecomposition(order: .ascending)
    #expect(Swift.abs(values[0] / (big / 2) - 1) < 1e-15)
    #expect(Swift.abs(values[1] / (1.5 * big) - 1) < 1e-15)
    #expect(vectors.elements.allSatisfy { $0.isFinite })
    let small = Matrix(rows: 2, columns: 2, elements: [3e-320, 1e-320, 1e-320, 3e-320])
    let smallValues = try small.eigenDecomposition(order: .ascending).values
    #expect(smallValues == Vector([2e-320, 4e-320]))
  }

  @Test func productMatchesNaiveLoopAndChecksTheFlag() throws {
    let (m, k, n) = (70, 33, 41)
    let a = Matrix(rows: m, columns: k, elements: entries(m * k, seed: 1))
    let b = Matrix(rows: k, columns: n, elements: entries(k * n, seed: 2))
    let c = a.multiplied(by: b)
    for i in 0..<m {
      for j in 0..<n {
        let expected = (0..<k).reduce(0.0) { $0 + a[i, $1] * b[$1, j] }
        #expect(Swift.abs(c[i, j] - expected) < 1e-13)
      }
    }
    let v = Vector(entries(m, seed: 3))
    let left = a.leftMultiplied(by: v)
    for j in 0..<k { #expect(Swift.abs(left[j] - (0..<m).reduce(0.0) { $0 + v[$1] * a[$1, j] }) < 1e-13) }
    let flag = CancellationFlag()
    flag.set()
    #expect(throws: Interrupted()) { try a.multiplied(by: b, cancellation: flag) }
    #expect(Matrix(rows: 2, columns: 0).multiplied(by: Matrix(rows: 0, columns: 3)) == Matrix(rows: 2, columns: 3))
  }

  @Test func largeEigenStopsWhenTheFlagIsSet() {
    let n = 600
    let r = entries(n * n, seed: 4)
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { a[i * n + j] = r[i * n + j] + r[j * n + i] } }
    let flag = CancellationFlag()
    flag.set()
    #expect(throws: LinearAlgebraError.interrupted) {
      try DenseLinearAlgebra.symmetricEigen(a, n: n, cancellation: flag)
    }
    flag.reset()
    // Detached (600³·9 flops is above the inline limit) and answered when not stopped.
    #expect((try? DenseLinearAlgebra.symmetricEigen(a, n: n, cancellation: flag))?.values.count == n)
  }

  @Test func arraySizeRefusesWithTheMemoryNeeded() {
    #expect(throws: ArraySizeError.self) {
      try ArraySize.elements(rows: 10_000_000, columns: 10_000_000, what: "the product")
    }
    let error = ArraySizeError(what: "the product", rows: 10_000_000, columns: 10_000_000)
    #expect(error.description.contains("10000000×10000000"))
    #expect(error.description.contains("800 TB"))
    #expect(throws: ArraySizeError.self) { try ArraySize.elements(rows: Int.max, columns: 3, what: "x") }
    #expect(throws: ArraySizeError.self) { try ArraySize.elements(rows: -1, what: "x") }
    #expect((try? ArraySize.elements(rows: 3000, columns: 3000, what: "x")) == 9_000_000)
    #expect(ArraySize.bytesText(72_000_000) == "72 MB")
    #expect(ArraySize.bytesText(512) == "512 bytes")
    #expect(ArraySize.bytesText(8_796_093_022_208) == "8.8 TB", "tenths as digits, not 8.800000000000001")
    // Past the largest unit, ∞ and NaN: text, never a trapping Int conversion.
    #expect(ArraySize.bytesText(6.8e38).hasSuffix(" EB"))
    #expect(ArraySize.bytesText(.infinity).hasSuffix(" EB") && ArraySize.bytesText(.nan).hasSuffix(" bytes"))
  }

  @Test func largestDoubleNeverPrintsAsTextThatReadsBackAsInfinity() {
    for x in [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude.nextDown]
    {
      let text = NumberFormat.plain(x)
      #expect(Double(text) == x, "\(text)")
    }
    #expect(NumberFormat.plain(1.7e308) == "1.7e+308")
  }
}
