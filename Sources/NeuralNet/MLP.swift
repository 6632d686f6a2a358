import MathCore

/// A multi-layer perceptron over one flat parameter vector.
///
/// Layer l maps n₍l−1₎ inputs to n_l outputs by z = W·a + b with W stored row-major
/// (n_l × n₍l−1₎, torch's `nn.Linear.weight` layout), then b when `bias` is on; layers
/// follow each other in order, so `parameters` is torch's `parameters_to_vector` order.
/// Hidden layers apply `activation`; the last layer is linear. Parameters are kept as
/// `Float64` (a `Float32` training run stores its values exactly).
public struct MLP: Sendable, Equatable {
  /// Widths n₀ (inputs), n₁, …, n_L (outputs).
  public let layerSizes: [Int]
  public let activation: Activation
  public let loss: LossKind
  /// Whether layers add a bias vector.
  public let bias: Bool
  /// How the parameters were first drawn, and with which seed.
  public let initialization: Initialization
  public let seed: UInt64
  /// All weights and biases, layer by layer (W₁, b₁, W₂, b₂, …).
  public private(set) var parameters: [Double]

  /// A freshly initialised network (`mlp(784, 128, 10, …)`).
  public init(
    layerSizes: [Int], activation: Activation = .relu, loss: LossKind = .crossEntropy, bias: Bool = true,
    initialization: Initialization = .torch, seed: UInt64 = 0
  ) throws {
    guard layerSizes.count >= 2 else {
      throw NetworkError.badModel("an MLP needs at least an input and an output size, got \(layerSizes)")
    }
    guard layerSizes.allSatisfy({ $0 >= 1 && $0 <= 1 << 20 }) else {
      throw NetworkError.badModel("layer sizes must be between 1 and 1,048,576, got \(layerSizes)")
    }
    let layout = NetworkLayout(layerSizes: layerSizes, bias: bias)
    // The parameter vector is one array (and training holds a few more of its size): it
    // passes the check every result size passes, before anything is allocated.
    do {
      _ = try ArraySize.elements(rows: layout.parameterCount, what: "its parameter vector")
    } catch {
      throw NetworkError.badModel(
        "an MLP of layer sizes \(layerSizes) has \(layout.parameterCount) parameters: \(error)")
    }
    if loss == .crossEntropy, layerSizes.last == 1 {
      throw NetworkError.badModel("cross_entropy needs at least 2 outputs (one per class); use mse for 1 output")
    }
    self.layerSizes = layerSizes
    self.activation = activation
    self.loss = loss
    self.bias = bias
    self.initialization = initialization
    self.seed = seed
    self.parameters = initialization.draw(layout, seed: seed)
  }

  /// The same network with other parameter values (`net.with(parameters: v)`).
  public func with(parameters values: [Double]) throws -> MLP {
    guard values.count == parameters.count else {
      throw NetworkError.shapeMismatch(
        "the network has \(parameters.count) parameters, the vector has \(values.count)")
    }
    var copy = self
    copy.parameters = values
    return copy
  }

  /// Where each layer's weights and biases sit in `parameters`.
  public var layout: NetworkLayout { NetworkLayout(layerSizes: layerSizes, bias: bias) }

  /// P, the number of parameters.
  public var parameterCount: Int { parameters.count }
  /// n₀, the number of input features.
  public var inputCount: Int { layerSizes[0] }
  /// n_L, the number of outputs.
  public var outputCount: Int { layerSizes[layerSizes.count - 1] }
}

/// The offsets of every layer's weights and biases in a flat parameter vector.
public struct NetworkLayout: Sendable, Equatable {
  public let layerSizes: [Int]
  public let bias: Bool

  /// The number of layers with weights (L).
  public var layerCount: Int { layerSizes.count - 1 }
  /// Inputs of layer l (1-based, as in the docs: layer 1 reads the features).
  public func inputs(_ l: Int) -> Int { layerSizes[l - 1] }
  /// Outputs of layer l.
  public func outputs(_ l: Int) -> Int { layerSizes[l] }
  /// Where W_l starts.
  public func weightOffset(_ l: Int) -> Int {
    var offset = 0
    for k in 1..<l { offset += layerSizes[k] * layerSizes[k - 1] + (bias ? layerSizes[k] : 0) }
    return offset
  }
  /// Where b_l starts (meaningful only when `bias`).
  public func biasOffset(_ l: Int) -> Int { weightOffset(l) + inputs(l) * outputs(l) }
  /// P.
  public var parameterCount: Int { weightOffset(layerCount + 1) }
  /// The widest layer (for scratch buffers).
  var widest: Int { layerSizes.max() ?? 0 }
}

/// Why a network operation was refused; `description` is the message a user sees.
public enum NetworkError: Error, Equatable, CustomStringConvertible {
  case badModel(String)
  case shapeMismatch(String)
  case badTargets(String)
  case badOption(String)

  public var description: String {
    switch self {
    case .badModel(let m), .shapeMismatch(let m), .badTargets(let m), .badOption(let m): return m
    }
  }
}
