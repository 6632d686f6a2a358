import MathCore

/// How `toCritical` moves towards a point where ∇L = 0.
public enum CriticalPointMethod: String, Sendable, CaseIterable {
  /// Levenberg–Marquardt on the exact Hessian when P ≤ `fullHessianLimit`, else `gradientNorm`.
  case automatic
  /// Levenberg–Marquardt on the residual ∇L with Jacobian H: (H² + μI)δ = −H∇L, solved in
  /// H's eigenbasis (one LAPACK `dsyevd` per Hessian, every trial μ then costs O(P²)). As
  /// μ → 0 this is Newton's step −H⁻¹∇L, which goes to the nearest critical point of any
  /// index; unlike (H + μI)δ = −∇L its matrix is positive definite for every μ > 0, even
  /// at a saddle, and singular H (flat valleys) gives the least-norm step.
  case levenbergMarquardt
  /// L-BFGS on ½‖∇L‖², whose gradient H∇L is one Hessian-vector product; for any P.
  case gradientNorm
}

/// What `toCritical` takes besides the model and data.
public struct CriticalPointOptions: Sendable {
  /// Stop once ‖∇L‖ ≤ tolerance (`tol`, > 0).
  public var tolerance: Double
  /// Most iterations (Levenberg–Marquardt steps or L-BFGS line searches).
  public var maxIterations: Int
  public var method: CriticalPointMethod
  /// The zero band |λ| ≤ this for the eigenvalue counts; nil: max(1e-8·max|λ|, 10·‖∇L‖)
  /// at the point reached, since eigenvalues there sit about ‖∇L‖ (times third derivatives
  /// over curvature) from those of the exact critical point.
  public var zeroTolerance: Double?
  /// Largest P for the Newton-type method and for the full spectrum (counts); above it the
  /// counts are not computed and the classification says so.
  public var fullHessianLimit: Int

  public init(
    tolerance: Double = 1e-6, maxIterations: Int = 200, method: CriticalPointMethod = .automatic,
    zeroTolerance: Double? = nil, fullHessianLimit: Int = 2_000
  ) {
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.method = method
    self.zeroTolerance = zeroTolerance
    self.fullHessianLimit = fullHessianLimit
  }

  func validate() throws {
    guard tolerance.isFinite, tolerance > 0 else {
      throw NetworkError.badOption("tol must be a finite number above 0, got \(tolerance)")
    }
    guard maxIterations >= 0 else {
      throw NetworkError.badOption("max_iterations must be 0 or more, got \(maxIterations)")
    }
    if let z = zeroTolerance, !(z.isFinite && z > 0) {
      throw NetworkError.badOption("the zero-eigenvalue tolerance must be a finite number above 0, got \(z)")
    }
    guard fullHessianLimit >= 1, fullHessianLimit <= MLP.fullHessianLimit else {
      throw NetworkError.badOption("full_hessian_limit must be in 1…\(MLP.fullHessianLimit), got \(fullHessianLimit)")
    }
  }
}

/// What the point reached is, from ‖∇L‖ and the signs of the Hessian's eigenvalues.
///
/// A zero eigenvalue (|λ| ≤ the counts' tolerance) makes the second-order test inconclusive
/// unless a negative eigenvalue already proves the point is no minimum: negative and
/// positive eigenvalues → saddle (whatever the zeros); no negative but some zero →
/// degenerate (a flat valley of minima, or a higher-order saddle).
public enum CriticalPointKind: String, Sendable, CaseIterable {
  case localMinimum = "local minimum"
  case saddle
  case localMaximum = "local maximum"
  case degenerate
  /// ‖∇L‖ stayed above the tolerance.
  case notReached = "not reached"
  /// Reached, but P is above the full-spectrum limit, so the signs were not counted.
  case notClassified = "not classified"

  static func classify(_ counts: EigenvalueCounts) -> CriticalPointKind {
    if counts.negative > 0 {
      return counts.positive == 0 && counts.zero == 0 ? .localMaximum : .saddle
    }
    return counts.zero > 0 ? .degenerate : .localMinimum
  }
}

/// Why `toCritical` stopped.
public enum CriticalPointStop: String, Sendable {
  case converged
  case iterationLimit = "iteration limit"
  /// No step lowered ‖∇L‖ (Levenberg–Marquardt: μ grew past any use; L-BFGS: the line
  /// search failed): often a gradient-flat region, where H∇L ≈ 0 but ∇L ≠ 0.
  case stalled
  case interrupted
}

/// The point `toCritical` reached, with everything a table row or figure needs.
public struct CriticalPointResult: Sendable {
  /// The network at the point reached.
  public let model: MLP
  public let initialLoss: Double
  public let loss: Double
  /// ‖∇L‖ at the point reached.
  public let gradientNorm: Double
  /// ‖H∇L‖ / ‖∇L‖ (Frye et al. 2021): small while ‖∇L‖ is not means a gradient-flat region
  /// rather than a critical point; nil when ∇L = 0 exactly.
  public let gradientFlatness: Double?
  /// The Hessian's eigenvalues, ascending, when P ≤ the full-spectrum limit.
  public let eigenvalues: [Double]?
  public let counts: EigenvalueCounts?
  /// Why the counts are missing, when they are.
  public let curvatureNote: String?
  public let kind: CriticalPointKind
  /// The method used (never `.automatic`).
  public let method: CriticalPointMethod
  public let iterations: Int
  /// ‖∇L‖ at the start and after every iteration.
  public let gradientNormTrajectory: [Double]
  public let tolerance: Double
  public let stop: CriticalPointStop
  public let seconds: Double

  /// Positive eigenvalues over all (nil when not computed).
  public var minimumRatio: Double? { counts?.minimumRatio }
}
