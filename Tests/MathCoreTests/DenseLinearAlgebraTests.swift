import Testing

@testable import MathCore

/// Eigen-decomposition, solves, inverses and determinants against exact answers,
/// and every user mistake turned into a clear error.
struct DenseLinearAlgebraTests {
  /// Deterministic pseudo-random entries in [-1, 1) for property tests.
  private func entries(_ count: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
  }

  @Test func lectureSaddleHessianEigen() throws {
    let (values, vectors) = try DenseLinearAlgebra.symmetricEigen([0, -2, -2, 0], n: 2)
    #expect(values == [-2, 2])
    let s = 1 / 2.0.squareRoot()
    // Column 0 belongs to −2: (1, 1)/√2; column 1 belongs to 2: (1, −1)/√2, first entry positive.
    #expect(abs(vectors[0] - s) < 1e-15 && abs(vectors[2] - s) < 1e-15)
    #expect(abs(vectors[1] - s) < 1e-15 && abs(vectors[3] + s) < 1e-15)
  }

  @Test func eigenReconstructsRandomSymmetricMatrices() throws {
    for (n, seed) in [(1, 1), (3, 2), (5, 3), (8, 4)] as [(Int, UInt64)] {
      let r = entries(n * n, seed: seed)
      var a = [Double](repeating: 0, count: n * n)
      for i in 0..<n { for j in 0..<n { a[i * n + j] = r[i * n + j] + r[j * n + i] } }
      let (values, v) = try DenseLinearAlgebra.symmetricEigen(a, n: n)
      #expect(values == values.sorted())
      for i in 0..<n {
        for j in 0..<n {
          let rebuilt = (0..<n).reduce(0.0) { $0 + v[i * n + $1] * values[$1] * v[j * n + $1] }
          #expect(abs(rebuilt - a[i * n + j]) < 1e-12)
        }
      }
    }
  }

  @Test func solveAndInverseAndDeterminant() throws {
    let a: [Double] = [4, 3, 6, 3]
    // LU rounds (this machine's OpenBLAS gives [0.9999999999999997, 2.0000000000000004]).
    let x = try DenseLinearAlgebra.solve(a, n: 2, [10, 12], columns: 1)
    #expect(Swift.abs(x[0] - 1) < 1e-15 && Swift.abs(x[1] - 2) < 1e-15)
    let inv = try DenseLinearAlgebra.inverse(a, n: 2)
    let expected = [-0.5, 0.5, 1, -2.0 / 3]
    for (x, y) in zip(inv, expected) { #expect(abs(x - y) < 1e-15) }
    #expect(abs(try DenseLinearAlgebra.determinant(a, n: 2) - (-6)) < 1e-14)
    #expect(try DenseLinearAlgebra.determinant([0, 1, 1, 0], n: 2) == -1)
    #expect(try DenseLinearAlgebra.determinant([1, 2, 2, 4], n: 2) == 0)
  }

  @Test func singularMatricesAreRejected() {
    #expect(throws: LinearAlgebraError.singular(operation: "solve", reciprocalCondition: 0)) {
      try DenseLinearAlgebra.solve([1, 2, 2, 4], n: 2, [1, 1], columns: 1)
    }
    #expect(throws: LinearAlgebraError.self) { try DenseLinearAlgebra.inverse([1, 1, 1, 1 + 1e-17], n: 2) }
    // Rounding leaves a ~1e-16 pivot instead of 0: numerically singular, not invertible.
    let nearly: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    do {
      _ = try DenseLinearAlgebra.inverse(nearly, n: 3)
      Issue.record("a numerically singular matrix was inverted")
    } catch {
      #expect(error.description.contains("singular"))
    }
  }

  @Test func badShapesAndValuesNameTheProblem() {
    #expect(throws: LinearAlgebraError.notSquare(operation: "eig", rows: 2, columns: 3)) {
      try DenseLinearAlgebra.symmetricEigen([1, 2, 3, 4, 5, 6], n: 2)
    }
    #expect(throws: LinearAlgebraError.nonFinite(operation: "det", row: 1, column: 0)) {
      try DenseLinearAlgebra.determinant([1, 2, .nan, 4], n: 2)
    }
    #expect(throws: LinearAlgebraError.notSymmetric(row: 0, column: 1, difference: 1)) {
      try DenseLinearAlgebra.symmetricEigen([1, 2, 3, 4], n: 2)
    }
    #expect(throws: LinearAlgebraError.empty(operation: "inverse")) {
      try DenseLinearAlgebra.inverse([], n: 0)
    }
    #expect(throws: LinearAlgebraError.shapeMismatch(operation: "solve", left: "2×2", right: "3×1")) {
      try DenseLinearAlgebra.solve([1, 0, 0, 1], n: 2, [1, 2, 3], columns: 1)
    }
    #expect(
      LinearAlgebraError.notSquare(operation: "eig", rows: 2, columns: 3).description
        == "eig needs a square matrix, got 2×3")
  }
}
