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

  /// Options shared by every run: `steps`, `tol`, `noise`, `seed`.
  private static let runParameters: [BuiltinParameter] = [
    .labelled("steps", .integer, default: .number(100)),
    .labelled("tol", .number, default: .number(0)),
    .labelled("noise", .number, default: .number(0)),
    .labelled("seed", .integer, default: .number(0)),
  ]

  private static let optimEntries: [Builtin] = [
    optimizerEntry(
      "gd", hyper: [.labelled("lr", .number)],
      summary: """
        Gradient descent θ ← θ − lr·∇L. gd(lr: η) is the optimizer, for minimize; gd(L, from: θ0, lr: η, steps: k) \
        runs it and returns the run (points, loss, grad_norm, moves, final). Options: tol stops at ‖∇L‖ < tol, \
        noise adds Gaussian noise of that σ to each gradient (seeded by seed).
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [0.5, -0.3], lr: 0.05, steps: 100).final"
    ) { Optimizer.gd(lr: $0[0]) },
    optimizerEntry(
      "momentum", hyper: [.labelled("lr", .number), .labelled("lambda", .number, default: .number(0.9))],
      summary: """
        Momentum as in the lecture: m⁰ = 0, mⁱ⁺¹ = λmⁱ − lr·gⁱ, θⁱ⁺¹ = θⁱ + mⁱ⁺¹. momentum(lr: η, lambda: λ) is \
        the optimizer; momentum(L, from: θ0, lr: η, lambda: λ, steps: k) runs it (moves holds the mⁱ).
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\nmomentum(L, from: [0.5, -0.3], lr: 0.05, lambda: 0.9, steps: 100).final"
    ) { Optimizer.momentum(lr: $0[0], lambda: $0[1]) },
    optimizerEntry(
      "nesterov", hyper: [.labelled("lr", .number), .labelled("lambda", .number, default: .number(0.9))],
      summary: """
        Nesterov momentum: like momentum, but the gradient is taken at the look-ahead point θ + λm. \
        nesterov(lr:, lambda:) is the optimizer; with a function and from: it runs.
        """,
      example: "nesterov(lr: 0.05, lambda: 0.9)"
    ) { Optimizer.nesterov(lr: $0[0], lambda: $0[1]) },
    optimizerEntry(
      "adam",
      hyper: [
        .labelled("lr", .number, default: .number(0.001)), .labelled("beta1", .number, default: .number(0.9)),
        .labelled("beta2", .number, default: .number(0.999)),
        .labelled("epsilon", .number, default: .number(1e-8)),
      ],
      summary: """
        Adam: bias-corrected running means of the gradient and of its square; each coordinate moves by about lr. \
        adam(lr:, …) is the optimizer; with a function and from: it runs.
        """,
      example: "adam(lr: 0.01)"
    ) { Optimizer.adam(lr: $0[0], beta1: $0[1], beta2: $0[2], epsilon: $0[3]) },
    Builtin(
      "minimize",
      [.positional("L", .function), .labelled("from", .any), .labelled("optimizer", .any)]
        + runParameters,
      returns: "run",
      summary: """
        Runs an optimizer on L from a start point, with exact gradients (forward-mode autodiff). Stops after steps, \
        at ‖∇L‖ < tol, or at the first NaN/∞ (a diverged run says at which step and why). Runs over 0.5 s show \
        a progress line; interrupting keeps the partial run in last_run().
        """,
      example:
        "L(w1, w2) = (1 - w1*w2)^2\nr = minimize(L, from: [0.5, -0.3], optimizer: momentum(lr: 0.05, lambda: 0.9), steps: 50)\nr.steps"
    ) { args, ev in
      guard case .custom(let value)? = args.value(2), let optimizer = (value as? OptimizerValue)?.optimizer else {
        throw args.error(
          2, "optimizer must be made by gd(lr:), momentum(lr:, lambda:), nesterov(…) or adam(…)",
          kind: .type)
      }
      return try runDescent(args, ev, optimizer: optimizer, options: 3)
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
    _ name: String, hyper: [BuiltinParameter], summary: String, example: String,
    make: @escaping @Sendable ([Double]) -> Optimizer
  ) -> Builtin {
    let parameters =
      [.positional("L", .function, optional: true), .labelled("from", .any, optional: true)] + hyper
      + runParameters
    return Builtin(
      name, parameters, returns: "optimizer or run", summary: summary, example: example
    ) { args, ev in
      let optimizer = make(hyper.indices.map { args.number(2 + $0) })
      if let problem = optimizer.problem {
        throw LanguageError(.value, "\(name): \(problem)", at: args.callRange)
      }
      guard args.value(0) != nil else {
        if args.value(1) != nil {
          throw args.error(1, "\(name) got a start point but no function; write \(name)(L, from: …)")
        }
        return .custom(OptimizerValue(optimizer))
      }
      guard args.value(1) != nil else {
        throw LanguageError(
          .argument, "\(name) needs a start point to run from: \(name)(L, from: [0.5, -0.3], …)",
          at: args.callRange)
      }
      return try runDescent(args, ev, optimizer: optimizer, options: 2 + hyper.count)
    }
  }
}
