/// Extreme eigenpairs of a symmetric operator by the Lanczos method with full
/// reorthogonalisation: PyHessian's and hessian-eigenthings' "top-k", for operators too large
/// to store (a network's Hessian with P = 100,000) and as a cheap check on small ones.
///
/// How it works: a run builds an orthonormal Krylov basis q₀ … q_{m−1} from a seeded random
/// start (`LanczosProcess`, Gram–Schmidt twice per step with `dgemv`, so no ghost
/// eigenvalues), and from time to time solves the m × m tridiagonal eigenproblem (LAPACK
/// `dstev`) for Ritz pairs (θ, y) and their residuals ‖A y − θ y‖ = β_m |s_m|. A Ritz pair
/// is accepted ("locked") when its residual is at most `tolerance · ‖A‖` (‖A‖ estimated by
/// the largest |θ| seen), which bounds the eigenvalue error by the same amount. If the
/// basis reaches `maxBasis` first, the next run restarts from the best unconverged Ritz
/// vector; every run is kept orthogonal to the locked vectors (deflation). A single Krylov
/// space holds only one vector of each eigenspace, so a repeated eigenvalue shows up once;
/// with `checkMultiplicity` a last run from a fresh random vector, orthogonal to all locked
/// vectors, finds the missing copies and repeats until it brings nothing new into the top k.
///
/// Cost: about `m` operator applications per run plus O(m·P) flops per step for the
/// reorthogonalisation, plus k applications (one block) for the reported residuals.
/// Memory: full reorthogonalisation keeps the whole basis, `maxBasis` vectors of length P
/// (P = 101,770 and m = 100: 81 MB).
public enum Lanczos {
  /// The `count` eigenpairs of `op` that come first in `selection`'s order.
  ///
  /// - Returns: pairs in `selection`'s order (largest first, smallest first, or largest
  ///   |λ| first), each with unit eigenvector and its explicit residual ‖A y − θ y‖;
  ///   with `stop == .cancelled` or `.restartLimit` the unconverged pairs are the best
  ///   approximations found (`converged == false`).
  /// - Throws: `SpectralMethodError` for an empty operator, `count` outside 1…P, or an
  ///   option out of range; `LinearAlgebraError` if LAPACK fails or the operator returns
  ///   non-finite values.
  public static func eigenpairs(
    of op: some SymmetricOperator, count: Int, selection: EigenSelection,
    options: LanczosOptions = LanczosOptions(), cancellation: CancellationFlag? = nil
  ) throws -> LanczosEigenResult {
    let p = op.dimension
    guard p > 0 else { throw SpectralMethodError.emptyOperator }
    guard count >= 1, count <= p else { throw SpectralMethodError.invalidCount(requested: count, dimension: p) }
    try options.validate()
    var solver = LanczosEigensolver(
      op: op, count: count, selection: selection, options: options, cancellation: cancellation)
    return try solver.solve()
  }

  /// The tridiagonal matrix of `steps` Lanczos steps from `start` (α on the diagonal, β off
  /// it), fewer if the Krylov space becomes invariant; its eigenvalues are the Ritz values.
  /// With `.none` the basis loses orthogonality and converged Ritz values repeat (ghosts).
  public static func tridiagonal(
    of op: some SymmetricOperator, start: [Double], steps: Int, reorthogonalisation: Reorthogonalisation = .full
  ) throws -> (diagonal: [Double], offDiagonal: [Double]) {
    guard op.dimension > 0 else { throw SpectralMethodError.emptyOperator }
    guard start.count == op.dimension else {
      throw SpectralMethodError.invalidParameter(
        name: "start", value: "a vector of length \(start.count)", requirement: "length \(op.dimension) needed")
    }
    guard steps >= 1 else {
      throw SpectralMethodError.invalidParameter(name: "steps", value: "\(steps)", requirement: "at least 1")
    }
    guard var process = LanczosProcess(start: start, reorthogonalisation: reorthogonalisation) else {
      throw SpectralMethodError.invalidParameter(
        name: "start", value: "a zero or non-finite vector", requirement: "a finite non-zero vector")
    }
    while process.steps < steps, process.step(op) {}
    return (process.alphas, Array(process.betas.dropLast()))
  }
}

