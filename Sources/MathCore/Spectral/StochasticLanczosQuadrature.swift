import Foundation

/// The eigenvalue density of a symmetric operator by stochastic Lanczos quadrature
/// (Lin, Saad & Yang 2016; Ghorbani, Krishnan & Xiao 2019; PyHessian's `density`).
///
/// For a unit probe v, m Lanczos steps from v give the tridiagonal T = S Θ Sᵀ; the nodes θᵢ
/// (Ritz values) with weights wᵢ = S[0, i]² (which sum to 1) form the Gauss quadrature of
/// the measure Σ_j (vᵀu_j)² δ(λ − λ_j), exact for polynomials of degree < 2m, and that
/// measure's expectation over random v is the spectral density (1/P) Σ_j δ(λ − λ_j). The
/// estimate averages the quadratures of several probes and smooths each node into a
/// Gaussian of standard deviation σ (`width`):
///
///   φ(t) = (1/n_v) Σ_probes Σᵢ wᵢ · exp(−(t − θᵢ)² / 2σ²) / (σ √(2π)),
///
/// which integrates to 1 over ℝ; its mean is the quadrature's first moment and its second
/// moment the quadrature's plus σ². The grid spans [min θ − 6σ, max θ + 6σ] (mass outside
/// below 1e-9). The stochastic error of a moment is the spread over probes
/// (`SpectralDensity.moment(_:)` reports it); the bias from m is nil for moments below 2m.
///
/// Cost: `probes × steps` operator applications and O(steps²·P) flops per probe for the
/// full reorthogonalisation (PyHessian's choice: without it ghost nodes inflate the weights
/// of the outliers). Memory: `steps` vectors of length P.
public enum StochasticLanczosQuadrature {
  /// The smoothed spectral density of `op` on a grid, with the raw nodes and weights.
  ///
  /// - Returns: after a cancellation, the density of the probes completed (none: empty grid).
  /// - Throws: `SpectralMethodError` for an empty operator or an option out of range;
  ///   `LinearAlgebraError` when the operator returns non-finite values.
  public static func density(
    of op: some SymmetricOperator, options: SpectralDensityOptions = SpectralDensityOptions(),
    cancellation: CancellationFlag? = nil
  ) throws -> SpectralDensity {
    let p = op.dimension
    guard p > 0 else { throw SpectralMethodError.emptyOperator }
    try options.validate()
    var generator = SeededGenerator(seed: options.seed)
    var nodes: [[Double]] = []
    var weights: [[Double]] = []
    probes: for _ in 0..<options.probes {
      let start = options.distribution.sample(p, using: &generator)
      guard var process = LanczosProcess(start: start, reorthogonalisation: .full) else { continue }
      while process.steps < min(options.steps, p) {
        if cancellation?.isSet == true { break probes }
        if !process.step(op) { break }
      }
      let ritz = try process.ritz()
      nodes.append(ritz.values)
      weights.append((0..<ritz.n).map { ritz.first($0) * ritz.first($0) })
    }
    return SpectralDensity(
      nodes: nodes, weights: weights, requestedWidth: options.width, gridPoints: options.gridPoints,
      steps: options.steps, cancelled: nodes.count < options.probes)
  }
}

/// Options of `StochasticLanczosQuadrature.density`.
public struct SpectralDensityOptions: Sendable {
  /// Random start vectors n_v (the estimate's spread shrinks as 1/√n_v).
  public var probes: Int
  /// Lanczos steps m per probe (at most P are taken).
  public var steps: Int
  public var distribution: ProbeDistribution
  /// Points of the density grid.
  public var gridPoints: Int
  /// σ of the Gaussian kernel; nil: 1% of the node spread (max θ − min θ), or
  /// 1% of max(|θ|, 1) when all nodes coincide.
  public var width: Double?
  public var seed: UInt64

