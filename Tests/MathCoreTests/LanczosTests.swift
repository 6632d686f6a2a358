import Testing

@testable import MathCore

/// Lanczos top-k against the full LAPACK spectrum (and against exactly known spectra), the
/// ghosts that full reorthogonalisation removes, cancellation and bad arguments.
struct LanczosTests {
  /// Every value within a relative 1e-8 of the expected one, every residual within tolerance.
  private func check(_ result: LanczosEigenResult, against expected: [Double]) {
    #expect(result.stop == .converged)
    #expect(result.values.count == expected.count)
    for (value, exact) in zip(result.values, expected) {
      #expect(abs(value - exact) <= 1e-8 * abs(exact), "Ritz value \(value) vs exact \(exact)")
    }
    for pair in result.pairs {
      #expect(pair.converged)
      #expect(pair.residual <= 10 * result.residualTolerance, "residual \(pair.residual)")
      #expect(abs(KrylovKernels.norm(pair.vector) - 1) < 1e-10)
    }
  }

  @Test(arguments: EigenSelection.allCases)
  func wignerTopFiveMatchesLAPACK(selection: EigenSelection) throws {
    let fixture = SpectralFixtures.wigner
    let options = LanczosOptions(maxBasis: 300, seed: 7)
    let result = try Lanczos.eigenpairs(of: fixture.op, count: 5, selection: selection, options: options)
    check(result, against: SpectralFixtures.expected(fixture.values, selection, count: 5))
    // Each eigenvector matches LAPACK's up to sign (these eigenvalues are simple).
    let n = SpectralFixtures.size
    for pair in result.pairs {
      guard let column = fixture.values.firstIndex(where: { abs($0 - pair.value) < 1e-9 }) else { continue }
      let overlap = (0..<n).reduce(0.0) { $0 + pair.vector[$1] * fixture.vectors[$1 * n + column] }
      #expect(abs(abs(overlap) - 1) < 1e-8, "overlap \(overlap)")
    }
  }

  @Test(arguments: EigenSelection.allCases)
  func repeatedAndClusteredEigenvaluesAreAllFound(selection: EigenSelection) throws {
    let result = try Lanczos.eigenpairs(of: SpectralFixtures.designed, count: 5, selection: selection)
    check(result, against: SpectralFixtures.expected(SpectralFixtures.designedSpectrum, selection, count: 5))
    // The copies of a repeated eigenvalue come with orthonormal eigenvectors.
    for a in result.pairs.indices {
      for b in result.pairs.indices where b > a {
        #expect(abs(KrylovKernels.dot(result.pairs[a].vector, result.pairs[b].vector)) < 1e-8)
      }
    }
  }

  @Test func withoutMultiplicityCheckARepeatedEigenvalueAppearsOnce() throws {
    let options = LanczosOptions(checkMultiplicity: false)
    let result = try Lanczos.eigenpairs(of: SpectralFixtures.designed, count: 3, selection: .largest, options: options)
    // One Krylov space holds one vector of the 3-dimensional eigenspace of 5.
    #expect(result.values.filter { abs($0 - 5) < 1e-8 }.count == 1)
  }

  @Test func smallRestartedBasisStillConverges() throws {
    let fixture = SpectralFixtures.wigner
    let options = LanczosOptions(maxBasis: 40, maxRestarts: 200, seed: 3)
    let result = try Lanczos.eigenpairs(of: fixture.op, count: 2, selection: .largest, options: options)
    #expect(result.restarts > 1)
    check(result, against: SpectralFixtures.expected(fixture.values, .largest, count: 2))
  }

  /// λ = 100 well apart from a spectrum in [0, 1]: once it converges, plain Lanczos loses
  /// orthogonality and finds it again and again; full reorthogonalisation finds it once.
  @Test func fullReorthogonalisationRemovesGhosts() throws {
    let n = 1000
    var diagonal = (0..<n).map { Double($0) / Double(n) }
    diagonal[n / 2] = 100
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n { a[i, i] = diagonal[i] }
    let op = try DenseSymmetricOperator(a)
    var generator = SeededGenerator(seed: 11)
    let start = (0..<n).map { _ in generator.nextNormal() }
    func copies(_ mode: Reorthogonalisation) throws -> Int {
      let t = try Lanczos.tridiagonal(of: op, start: start, steps: 150, reorthogonalisation: mode)
      let ritz = try TridiagonalEigen(diagonal: t.diagonal, offDiagonal: t.offDiagonal)
      return ritz.values.filter { abs($0 - 100) < 1e-6 }.count
    }
    #expect(try copies(.none) >= 2)
    #expect(try copies(.full) == 1)
  }

  @Test func restrictionToCoordinatesMatchesTheSubmatrixSpectrum() throws {
    let matrix = SpectralFixtures.randomSymmetric(300, seed: 5)
    let rows = Array(50..<170)
    var sub = Matrix(rows: rows.count, columns: rows.count)
    for (i, r) in rows.enumerated() { for (j, c) in rows.enumerated() { sub[i, j] = matrix[r, c] } }
    let exact = try sub.eigenDecomposition(order: .ascending).values.elements
    let op = try RestrictedOperator(try DenseSymmetricOperator(matrix), range: 50..<170)
    #expect(op.dimension == 120)
    let result = try Lanczos.eigenpairs(of: op, count: 3, selection: .smallest)
    check(result, against: Array(exact.prefix(3)))
  }

