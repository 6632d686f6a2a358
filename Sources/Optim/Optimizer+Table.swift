/// The optimizers Saddle knows, by name; each one's entry in the table is `spec`.
public enum OptimizerKind: String, CaseIterable, Sendable {
  case gd, momentum, nesterov, adam

  /// This optimizer's row of the table.
  public var spec: OptimizerSpec {
    switch self {
    case .gd: return .gd
    case .momentum: return .momentum
    case .nesterov: return .nesterov
    case .adam: return .adam
    }
  }
}

/// One row of the optimizer table: everything said about an optimizer, said once. Validation
/// (`Optimizer.problem`), display (`Optimizer.description`), the divergence hint and the
/// builtins a pack makes (`name(hyper…)`, with defaults, summary and example) all read it; the
/// update rule it names is `UpdateRule`'s function of the same name.
public struct OptimizerSpec: Sendable {
  public let kind: OptimizerKind
  /// The hyper-parameters in the order of `Optimizer.values` and of the builtin's labels.
  public let parameters: [HyperParameter]
  /// The update rule in the lecture's notation.
  public let rule: String
  /// The builtin's help text.
  public let summary: String
  /// A cell using it, for the help.
  public let example: String
  /// For a quadratic with largest Hessian eigenvalue λmax: the stable learning-rate limit
  /// from the hyper-parameter values, and its formula; nil when none is known (Adam).
  let stability: Stability?

  /// A limit of the form η < c/λmax: c as the formula writes it ("2", "2(1 + λ)") and from
  /// the hyper-parameter values.
  struct Stability: Sendable {
    let numerator: String
    /// "2/λmax", or the formula as written when c/λmax reads badly.
    let formula: String
    let constant: @Sendable (_ values: [Double]) -> Double

    init(numerator: String, formula: String? = nil, constant: @escaping @Sendable (_ values: [Double]) -> Double) {
      self.numerator = numerator
      self.formula = formula ?? "\(numerator)/λmax"
      self.constant = constant
    }

    /// The stable learning-rate limit c/λmax.
    func limit(_ values: [Double], _ lambdaMax: Double) -> Double { constant(values) / lambdaMax }
  }

  /// The builtin's name: "gd", "momentum", "nesterov", "adam".
  public var name: String { kind.rawValue }

  /// The constructor's call form, `momentum(lr:, lambda:)`.
  public var signature: String {
    "\(name)(" + parameters.map { "\($0.name):" }.joined(separator: ", ") + ")"
  }

  /// The hyper-parameter called `name`, if this optimizer has one.
  public func parameter(named name: String) -> HyperParameter? {
    parameters.first { $0.name == name }
  }
}

/// The table (a data table: longer than usual on purpose, one entry per optimizer).
extension OptimizerSpec {
  static let gd = OptimizerSpec(
    kind: .gd, parameters: [.learningRate()], rule: "θⁱ⁺¹ = θⁱ − η gⁱ",
    summary: """
      Gradient descent θ ← θ − lr·∇L. gd(lr: η) is the optimizer, for minimize; gd(L, from: θ0, lr: η, steps: k) \
      runs it and returns the run (points, loss, grad_norm, moves, final). Options: tol stops at ‖∇L‖ < tol, \
      noise adds Gaussian noise of that σ to each gradient (seeded by seed), sharpness_every: k reads λmax of \
      the exact Hessian every k steps.
      """,
    example: "L(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [0.5, -0.3], lr: 0.05, steps: 100).final",
    stability: Stability(numerator: "2") { _ in 2 })

  static let momentum = OptimizerSpec(
    kind: .momentum, parameters: [.learningRate(), lambda], rule: "m⁰ = 0, mⁱ⁺¹ = λmⁱ − ηgⁱ, θⁱ⁺¹ = θⁱ + mⁱ⁺¹",
    summary: """
      Momentum as in the lecture: m⁰ = 0, mⁱ⁺¹ = λmⁱ − lr·gⁱ, θⁱ⁺¹ = θⁱ + mⁱ⁺¹. momentum(lr: η, lambda: λ) is \
      the optimizer; momentum(L, from: θ0, lr: η, lambda: λ, steps: k) runs it (moves holds the mⁱ).
      """,
    example: "L(w1, w2) = (1 - w1*w2)^2\nmomentum(L, from: [0.5, -0.3], lr: 0.05, lambda: 0.9, steps: 100).final",
    stability: heavyBall)

  static let nesterov = OptimizerSpec(
    kind: .nesterov, parameters: [.learningRate(), lambda],
    rule: "gⁱ = ∇L(θⁱ + λmⁱ), mⁱ⁺¹ = λmⁱ − ηgⁱ, θⁱ⁺¹ = θⁱ + mⁱ⁺¹",
    summary: """
      Nesterov momentum: like momentum, but the gradient is taken at the look-ahead point θ + λm. \
      nesterov(lr:, lambda:) is the optimizer; with a function and from: it runs.
      """,
    example: "nesterov(lr: 0.05, lambda: 0.9)",
    stability: lookAhead)

  static let adam = OptimizerSpec(
    kind: .adam,
    parameters: [
      .learningRate(default: 0.001),
      .decay("beta1", symbol: "β₁", default: 0.9, meaning: "the decay of the running mean of g"),
      .decay("beta2", symbol: "β₂", default: 0.999, meaning: "the decay of the running mean of g²"),
      HyperParameter(
        name: "epsilon", symbol: "ε", defaultValue: 1e-8, range: .positive,
        meaning: "added to √v̂ so the division stays finite",
        violation: "epsilon must be a finite number > 0"),
    ],
    rule: "m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η m̂/(√v̂ + ε), m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)",
    summary: """
      Adam: bias-corrected running means of the gradient and of its square; each coordinate moves by about lr. \
      adam(lr:, …) is the optimizer; with a function and from: it runs.
      """,
    example: "adam(lr: 0.01)",
    stability: nil)

  /// λ of momentum and Nesterov.
  private static let lambda = HyperParameter.decay(
    "lambda", symbol: "λ", default: 0.9, meaning: "the fraction of m kept per step")

  /// Heavy-ball momentum on a quadratic is stable for η < 2(1 + λ)/λmax.
  private static let heavyBall = Stability(numerator: "2(1 + λ)") { values in 2 * (1 + values[1]) }

  /// Nesterov on a quadratic is stable for η < 2(1 + λ)/((1 + 2λ)λmax): per eigenvalue h its
  /// iteration matrix has characteristic polynomial z² − (1 + λ)(1 − ηh)z + λ(1 − ηh), whose
  /// roots stay inside the unit circle (Jury) iff 0 < ηh < 2(1 + λ)/(1 + 2λ). The look-ahead
  /// gradient makes it stricter than heavy ball's 2(1 + λ)/λmax.
  private static let lookAhead = Stability(numerator: "2(1 + λ)/(1 + 2λ)", formula: "2(1 + λ)/((1 + 2λ)λmax)") {
    values in 2 * (1 + values[1]) / (1 + 2 * values[1])
  }
}
