import MathCore

/// λmax of the loss's Hessian (`sharpness(net, data)`), from Lanczos.
public struct Sharpness: Sendable, Equatable {
  /// The largest eigenvalue found.
  public let value: Double
  /// ‖Hy − λy‖ of its Ritz vector (|λ − λ_true| is at most this).
  public let residual: Double
  public let converged: Bool
  /// How many examples the Hessian was taken on (the first ones of the data).
  public let examples: Int
  /// Hessian-vector products used.
  public let products: Int
}

/// Keskar et al.'s ε-sharpness (ICLR 2017, Metric 2.1 with A = I): with the box
/// C = {z : |zᵢ| ≤ ε(|xᵢ| + 1)}, 100·(max_{z∈C} L(x + z) − L(x)) / (1 + L(x)).
public struct EpsilonSharpness: Sendable {
  /// The metric, in percent.
  public let value: Double
  public let epsilon: Double
  public let loss: Double
  /// The largest loss found in the box (a lower bound on the true maximum).
  public let maximumLoss: Double
  /// The perturbation reaching it.
  public let perturbation: [Double]
  /// Ascent steps taken (each one loss and gradient).
  public let iterations: Int
}

/// Options of `epsilonSharpness`.
public struct EpsilonSharpnessOptions: Sendable {
  public var epsilon: Double
  /// The fixed budget of ascent steps.
  public var iterations: Int
  /// Seeds the start point inside the box.
  public var seed: UInt64
  /// Use only the first `examples` examples (nil: all).
  public var examples: Int?

  public init(epsilon: Double = 1e-3, iterations: Int = 20, seed: UInt64 = 0, examples: Int? = nil) {
    self.epsilon = epsilon
    self.iterations = iterations
    self.seed = seed
    self.examples = examples
  }
}

extension MLP {
  /// λmax of the Hessian of the mean loss on the first `examples` examples of `data` (all
  /// when nil), by Lanczos (`largest`, full reorthogonalisation, no multiplicity run since
  /// only the value is wanted): a few dozen Hessian-vector products.
  ///
  /// - Throws: `NetworkError` for data that does not fit, `DatasetError` for a bad subset.
  public func sharpness(
    on data: Dataset, examples: Int? = nil, options: LanczosOptions = LanczosOptions(checkMultiplicity: false),
    cancellation: CancellationFlag? = nil
  ) throws -> Sharpness {
    let used = try examples.map { try data.first($0) } ?? data
    let result = try Lanczos.eigenpairs(
      of: try NetworkHessian(self, data: used), count: 1, selection: .largest, options: options,
      cancellation: cancellation)
    guard let top = result.pairs.first else { throw NetworkError.badOption("Lanczos found no eigenvalue") }
    return Sharpness(
      value: top.value, residual: top.residual, converged: top.converged, examples: used.count,
      products: result.operatorApplications)
  }

  /// Keskar et al.'s ε-sharpness at the current parameters x. The inner maximisation (they
  /// use L-BFGS-B) is projected sign ascent in the box, like PGD for an ℓ∞ ball: from a
  /// seeded point uniform in half the box, step z ← clip(z + α·bᵢ·sign(∂L/∂zᵢ)) with
  /// bᵢ = ε(|xᵢ| + 1), starting at α = 1/2 and halving α whenever a step does not raise the
  /// loss (then the step is not taken), for a fixed budget of steps. A convex loss (a
  /// quadratic) has its box maximum at a vertex, which this reaches in a few steps.
  public func epsilonSharpness(on data: Dataset, options: EpsilonSharpnessOptions = EpsilonSharpnessOptions()) throws
    -> EpsilonSharpness
  {
    guard options.epsilon.isFinite, options.epsilon > 0 else {
      throw NetworkError.badOption("epsilon must be a finite number above 0, got \(options.epsilon)")
    }
    guard options.iterations >= 0 else {
      throw NetworkError.badOption("iterations must be 0 or more, got \(options.iterations)")
    }
    let used = try options.examples.map { try data.first($0) } ?? data
    let x = parameters
    let base = try loss(on: used)
    let bound = x.map { options.epsilon * (abs($0) + 1) }
    var rng = SeededGenerator(seed: options.seed)
    var z = bound.map { b in b * (rng.nextUniform() - 0.5) }
    var (best, gradient) = try with(parameters: zip(x, z).map { $0 + $1 }).lossAndGradient(on: used)
    var alpha = 0.5
    for _ in 0..<options.iterations {
      let trial = z.indices.map { i in
        min(bound[i], max(-bound[i], z[i] + alpha * bound[i] * (gradient[i] > 0 ? 1 : gradient[i] < 0 ? -1 : 0)))
      }
      let (l, g) = try with(parameters: zip(x, trial).map { $0 + $1 }).lossAndGradient(on: used)
      if l > best, l.isFinite { (z, best, gradient) = (trial, l, g) } else { alpha *= 0.5 }
    }
    if base >= best { (best, z) = (base, [Double](repeating: 0, count: z.count)) }
    return EpsilonSharpness(
      value: 100 * (best - base) / (1 + base), epsilon: options.epsilon, loss: base, maximumLoss: best,
      perturbation: z, iterations: options.iterations)
  }
}
