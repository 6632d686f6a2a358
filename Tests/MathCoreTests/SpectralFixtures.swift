@testable import MathCore

/// Matrices shared by the spectral tests, built once (LAPACK on P = 2,000 takes seconds).
enum SpectralFixtures {
  static let size = 2000

  /// A Wigner matrix (G + Gᵀ)/√(2P) with Gaussian G: indefinite, semicircle spectrum on
  /// about [−2, 2], with its LAPACK eigen-decomposition (values ascending).
  static let wigner: (op: DenseSymmetricOperator, matrix: Matrix, values: [Double], vectors: [Double]) = {
    let n = size
    var generator = SeededGenerator(seed: 2026)
    let g = (0..<(n * n)).map { _ in generator.nextNormal() }
    var a = [Double](repeating: 0, count: n * n)
    let scale = 1 / (2.0 * Double(n)).squareRoot()
    for i in 0..<n { for j in 0..<n { a[i * n + j] = (g[i * n + j] + g[j * n + i]) * scale } }
    let matrix = Matrix(rows: n, columns: n, elements: a)
    let (values, vectors) = try! DenseLinearAlgebra.symmetricEigen(a, n: n)
    return (try! DenseSymmetricOperator(matrix), matrix, values, vectors)
  }()

  /// The exact spectrum of `designed`: a triple eigenvalue 5, a cluster 5 − 1e-6, a pair
  /// 4.5, a pair −4.7, a near pair −4.2 / −4.2 + 1e-7, −3.5, and a bulk evenly spread on [−2, 2].
  static let designedSpectrum: [Double] = {
    let outliers: [Double] = [5, 5, 5, 5 - 1e-6, 4.5, 4.5, -4.7, -4.7, -4.2, -4.2 + 1e-7, -3.5]
    let bulk = size - outliers.count
    return (outliers + (0..<bulk).map { -2 + 4 * Double($0) / Double(bulk - 1) }).sorted()
  }()

  /// Q diag(`designedSpectrum`) Qᵀ with Q the Wigner matrix's eigenvectors (orthogonal).
  static let designed: DenseSymmetricOperator = {
    let n = size
    let q = wigner.vectors
    let d = designedSpectrum
    var qd = q
    var qt = q
    for i in 0..<n {
      for j in 0..<n {
        qd[i * n + j] *= d[j]
        qt[j * n + i] = q[i * n + j]
      }
    }
    var a = KrylovKernels.multiply(qd, qt, m: n, k: n, n: n)
    for i in 0..<n { for j in 0..<i { a[i * n + j] = a[j * n + i] } }
    return try! DenseSymmetricOperator(Matrix(rows: n, columns: n, elements: a))
  }()

  /// A random symmetric matrix of size n with entries (G + Gᵀ)/2.
  static func randomSymmetric(_ n: Int, seed: UInt64) -> Matrix {
    var generator = SeededGenerator(seed: seed)
    let g = (0..<(n * n)).map { _ in generator.nextNormal() }
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { a[i * n + j] = (g[i * n + j] + g[j * n + i]) / 2 } }
    return Matrix(rows: n, columns: n, elements: a)
  }

  /// The expected first `count` values of an ascending spectrum in `selection`'s order.
  static func expected(_ ascending: [Double], _ selection: EigenSelection, count: Int) -> [Double] {
    Array(ascending.sorted { selection.precedes($0, $1) }.prefix(count))
  }
}

/// An operator that counts its applications and sets a cancellation flag after `limit`.
struct InterruptingOperator<Base: SymmetricOperator>: SymmetricOperator {
  let base: Base
  let limit: Int
  let flag: CancellationFlag
  let counter = Counter()

  final class Counter: @unchecked Sendable {
    var applications = 0
  }

  var dimension: Int { base.dimension }

  func apply(_ vector: [Double]) -> [Double] {
    counter.applications += 1
    if counter.applications >= limit { flag.set() }
    return base.apply(vector)
  }

  func apply(block: [Double], count: Int) -> [Double] {
    counter.applications += count
    if counter.applications >= limit { flag.set() }
    return base.apply(block: block, count: count)
  }
}