  public init(
    probes: Int = 10, steps: Int = 80, distribution: ProbeDistribution = .rademacher, gridPoints: Int = 1000,
    width: Double? = nil, seed: UInt64 = 0
  ) {
    self.probes = probes
    self.steps = steps
    self.distribution = distribution
    self.gridPoints = gridPoints
    self.width = width
    self.seed = seed
  }

  func validate() throws(SpectralMethodError) {
    guard probes >= 1 else { throw .invalidParameter(name: "probes", value: "\(probes)", requirement: "at least 1") }
    guard steps >= 1 else { throw .invalidParameter(name: "steps", value: "\(steps)", requirement: "at least 1") }
    guard gridPoints >= 2 else {
      throw .invalidParameter(name: "gridPoints", value: "\(gridPoints)", requirement: "at least 2")
    }
    if let w = width, !(w.isFinite && w > 0) {
      throw .invalidParameter(name: "width", value: "\(w)", requirement: "a finite number above 0")
    }
  }
}

/// A spectral density estimate: the smoothed curve and the quadrature it came from.
public struct SpectralDensity: Sendable {
  /// Evenly spaced points t, ascending.
  public let grid: [Double]
  /// φ(t) at each grid point (≥ 0, integrates to 1 up to the grid's resolution).
  public let density: [Double]
  /// σ of the Gaussian kernel used.
  public let width: Double
  /// Per probe: the Ritz values θᵢ (ascending) and their weights wᵢ (summing to 1).
  public let nodes: [[Double]]
  public let weights: [[Double]]
  /// Lanczos steps asked for per probe (fewer are taken when the Krylov space is invariant).
  public let steps: Int
  public let cancelled: Bool

  public var probes: Int { nodes.count }

  /// The quadrature estimate of the p-th spectral moment (1/P) Σ λ_jᵖ = tr(Aᵖ)/P, averaged
  /// over probes, with its standard error across probes (NaN for one probe).
  public func moment(_ power: Int) -> (estimate: Double, standardError: Double) {
    let perProbe = zip(nodes, weights).map { theta, w in
      zip(theta, w).reduce(0.0) { $0 + $1.1 * Foundation.pow($1.0, Double(power)) }
    }
    let n = Double(perProbe.count)
    guard !perProbe.isEmpty else { return (.nan, .nan) }
    let mean = perProbe.reduce(0, +) / n
    guard perProbe.count > 1 else { return (mean, .nan) }
    let variance = perProbe.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, (variance / n).squareRoot())
  }

  init(
    nodes: [[Double]], weights: [[Double]], requestedWidth: Double?, gridPoints: Int, steps: Int, cancelled: Bool
  ) {
    self.nodes = nodes
    self.weights = weights
    self.steps = steps
    self.cancelled = cancelled
    let all = nodes.joined()
    let low = all.min() ?? 0
    let high = all.max() ?? 0
    let sigma = requestedWidth ?? (high > low ? 0.01 * (high - low) : 0.01 * max(abs(high), 1))
    width = sigma
    guard !all.isEmpty else {
      grid = []
      density = []
      return
    }
    let from = low - 6 * sigma
    let step = (high + 6 * sigma - from) / Double(gridPoints - 1)
    grid = (0..<gridPoints).map { from + Double($0) * step }
    density = Self.smooth(grid: grid, nodes: nodes, weights: weights, sigma: sigma)
  }

  /// φ on the grid: each node's weight spread as a Gaussian of standard deviation σ.
  private static func smooth(grid: [Double], nodes: [[Double]], weights: [[Double]], sigma: Double) -> [Double] {
    var out = [Double](repeating: 0, count: grid.count)
    let norm = 1 / (sigma * (2 * Double.pi).squareRoot() * Double(nodes.count))
    for (theta, w) in zip(nodes, weights) {
      for (node, weight) in zip(theta, w) {
        for g in grid.indices {
          let z = (grid[g] - node) / sigma
          out[g] += weight * norm * Foundation.exp(-0.5 * z * z)
        }
      }
    }
    return out
  }
}
