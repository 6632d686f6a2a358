import MathCore

/// How `toCritical` moves towards a point where ∇L = 0.
public enum CriticalPointMethod: String, Sendable, CaseIterable {
  /// Levenberg–Marquardt on the exact Hessian when P ≤ `fullHessianLimit`, else `gradientNorm`.
  case automatic
  /// Newton-type steps on the exact Hessian, in its eigenbasis (one LAPACK `dsyevd` per
  /// Hessian): each iteration tries Levenberg–Marquardt steps (H² + μI)δ = −H∇L and
  /// truncated pseudo-inverse steps −H_τ⁺∇L along the damping curve, one exact gradient
  /// each, and takes the one with the smallest ‖∇L‖; then chord steps in the same eigenbasis
  /// while they are cheaper than a new Hessian. When no filtered step halves ‖∇L‖ it tries
  /// the full Newton step with three corrections on fresh Hessians (the step that follows a
  /// saturating tanh unit). Small μ or τ is Newton's step, which goes to the nearest
  /// critical point of any index (quadratically when it is non-degenerate); the truncated
  /// steps leave the near-null space alone (Newton-MR). See `MLP.newtonSearch`.
  case levenbergMarquardt
  /// L-BFGS on ½‖∇L‖², whose gradient H∇L is one Hessian-vector product; for any P.
  case gradientNorm
}

/// What `toCritical` takes besides the model and data.
public struct CriticalPointOptions: Sendable {
  /// Stop once ‖∇L‖ ≤ tolerance (`tol`, > 0).
  public var tolerance: Double
  /// Most iterations: for `levenbergMarquardt` the Hessians computed (one per Newton
  /// iteration, which also takes the chord steps it pays for, and one per correction of a
  /// long Newton step), for `gradientNorm` the line searches.
  public var maxIterations: Int
  public var method: CriticalPointMethod
  /// The zero band |λ| ≤ this for the eigenvalue counts; nil: max(1e-8·max|λ|, 10·‖∇L‖)
  /// at the point reached, since eigenvalues there sit about ‖∇L‖ (times third derivatives
  /// over curvature) from those of the exact critical point.
  public var zeroTolerance: Double?
  /// Largest P for the Newton-type method and for the full spectrum (counts); above it the
  /// counts are not computed and the classification says so.
  public var fullHessianLimit: Int
  /// Stop as `.stalled` when ‖∇L‖ fell by less than this fraction over the last
  /// `stallWindow` iterations (default 10% over 20: at that pace 1e-4 → 1e-6 would take
  /// over 800 iterations); such slow progress is typical of gradient-flat regions, where tiny
  /// eigenvalues meet gradient components that only a long step would remove. 0 turns it off.
  public var minimumProgress: Double
  public var stallWindow: Int
  /// The stall window of the Newton-type search, in Newton iterations (default 3: at under
  /// 10% per 3 iterations, 1e-4 → 1e-6 would take over 130 Hessians).
  public var newtonStallWindow: Int
  /// Whether the Newton-type search may try the long Newton step with corrections when the
  /// filtered steps make little progress (on by default; off to compare).
  public var longNewtonSteps: Bool

  public init(
    tolerance: Double = 1e-6, maxIterations: Int = 200, method: CriticalPointMethod = .automatic,
    zeroTolerance: Double? = nil, fullHessianLimit: Int = 2_000, minimumProgress: Double = 0.1, stallWindow: Int = 20,
    newtonStallWindow: Int = 3, longNewtonSteps: Bool = true
  ) {
    self.newtonStallWindow = newtonStallWindow
    self.longNewtonSteps = longNewtonSteps
    self.minimumProgress = minimumProgress
    self.stallWindow = stallWindow
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
    guard minimumProgress >= 0, minimumProgress < 1, stallWindow >= 1, newtonStallWindow >= 1 else {
      throw NetworkError.badOption(
        "minimum_progress must be in [0, 1) and the stall windows at least 1, got \(minimumProgress), "
          + "\(stallWindow) and \(newtonStallWindow)")
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
  /// No step lowered ‖∇L‖, or ‖∇L‖ fell by less than `minimumProgress` over `stallWindow`
  /// iterations: typically a gradient-flat region (`CriticalPointResult.isGradientFlat`).
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
  /// The share of ∇L along near-zero curvature: ‖P∇L‖/‖∇L‖ with P the projection on the
  /// Hessian's eigenvectors with |λ| ≤ 1e-3·max|λ| (nil without the spectrum or when ∇L = 0).
  /// Near 1 with ‖∇L‖ above the tolerance: gradient-flat.
  public let flatGradientShare: Double?
  /// The Hessian's eigenvalues, ascending, when P ≤ the full-spectrum limit.
  public let eigenvalues: [Double]?
  public let counts: EigenvalueCounts?
  /// Why the counts are missing, when they are.
  public let curvatureNote: String?
  public let kind: CriticalPointKind
  /// The method used (never `.automatic`).
  public let method: CriticalPointMethod
  public let iterations: Int
  /// Full Hessians the search computed and factored (0 for `gradientNorm`, which uses HVPs).
  public let hessians: Int
  /// ‖∇L‖ at the start and after every iteration.
  public let gradientNormTrajectory: [Double]
  public let tolerance: Double
  public let stop: CriticalPointStop
  public let seconds: Double

  /// Positive eigenvalues over all (nil when not computed).
  public var minimumRatio: Double? { counts?.minimumRatio }

  /// ‖∇L‖ stayed above the tolerance and most of ∇L (`flatGradientShare` ≥ 0.9) lies along
  /// eigenvalues near zero: a gradient-flat point (Frye et al. 2021), where no short step
  /// lowers ‖∇L‖ and the nearest critical point, if any, is far away.
  public var isGradientFlat: Bool { kind == .notReached && (flatGradientShare ?? 0) >= 0.9 }
}
