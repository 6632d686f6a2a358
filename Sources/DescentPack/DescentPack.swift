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
  /// λmax of the exact Hessian every k steps (`sharpness_every: k`; omitted: never).
  static let sharpnessEvery = ParameterKey.integer("sharpness_every").optional()
  private static let runParameters = [steps, tol, noise, seed, sharpnessEvery].map(\.parameter)

  /// One builtin per row of Optim's optimizer table, then `minimize` and `last_run`.
  private static let optimEntries: [Builtin] =
    OptimizerKind.allCases.map(optimizerEntry) + [
      Builtin(
        "minimize",
        [loss.parameter, from.parameter, optimizer.parameter] + runParameters,
        returns: "run",
        summary: """
          Runs an optimizer on L from a start point, with exact gradients (forward-mode autodiff). Stops after steps, \
          at ‖∇L‖ < tol, or at the first NaN/∞ (a diverged run says at which step and why). Runs over 0.5 s show \
          a progress line; interrupting keeps the partial run in last_run(). sharpness_every: k records λmax of the \
          exact Hessian every k steps (run.sharpness, at run.sharpness_steps) and draws it against the stable limit.
          """,
        example:
          "L(w1, w2) = (1 - w1*w2)^2\nr = minimize(L, from: [0.5, -0.3], optimizer: momentum(lr: 0.05, lambda: 0.9), steps: 50)\nr.steps"
      ) { args, ev in
        guard case .custom(let value)? = args[optimizer], let chosen = (value as? OptimizerValue)?.optimizer else {
          throw args.error(optimizer, "optimizer must be made by \(optimizerChoices)", kind: .type)
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

  /// One optimizer builtin from its row of Optim's table (`OptimizerKind.spec`): `name(hyper…)`
  /// makes the optimizer; `name(L, from:, hyper…, options…)` runs it. The name, the
  /// hyper-parameters with their defaults, the range checks and their messages, the help and
  /// the example are all the table's, so none is written here.
  private static func optimizerEntry(_ kind: OptimizerKind) -> Builtin {
    let spec = kind.spec
    let name = spec.name
    let hyper = spec.parameters.map { ParameterKey.number($0.name, default: $0.defaultValue) }
    let parameters = [loss.optional().parameter, from.optional().parameter] + hyper.map(\.parameter) + runParameters
    return Builtin(
      name, parameters, returns: "optimizer or run", summary: helpSummary(spec), example: spec.example
    ) { args, ev in
      let optimizer = Optimizer(kind: kind, values: hyper.map { args[$0] })
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

  /// The table's summary followed by each hyper-parameter's symbol, range and meaning:
  /// "… Hyper-parameters: lr (η) > 0, the step size multiplying the gradient."
  private static func helpSummary(_ spec: OptimizerSpec) -> String {
    let hyper = spec.parameters.map { "\($0.name) (\($0.symbol)) \($0.range.text), \($0.meaning)" }
    return spec.summary + " Hyper-parameters: " + hyper.joined(separator: "; ") + "."
  }

  /// What `minimize(…, optimizer:)` and `fit` accept, from the table:
  /// "gd(lr:), momentum(lr:, lambda:), … or adam(lr:, beta1:, beta2:, epsilon:)".
  public static let optimizerChoices: String = {
    let calls = OptimizerKind.allCases.map(\.spec.signature)
    return calls.dropLast().joined(separator: ", ") + " or " + (calls.last ?? "")
  }()
}
