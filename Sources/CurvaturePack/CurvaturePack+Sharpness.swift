import Language
import MathCore
import NetworksPack
import NeuralNet

/// `sharpness`: λmax of the Hessian, or Keskar et al.'s ε-sharpness with `epsilon:`.
extension CurvaturePack {
  static let epsilon = ParameterKey.number("epsilon").optional()
  static let examples = ParameterKey.integer("examples").optional()

  static let sharpnessEntries: [Builtin] = [
    Builtin(
      "sharpness", [net.parameter, data.parameter, epsilon.parameter, examples.parameter, seed.parameter],
      returns: "sharpness",
      summary: """
        How sharp the loss is at the network's parameters: λmax of the Hessian by Lanczos (a few dozen HVPs); \\
        with epsilon: (e.g. 1e-3) Keskar et al.'s ε-sharpness instead, 100·(max L(x+z) − L(x))/(1 + L(x)) over \\
        the box |zᵢ| ≤ ε(|xᵢ| + 1), the max by 20 steps of projected sign ascent (20 gradients; a lower bound). \\
        examples: n uses the first n examples.
        """,
      example: "s = sharpness(mlp(2, 3, 2, activation: \"tanh\", seed: 0), xor(n: 20))\ns.value > 0"
    ) { args, ev in try sharpnessValue(args, ev.cancellation) }
  ]

  private static func sharpnessValue(_ args: BoundArguments, _ cancellation: CancellationFlag) throws -> Value {
    let (model, d) = try networkAndData(args)
    let n = args.has(examples) ? try NetworksPack.count(args, examples, in: 1...d.count, what: "examples") : nil
    if args.has(epsilon) {
      let eps = try tolerance(args, epsilon, name: "epsilon")
      let options = EpsilonSharpnessOptions(epsilon: eps, seed: try seedValue(args), examples: n)
      let result = try NetworksPack.mapped(args) { try model.epsilonSharpness(on: d, options: options) }
      return .custom(SharpnessValue(kind: .epsilon(result), examples: n ?? d.count))
    }
    let options = LanczosOptions(seed: try seedValue(args), checkMultiplicity: false)
    let result = try spectral(args) {
      try model.sharpness(on: d, examples: n, options: options, cancellation: cancellation)
    }
    if cancellation.isSet { throw LanguageError(.interrupted, "interrupted", at: args.callRange) }
    return .custom(SharpnessValue(kind: .largestEigenvalue(result), examples: result.examples))
  }
}

/// What `sharpness` returns: λmax with its Lanczos residual, or the ε-sharpness with the loss
/// and the largest loss found in the box.
public struct SharpnessValue: SummarizedValue {
  public enum Kind: Sendable {
    case largestEigenvalue(Sharpness)
    case epsilon(EpsilonSharpness)
  }
  public let kind: Kind
  /// Examples the loss was taken on (the first ones of the data).
  public let examples: Int

  public var typeName: String { "sharpness" }

  public var heading: String {
    let f = { NumberFormat.short($0) }
    switch kind {
    case .largestEigenvalue(let s):
      return "λmax = \(f(s.value)) ± \(f(s.residual)) on \(examples) examples (Lanczos, \(s.products) HVPs)"
    case .epsilon(let s):
      return
        "ε-sharpness \(NumberFormat.percent(s.value)) at ε = \(f(s.epsilon)) on \(examples) examples (Keskar et al.; loss \(f(s.loss)), largest in the box \(f(s.maximumLoss)))"
    }
  }

  public var memberNames: [String] {
    switch kind {
    case .largestEigenvalue: return ["value", "residual", "converged", "hvps", "examples", "method"]
    case .epsilon: return ["value", "epsilon", "loss", "max_loss", "iterations", "examples", "method", "perturbation"]
    }
  }
  public var unlistedMembers: Set<String> {
    if case .epsilon = kind { return ["perturbation"] }
    return []
  }

  public func member(_ name: String) -> Value? {
    switch (kind, name) {
    case (_, "examples"): return .number(Double(examples))
    case (.largestEigenvalue(let s), _): return lambdaMember(s, name)
    case (.epsilon(let s), _): return epsilonMember(s, name)
    }
  }

  private func lambdaMember(_ s: Sharpness, _ name: String) -> Value? {
    switch name {
    case "value": return .number(s.value)
    case "residual": return .number(s.residual)
    case "converged": return .bool(s.converged)
    case "hvps": return .number(Double(s.products))
    case "method": return .string("lambda_max")
    default: return nil
    }
  }

  private func epsilonMember(_ s: EpsilonSharpness, _ name: String) -> Value? {
    switch name {
    case "value": return .number(s.value)
    case "epsilon": return .number(s.epsilon)
    case "loss": return .number(s.loss)
    case "max_loss": return .number(s.maximumLoss)
    case "iterations": return .number(Double(s.iterations))
    case "method": return .string("epsilon")
    case "perturbation": return .vector(Vector(s.perturbation))
    default: return nil
    }
  }
}
