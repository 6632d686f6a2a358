import Language
import MathCore
import Optim

/// The descent pack: optimizers as values, `minimize`, `last_run`, and the shorthand
/// `gd(L, from:, lr:, steps:)` / `momentum(L, from:, lr:, lambda:, steps:)`.
///
/// Its values draw themselves: an `OptimizerValue` holds its `Optimizer`, a `RunValue` its
/// `Trajectory` (and renders its loss curve), a `RunProgressValue` its live figure.
public enum DescentPack {
  /// The pack's builtins, in documentation order; a session adds them to its table.
  public static let entries: [Builtin] = optimEntries
  /// The most steps one run may take.
  static let maxOptimSteps = 1_000_000_000

  /// The loss to run on and the start point (optional for the optimizer builtins, which
  /// without them make the optimizer).
  static let loss = ParameterKey.positional("L", .function)
  static let from = ParameterKey.labelled("from", .any)
  /// `minimize`'s optimizer, made by one of the optimizer builtins.
  static let optimizer = ParameterKey.labelled("optimizer", .any)
  /// Options shared by every run.
  static let steps = ParameterKey.integer("steps", default: 100)
  static let tol = ParameterKey.number("tol", default: 0)
  static let noise = ParameterKey.number("noise", default: 0)
  static let seed = ParameterKey.integer("seed", default: 0)
  private static let runParameters = [steps, tol, noise, seed].map(\.parameter)
  /// Hyper-parameters, each declared once for every optimizer that has it.
  static let lr = ParameterKey.number("lr")
  static let lambda = ParameterKey.number("lambda", default: 0.9)

  private static let optimEntries: [Builtin] = [
    optimizerEntry(
      "gd", hyper: [lr],
      summary: """
        Gradient descent θ ← θ − lr·∇L. gd(lr: η) is the optimizer, for minimize; gd(L, from: θ0, lr: η, steps: k) \
        runs it and returns the run (points, loss, grad_norm, moves, final). Options: tol stops at ‖∇L‖ < tol, \
        noise adds Gaussian noise of that σ to each gradient (seeded by seed).
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [0.5, -0.3], lr: 0.05, steps: 100).final"
    ) { Optimizer.gd(lr: $0[0]) },
    optimizerEntry(
      "momentum", hyper: [lr, lambda],
      summary: """
        Momentum as in the lecture: m⁰ = 0, mⁱ⁺¹ = λmⁱ − lr·gⁱ, θⁱ⁺¹ = θⁱ + mⁱ⁺¹. momentum(lr: η, lambda: λ) is \
        the optimizer; momentum(L, from: θ0, lr: η, lambda: λ, steps: k) runs it (moves holds the mⁱ).
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\nmomentum(L, from: [0.5, -0.3], lr: 0.05, lambda: 0.9, steps: 100).final"
    ) { Optimizer.momentum(lr: $0[0], lambda: $0[1]) },
    optimizerEntry(
      "nesterov", hyper: [lr, lambda],
      summary: """
        Nesterov momentum: like momentum, but the gradient is taken at the look-ahead point θ + λm. \
        nesterov(lr:, lambda:) is the optimizer; with a function and from: it runs.
        """,
      example: "nesterov(lr: 0.05, lambda: 0.9)"
    ) { Optimizer.nesterov(lr: $0[0], lambda: $0[1]) },
    optimizerEntry(
      "adam",
      hyper: [
        .number("lr", default: 0.001), .number("beta1", default: 0.9), .number("beta2", default: 0.999),
        .number("epsilon", default: 1e-8),
      ],
      summary: """
        Adam: bias-corrected running means of the gradient and of its square; each coordinate moves by about lr. \
        adam(lr:, …) is the optimizer; with a function and from: it runs.
        """,
      example: "adam(lr: 0.01)"
    ) { Optimizer.adam(lr: $0[0], beta1: $0[1], beta2: $0[2], epsilon: $0[3]) },
    Builtin(
      "minimize",
      [loss.parameter, from.parameter, optimizer.parameter] + runParameters,
      returns: "run",
      summary: """
        Runs an optimizer on L from a start point, with exact gradients (forward-mode autodiff). Stops after steps, \
        at ‖∇L‖ < tol, or at the first NaN/∞ (a diverged run says at which step and why). Runs over 0.5 s show \
        a progress line; interrupting keeps the partial run in last_run().
        """,
      example:
        "L(w1, w2) = (1 - w1*w2)^2\nr = minimize(L, from: [0.5, -0.3], optimizer: momentum(lr: 0.05, lambda: 0.9), steps: 50)\nr.steps"
    ) { args, ev in
      guard case .custom(let value)? = args[optimizer], let chosen = (value as? OptimizerValue)?.optimizer else {
        throw args.error(
          optimizer, "optimizer must be made by gd(lr:), momentum(lr:, lambda:), nesterov(…) or adam(…)",
          kind: .type)
      }
      return try runDescent(args, ev, optimizer: chosen)
    },
    Builtin(
      "last_run", [], returns: "run",
      summary:
        "The most recent run of this session, also when it was interrupted: r = last_run() keeps the partial run.",
      example: "L(x) = x^2\ngd(L, from: 1, lr: 0.1, steps: 3);\nlast_run().steps",
      callableBare: true
    ) { args, ev in
      guard let run = LastRunStore.value(for: ev.cancellation) else {
        throw LanguageError(.value, "no run yet in this session; call minimize, gd or momentum first")
      }
      return .custom(run)
    },
  ]

  /// One optimizer builtin: `name(hyper…)` makes the optimizer; `name(L, from:, hyper…, options…)` runs it.
  private static func optimizerEntry(
    _ name: String, hyper: [ParameterKey<Double>], summary: String, example: String,
    make: @escaping @Sendable ([Double]) -> Optimizer
  ) -> Builtin {
    let parameters = [loss.optional().parameter, from.optional().parameter] + hyper.map(\.parameter) + runParameters
    return Builtin(
      name, parameters, returns: "optimizer or run", summary: summary, example: example
    ) { args, ev in
      let optimizer = make(hyper.map { args[$0] })
      if let problem = optimizer.problem {
        throw LanguageError(.value, "\(name): \(problem)", at: args.callRange)
      }
      guard args[loss] != nil else {
        if args[from] != nil {
          throw args.error(from, "\(name) got a start point but no function; write \(name)(L, from: …)")
        }
        return .custom(OptimizerValue(optimizer))
      }
      guard args[from] != nil else {
        throw LanguageError(
          .argument, "\(name) needs a start point to run from: \(name)(L, from: [0.5, -0.3], …)",
          at: args.callRange)
      }
      return try runDescent(args, ev, optimizer: optimizer)
    }
  }
}
