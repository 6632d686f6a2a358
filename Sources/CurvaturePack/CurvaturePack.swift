import Language
import MathCore
import NetworksPack
import NeuralNet

/// The curvature pack: exact Hessian-vector products, eigenvalue counts and the minimum
/// ratio, Lanczos top-k, spectral densities, Hutchinson traces, critical points of networks,
/// the lecture's critical-point study, and sharpness, as builtins over NeuralNet's
/// `NetworkHessian` and MathCore's spectral algorithms (nothing is reimplemented here: this
/// target reads arguments, maps errors and draws).
///
/// `hessian(net, data)` itself is CalculusPack's `hessian` (a network is a
/// `ParameterizedValue`); `fit(…, sharpness_every:)` is NetworksPack's `fit`.
public enum CurvaturePack {
  /// The pack's builtins, in documentation order; a session adds them to its table.
  public static let entries: [Builtin] = hessianEntries + spectralEntries + criticalEntries + sharpnessEntries

  static let net = ParameterKey.positional("net", .any)
  static let data = ParameterKey.positional("data", .any)
  /// The per-layer block: layer l holds W_l and b_l (1-based, as `net.layers` counts maps).
  static let layer = ParameterKey.integer("layer").optional()
  static let seed = ParameterKey.integer("seed", default: 0)

  /// The network and data set of a call, checked against each other.
  static func networkAndData(_ args: BoundArguments) throws -> (MLP, Dataset) {
    let model = try NetworksPack.network(args, net)
    let d = try NetworksPack.dataset(args, data)
    try NetworksPack.mapped(args) { try model.check(d) }
    return (model, d)
  }

  /// The Hessian of the call's network on its data, or its layer block when `layer:` is given.
  static func hessianOperator(_ args: BoundArguments, _ model: MLP, _ d: Dataset) throws -> any SymmetricOperator {
    let full = try NetworksPack.mapped(args) { try NetworkHessian(model, data: d) }
    guard args.has(layer) else { return full }
    let layers = model.layerSizes.count - 1
    let l = args[layer]
    guard l >= 1, l <= Double(layers) else {
      throw args.error(
        layer,
        "layer \(NumberFormat.plain(l)) does not exist: the network has layers 1…\(layers) (layer l holds W_l and b_l)")
    }
    return try spectral(args) { try full.layer(Int(l)) }
  }

  /// "layer 2 (P = 34)" or "all 82 parameters", for headings.
  static func scope(_ args: BoundArguments, dimension: Int) -> String {
    args.has(layer)
      ? "layer \(NumberFormat.plain(args[layer])) (\(dimension) parameters)" : "all \(dimension) parameters"
  }

  /// A seed: a whole number ≥ 0.
  static func seedValue(_ args: BoundArguments) throws -> UInt64 {
    let x = args[seed]
    guard x >= 0, x < 0x1p53 else { throw args.error(seed, "seed must be a whole number ≥ 0") }
    return UInt64(x)
  }

  /// A positive finite tolerance (`tol:`), or a ValueError at the argument.
  static func tolerance(_ args: BoundArguments, _ key: ParameterKey<Double>, name: String) throws -> Double {
    let t = args[key]
    guard t.isFinite, t > 0 else {
      throw args.error(key, "\(name) must be a finite number above 0, got \(NumberFormat.plain(t))")
    }
    return t
  }

  /// A string option naming one case of `T` (omitted: `fallback`), or an error listing them.
  static func choice<T: RawRepresentable & CaseIterable>(
    _ args: BoundArguments, _ key: ParameterKey<Value?>, default fallback: T
  ) throws -> T where T.RawValue == String {
    guard case .string(let name)? = args[key] else { return fallback }
    guard let value = T.allCases.first(where: { $0.rawValue == name }) else {
      let names = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw args.error(key, "\(key.parameter.name) must be one of \(names), got \"\(name)\"")
    }
    return value
  }

  /// Runs MathCore spectral work, turning its errors into ValueErrors at the call (NeuralNet's
  /// through the networks pack's mapping).
  static func spectral<T>(_ args: BoundArguments, _ body: () throws -> T) throws -> T {
    do {
      return try NetworksPack.mapped(args) { try body() }
    } catch let error as SpectralMethodError {
      throw LanguageError(.value, error.description, at: args.callRange)
    } catch LinearAlgebraError.interrupted {
      throw LanguageError(.interrupted, "interrupted", at: args.callRange)
    } catch let error as LinearAlgebraError {
      throw LanguageError(.value, error.description, at: args.callRange)
    }
  }
}
