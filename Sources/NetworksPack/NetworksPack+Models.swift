import Language
import MathCore
import NeuralNet

/// The model builtins: `mlp`, `with_parameters`, `predict`, `loss`, `accuracy`.
extension NetworksPack {
  static let activation = ParameterKey.labelled("activation", .string).optional()
  static let lossName = ParameterKey.labelled("loss", .string).optional()
  static let bias = ParameterKey.labelled("bias", .bool).optional()
  static let initName = ParameterKey.labelled("init", .string).optional()
  static let vector = ParameterKey.positional("v", .vector)
  static let inputs = ParameterKey.positional("X", .any)
  /// The layer sizes: the first is this parameter, the rest come as `args.rest`.
  static let layerSizes = ParameterKey.parameter(variadicSizes())

  static let modelEntries: [Builtin] = [
    mlpEntry,
    Builtin(
      "with_parameters", [net.parameter, vector.parameter], returns: "network",
      summary: "The same network with the parameter vector v (as net.parameters orders them).",
      example: "net = mlp(2, 3, 2)\nwith_parameters(net, 0 * net.parameters).parameters[0]"
    ) { args, _ in
      let model = try network(args, net)
      let values = args.vector(vector).elements
      if let bad = values.firstIndex(where: { !$0.isFinite }) {
        throw args.error(vector, "parameter \(bad) is \(values[bad]); parameters must be finite")
      }
      return .custom(NetworkValue(try mapped(args) { try model.with(parameters: values) }))
    },
    Builtin(
      "predict", [net.parameter, inputs.parameter], returns: "matrix",
      summary: """
        The network's predictions for a data set or a matrix X (one example per row): class probabilities \
        (softmax) for cross_entropy, output values for mse; one row per example.
        """,
      example: "predict(mlp(2, 4, 2, seed: 1), [[0, 1], [1, 0]])"
    ) { args, _ in
      let model = try network(args, net)
      let d: Dataset
      if case .matrix(let x)? = args[inputs] {
        d = try mapped(args) {
          try Dataset.make(features: x, targets: Vector([Double](repeating: 0, count: x.rows)), kind: .regression)
        }
      } else {
        d = try dataset(args, inputs)
      }
      return .matrix(try mapped(args) { try model.predict(d) })
    },
    Builtin(
      "loss", [net.parameter, data.parameter], returns: "number",
      summary: "The network's mean loss on a data set (its loss: cross_entropy or mse, as torch's mean reduction).",
      example: "loss(mlp(2, 8, 2, seed: 0), two_moons(n: 100))"
    ) { args, _ in
      let (model, d) = (try network(args, net), try dataset(args, data))
      return .number(try mapped(args) { try model.loss(on: d) })
    },
    Builtin(
      "accuracy", [net.parameter, data.parameter], returns: "number",
      summary: "The fraction of a data set's examples whose largest output is at their label.",
      example: "accuracy(mlp(2, 8, 2, seed: 0), two_moons(n: 100))"
    ) { args, _ in
      let (model, d) = (try network(args, net), try dataset(args, data))
      return .number(try mapped(args) { try model.accuracy(on: d) })
    },
    lossOfEntry,
  ]

  static let lossOfEntry = Builtin(
    "loss_of", [net.parameter, data.parameter], returns: "network loss",
    summary: """
      The network's loss on a data set as a function of its parameter vector, for grad(L, at: θ) and \
      hessian(L, at: θ): exact gradients by reverse mode (backprop on BLAS), exact Hessians by R-operator passes.
      """,
    example: "net = mlp(2, 3, 2, seed: 0)\nL = loss_of(net, xor(n: 20))\ngrad(L, at: net.parameters)"
  ) { args, _ in
    let (model, d) = (try network(args, net), try dataset(args, data))
    try mapped(args) { try model.check(d) }
    return .custom(NetworkLossValue(network: model, data: d))
  }

  private static let mlpEntry = Builtin(
    "mlp",
    [
      layerSizes.parameter, activation.parameter, lossName.parameter, bias.parameter, seed.parameter,
      initName.parameter,
    ],
    returns: "network",
    summary: """
      A multi-layer perceptron over one flat parameter vector: mlp(784, 128, 10) has inputs 784, a hidden layer of \
      128 and 10 outputs. activation: "relu" (default), "tanh", "sigmoid", "softplus" or "linear" for the hidden \
      layers (the last is linear); loss: "cross_entropy" (default) or "mse"; bias: true; init: "torch" (default, \
      U(±1/√fan_in)), "he" or "xavier"; seed: fixes the initial parameters.
      """,
    example: "mlp(2, 16, 2, activation: \"tanh\", seed: 0).P"
  ) { args, _ in
    var sizes = [Int]()
    for (i, value) in ([args[layerSizes]].compactMap { $0 } + args.rest).enumerated() {
      guard case .number(let x) = value, x == x.rounded(), x >= 1, x <= Double(1 << 20) else {
        throw LanguageError(
          .value, "layer size \(i + 1) must be a whole number between 1 and 1,048,576, got \(value.plainText)",
          at: args.callRange)
      }
      sizes.append(Int(x))
    }
    let act = try choice(args, activation, default: Activation.relu)
    let kind = try choice(args, lossName, default: LossKind.crossEntropy)
    let start = try choice(args, initName, default: Initialization.torch)
    let withBias: Bool
    if case .bool(let b)? = args[bias] { withBias = b } else { withBias = true }
    let s = try seedValue(args)
    let model = try mapped(args) {
      try MLP(layerSizes: sizes, activation: act, loss: kind, bias: withBias, initialization: start, seed: s)
    }
    return .custom(NetworkValue(model))
  }

  /// `mlp`'s layer sizes: all positional arguments.
  private static func variadicSizes() -> BuiltinParameter {
    var p = BuiltinParameter.positional("sizes", .number)
    p.variadic = true
    return p
  }

  /// A string option naming one case of `T` (omitted: `fallback`), or an error listing them.
  static func choice<T: RawRepresentable & CaseIterable>(
    _ args: BoundArguments, _ key: ParameterKey<Value?>, default fallback: T
  ) throws -> T where T.RawValue == String {
    guard case .string(let name)? = args[key] else { return fallback }
    guard let value = T(rawValue: name) else {
      let names = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw args.error(key, "\(key.parameter.name) must be one of \(names), got \"\(name)\"")
    }
    return value
  }
}