/// Which end of the spectrum a top-k method looks for.
public enum EigenSelection: String, Sendable, CaseIterable {
  /// Algebraically largest first (λmax, the sharpness).
  case largest
  /// Algebraically smallest first (the most negative curvature at a saddle).
  case smallest
  /// Largest |λ| first.
  case magnitude

  /// Whether `a` comes before `b` in this order (ties broken by the larger value).
  public func precedes(_ a: Double, _ b: Double) -> Bool {
    switch self {
    case .largest: return a > b
    case .smallest: return a < b
    case .magnitude: return abs(a) != abs(b) ? abs(a) > abs(b) : a > b
    }
  }
}

/// Options of `Lanczos.eigenpairs`; the defaults suit Hessians of networks.
public struct LanczosOptions: Sendable {
  /// Accept a Ritz pair when ‖A y − θ y‖ ≤ tolerance · ‖A‖ (then |θ − λ| ≤ the same for some
  /// eigenvalue λ). In (0, 1).
  public var tolerance: Double
  /// Largest basis per run, m (nil: min(P, max(100, 3·count))). Memory is m·P doubles.
  public var maxBasis: Int?
  /// Runs after the first before giving up with the best approximations.
  public var maxRestarts: Int
  /// Seed of the random start vectors (Gaussian, `SeededGenerator`): same seed, same result.
  public var seed: UInt64
  /// Run once more from a fresh random vector to find copies of repeated eigenvalues.
  public var checkMultiplicity: Bool

  public init(
    tolerance: Double = 1e-10, maxBasis: Int? = nil, maxRestarts: Int = 50, seed: UInt64 = 0,
    checkMultiplicity: Bool = true
  ) {
    self.tolerance = tolerance
    self.maxBasis = maxBasis
    self.maxRestarts = maxRestarts
    self.seed = seed
    self.checkMultiplicity = checkMultiplicity
  }

  func validate() throws(SpectralMethodError) {
    guard tolerance.isFinite, tolerance > 0, tolerance < 1 else {
      throw .invalidParameter(name: "tolerance", value: "\(tolerance)", requirement: "a number in (0, 1)")
    }
    if let m = maxBasis, m < 2 {
      throw .invalidParameter(name: "maxBasis", value: "\(m)", requirement: "at least 2")
    }
    guard maxRestarts >= 0 else {
      throw .invalidParameter(name: "maxRestarts", value: "\(maxRestarts)", requirement: "0 or more")
    }
  }
}

/// An approximate eigenpair (θ, y) with its residual ‖A y − θ y‖.
public struct RitzPair: Sendable {
  public let value: Double
  /// Unit length.
  public let vector: [Double]
  /// ‖A y − θ y‖, computed explicitly (the Lanczos estimate β|s| after a cancellation).
  public let residual: Double
  /// Whether the pair met the tolerance.
  public let converged: Bool
}

/// Why `Lanczos.eigenpairs` stopped.
public enum LanczosStop: Sendable, Equatable {
  /// All requested pairs met the tolerance.
  case converged
  /// `maxRestarts` runs ended first; unconverged pairs are the best approximations.
  case restartLimit
  /// The cancellation flag was set; the pairs are what had been found.
  case cancelled
}

/// The answer of `Lanczos.eigenpairs`.
public struct LanczosEigenResult: Sendable {
  /// In the selection's order; fewer than asked only after a cancellation in the first run's
  /// first steps.
  public let pairs: [RitzPair]
  public let selection: EigenSelection
  /// The absolute residual tolerance used: `tolerance · ‖A‖` estimate.
  public let residualTolerance: Double
  /// Operator applications (vectors), including the block for the residuals.
  public let operatorApplications: Int
  /// Runs after the first.
  public let restarts: Int
  public let stop: LanczosStop

  public var values: [Double] { pairs.map(\.value) }
}
