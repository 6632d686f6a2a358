/// The Lanczos recurrence on a symmetric operator: an orthonormal Krylov basis
/// q₀, q₁, … and the tridiagonal `T = Qᵀ A Q` (diagonal α, off-diagonal β).
///
/// Design note: with `.full` reorthogonalisation every new vector is made orthogonal to
/// the whole basis (and to the `locked` vectors a restart deflates) by classical
/// Gram–Schmidt done twice — Kahan and Parlett's "twice is enough": one pass leaves an error
/// of order ε·κ, the second brings it to ε. Each pass is two `dgemv`s over the contiguous
/// basis. This costs O(m·P) per step and keeps m vectors of length P, but removes the loss
/// of orthogonality that makes plain Lanczos report "ghost" copies of converged
/// eigenvalues. Selective or partial reorthogonalisation was rejected: it saves flops only
/// when m is large, and m stays ≈ 100 here. `.none` (the three-term recurrence alone) exists
/// to show the ghosts and is not used by the algorithms.
struct LanczosProcess {
  let dimension: Int
  let reorthogonalisation: Reorthogonalisation
  /// Rows q₀ … q_steps (one more than `steps`: the next vector, once a step is done).
  private(set) var basis: [Double]
  private(set) var alphas: [Double] = []
  /// β_j couples q_j and q_{j+1}; `betas.count == steps`.
  private(set) var betas: [Double] = []
  /// Orthonormal vectors the basis is kept orthogonal to (converged eigenvectors).
  private let locked: [Double]
  private let lockedCount: Int
  /// Set when β fell to rounding level: the basis spans an invariant subspace.
  private(set) var brokeDown = false

  var steps: Int { alphas.count }

  /// Starts from `start` made orthogonal to `locked` and normalised; nil when nothing of
  /// it is left (it lay in the span of the locked vectors) or it is not finite.
  init?(start: [Double], locked: [Double] = [], lockedCount: Int = 0, reorthogonalisation: Reorthogonalisation) {
    var q = start
    self.dimension = start.count
    self.locked = locked
    self.lockedCount = lockedCount
    self.reorthogonalisation = reorthogonalisation
    let original = KrylovKernels.norm(q)
    guard original.isFinite, original > 0 else { return nil }
    for _ in 0..<2 { _ = KrylovKernels.project(&q, against: locked, rows: lockedCount) }
    let norm = KrylovKernels.norm(q)
    guard norm > 1e-10 * original else { return nil }
    KrylovKernels.scale(&q, by: 1 / norm)
    basis = q
  }

  /// q_j, row j of the basis.
  func vector(_ j: Int) -> [Double] {
    Array(basis[(j * dimension)..<((j + 1) * dimension)])
  }

  /// One step: given q₀ … q_j, computes α_j, β_j and q_{j+1}. Returns false (and sets
  /// `brokeDown`) when β_j is at rounding level relative to the operator's scale seen so
  /// far; the Ritz values of the current T are then exact eigenvalues.
  mutating func step(_ op: some SymmetricOperator) -> Bool {
    let j = steps
    var w = op.apply(vector(j))
    let alpha: Double
    switch reorthogonalisation {
    case .full:
      var coefficient = 0.0
      for _ in 0..<2 {
        _ = KrylovKernels.project(&w, against: locked, rows: lockedCount)
        coefficient += KrylovKernels.project(&w, against: basis, rows: j + 1)[j]
      }
      alpha = coefficient
    case .none:
      if j > 0 { KrylovKernels.axpy(-betas[j - 1], vector(j - 1), &w) }
      alpha = KrylovKernels.dot(vector(j), w)
      KrylovKernels.axpy(-alpha, vector(j), &w)
    }
    alphas.append(alpha)
    let beta = KrylovKernels.norm(w)
    betas.append(beta)
    let scale = max(alphas.map { abs($0) }.max() ?? 0, betas.max() ?? 0)
    guard beta.isFinite, beta > 1e-13 * scale, j + 1 + lockedCount < dimension else {
      brokeDown = true
      return false
    }
    KrylovKernels.scale(&w, by: 1 / beta)
    basis.append(contentsOf: w)
    return true
  }

  /// The eigen-decomposition of the current T (`steps × steps`).
  func ritz() throws(LinearAlgebraError) -> TridiagonalEigen {
    try TridiagonalEigen(diagonal: alphas, offDiagonal: Array(betas.dropLast()))
  }

  /// The Ritz vectors `Σ_r S[r, c] q_r` for the eigenvector columns `columns` of `ritz`,
  /// as a row-major `columns.count × P` block (one `dgemm`).
  func ritzVectors(_ ritz: TridiagonalEigen, columns: [Int]) -> [Double] {
    let m = steps
    var s = [Double](repeating: 0, count: columns.count * m)
    for (row, c) in columns.enumerated() {
      for r in 0..<m { s[row * m + r] = ritz.vectors[r * ritz.n + c] }
    }
    return KrylovKernels.multiply(s, Array(basis[0..<(m * dimension)]), m: columns.count, k: m, n: dimension)
  }

  /// The residual estimate ‖A y − θ y‖ = β_last · |s_last| of Ritz pair `column`
  /// (0 after a breakdown).
  func residualEstimate(_ ritz: TridiagonalEigen, column: Int) -> Double {
    brokeDown ? 0 : abs((betas.last ?? 0) * ritz.last(column))
  }
}

/// How a Lanczos basis is kept orthogonal.
public enum Reorthogonalisation: Sendable {
  /// Against the whole basis, twice per step: no ghost eigenvalues (the default everywhere).
  case full
  /// The three-term recurrence alone, as in exact arithmetic: orthogonality is lost as
  /// Ritz values converge and converged eigenvalues reappear as ghosts. For demonstration.
  case none
}