  @Test func cancellationReturnsTheBestApproximationsSoFar() throws {
    let flag = CancellationFlag()
    let op = InterruptingOperator(base: SpectralFixtures.wigner.op, limit: 30, flag: flag)
    let result = try Lanczos.eigenpairs(of: op, count: 4, selection: .largest, cancellation: flag)
    #expect(result.stop == .cancelled)
    #expect(op.counter.applications == 30)
    #expect(result.pairs.count == 4)
    // Ritz values lie inside the spectrum and come in order.
    let values = SpectralFixtures.wigner.values
    for v in result.values { #expect(v <= values.last! + 1e-12 && v >= values.first! - 1e-12) }
    #expect(result.values == result.values.sorted(by: >))
  }

  @Test func badArgumentsAreErrors() throws {
    let op = try DenseSymmetricOperator(SpectralFixtures.randomSymmetric(10, seed: 1))
    #expect(throws: SpectralMethodError.invalidCount(requested: 0, dimension: 10)) {
      try Lanczos.eigenpairs(of: op, count: 0, selection: .largest)
    }
    #expect(throws: SpectralMethodError.invalidCount(requested: 11, dimension: 10)) {
      try Lanczos.eigenpairs(of: op, count: 11, selection: .largest)
    }
    #expect(throws: SpectralMethodError.self) {
      try Lanczos.eigenpairs(of: op, count: 2, selection: .largest, options: LanczosOptions(tolerance: 0))
    }
    #expect(throws: SpectralMethodError.self) {
      try Lanczos.eigenpairs(of: op, count: 2, selection: .largest, options: LanczosOptions(maxBasis: 1))
    }
    #expect(throws: SpectralMethodError.self) {
      try Lanczos.tridiagonal(of: op, start: [Double](repeating: 0, count: 10), steps: 3)
    }
    #expect(throws: SpectralMethodError.invalidCoordinates("index 10 is outside 0..<10")) {
      try RestrictedOperator(op, coordinates: [1, 10])
    }
    #expect(throws: SpectralMethodError.invalidCoordinates("an index appears twice")) {
      try RestrictedOperator(op, coordinates: [1, 1])
    }
    #expect(throws: LinearAlgebraError.self) {
      try DenseSymmetricOperator(Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4]))
    }
  }

  /// A multiple of the identity (and the zero matrix) has one eigenvalue of multiplicity P:
  /// each run finds one more copy, and copies beyond the k-th change nothing, so the
  /// multiplicity check stops after k copies instead of exhausting the restarts.
  @Test(arguments: [0.0, 2.0])
  func scaledIdentityStopsOnceTheTopKIsSettled(scale: Double) throws {
    var a = Matrix(rows: 50, columns: 50)
    for i in 0..<50 { a[i, i] = scale }
    let result = try Lanczos.eigenpairs(of: try DenseSymmetricOperator(a), count: 3, selection: .magnitude)
    #expect(result.stop == .converged)
    #expect(result.values == [scale, scale, scale])
    #expect(result.restarts <= 4)
  }

  /// The whole spectrum of a small matrix: asking for all P pairs works and matches LAPACK.
  @Test func allEigenpairsOfASmallMatrix() throws {
    let matrix = SpectralFixtures.randomSymmetric(12, seed: 9)
    let exact = try matrix.eigenDecomposition(order: .descending).values.elements
    let result = try Lanczos.eigenpairs(
      of: try DenseSymmetricOperator(matrix), count: 12, selection: .largest)
    check(result, against: exact)
  }
}

/// Counting signs with a zero band, and the minimum ratio.
struct EigenvalueCountsTests {
  @Test func lectureSaddleAndZeroBand() throws {
    let saddle = try EigenvalueCounts(values: [2, -2], tolerance: 1e-9)
    #expect(saddle.positive == 1 && saddle.negative == 1 && saddle.zero == 0)
    #expect(saddle.minimumRatio == 0.5)
    let flat = try EigenvalueCounts(values: [3, 1e-17, -2e-16, 1e-3, -5], tolerance: 1e-10)
    #expect(flat.positive == 2 && flat.negative == 1 && flat.zero == 2)
    #expect(flat.minimumRatio == 0.4)
    #expect(try EigenvalueCounts(values: [1e-3], tolerance: 1e-3).zero == 1)
    #expect(try EigenvalueCounts(values: [], tolerance: 1).minimumRatio.isNaN)
    #expect(throws: SpectralMethodError.self) { try EigenvalueCounts(values: [1], tolerance: -1) }
    #expect(throws: SpectralMethodError.self) { try EigenvalueCounts(values: [1], tolerance: 0) }
    #expect(throws: SpectralMethodError.self) { try EigenvalueCounts(values: [.nan], tolerance: 1) }
  }
}
