import Language
import MathCore
import NetworksPack
import NeuralNet

/// `to_critical`: drives ‖∇L‖ to 0 from a network and describes the point reached.
extension CurvaturePack {
  static let criticalTolerance = ParameterKey.number("tol", default: 1e-6)
  static let maxIterations = ParameterKey.integer("max_iterations", default: 200)
  static let method = ParameterKey.labelled("method", .string).optional()
  static let zeroTolerance = ParameterKey.number("zero_tol").optional()

  /// The language's names of the methods.
  static let methodNames: [(String, CriticalPointMethod)] = [
    ("automatic", .automatic), ("levenberg_marquardt", .levenbergMarquardt), ("gradient_norm", .gradientNorm),
  ]

  static func methodName(_ m: CriticalPointMethod) -> String { methodNames.first { $0.1 == m }?.0 ?? "\(m)" }

  static let criticalEntries: [Builtin] =
    [
      Builtin(
        "to_critical",
        [
          net.parameter, data.parameter, criticalTolerance.parameter, maxIterations.parameter, method.parameter,
          zeroTolerance.parameter,
        ],
        returns: "critical point",
        summary: """
          Drives ‖∇L‖ below tol (1e-6) from the network's parameters and describes the point reached: loss, ‖∇L‖, \\
          ‖H∇L‖/‖∇L‖ (flatness: small with ‖∇L‖ not small means a gradient-flat region), eigenvalue counts with \\
          the zero band (zero_tol:, default max(1e-8·max|λ|, 10·‖∇L‖)), minimum ratio and kind (local minimum, \\
          saddle, degenerate, not reached). method: "automatic" (Levenberg–Marquardt on the exact Hessian when \\
          P ≤ 2,000: one Hessian and one eigendecomposition per iteration, chord steps in its eigenbasis \\
          between; else "gradient_norm", L-BFGS on ½‖∇L‖² with one HVP per gradient). max_iterations: 200 \\
          (Hessians, or L-BFGS line searches).
          """,
        example: """
          net = mlp(1, 1, 1, activation: "linear", bias: false, loss: "mse", seed: 1)
          c = to_critical(net, dataset([[1]], [1], kind: "regression"))
          c.grad_norm < 1e-6
          """
      ) { args, ev in try toCritical(args, ev.cancellation) }
    ] + studyEntries

  /// The options of `to_critical` (also `critical_study`'s search).
  static func criticalOptions(_ args: BoundArguments) throws -> CriticalPointOptions {
    var options = CriticalPointOptions()
    options.tolerance = try tolerance(args, criticalTolerance, name: "tol")
    options.maxIterations = try NetworksPack.count(args, maxIterations, in: 0...1_000_000, what: "max_iterations")
    if case .string(let name)? = args[method] {
      guard let m = methodNames.first(where: { $0.0 == name })?.1 else {
        let names = methodNames.map { "\"\($0.0)\"" }.joined(separator: ", ")
        throw args.error(method, "method must be one of \(names), got \"\(name)\"")
      }
      options.method = m
    }
    if args.has(zeroTolerance) { options.zeroTolerance = try tolerance(args, zeroTolerance, name: "zero_tol") }
    return options
  }

  private static func toCritical(_ args: BoundArguments, _ cancellation: CancellationFlag) throws -> Value {
    let (model, d) = try networkAndData(args)
    let options = try criticalOptions(args)
    let result = try spectral(args) { try model.toCritical(on: d, options: options, cancellation: cancellation) }
    if result.stop == .interrupted { throw LanguageError(.interrupted, "interrupted", at: args.callRange) }
    return .custom(CriticalPointValue(result))
  }
}
