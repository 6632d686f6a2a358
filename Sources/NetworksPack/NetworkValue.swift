import Language
import MathCore
import NeuralNet

/// A network as a value (`mlp(2, 16, 2, activation: "tanh")`): it holds the NeuralNet `MLP`
/// and shows its layers, parameter count P, activation, loss and initialisation.
///
/// `net.parameters` is the flat vector (torch's `parameters_to_vector` order);
/// `with_parameters(net, v)` is the same network with other values.
public struct NetworkValue: CustomValue {
  public let network: MLP

  public init(_ network: MLP) { self.network = network }

  public var typeName: String { "network" }

  public var memberNames: [String] {
    ["layers", "P", "activation", "loss", "bias", "init", "seed"] + NetworkValue.unlisted
  }

  /// Members the summary names but does not show.
  static let unlisted = ["parameters", "inputs", "outputs"]

  public func member(_ name: String) -> Value? {
    let n = network
    switch name {
    case "layers": return .vector(Vector(n.layerSizes.map(Double.init)))
    case "P": return .number(Double(n.parameterCount))
    case "activation": return .string(n.activation.rawValue)
    case "loss": return .string(n.loss.rawValue)
    case "bias": return .bool(n.bias)
    case "init": return .string(n.initialization.rawValue)
    case "seed": return .number(Double(n.seed))
    case "parameters": return .vector(Vector(n.parameters))
    case "inputs": return .number(Double(n.inputCount))
    case "outputs": return .number(Double(n.outputCount))
    default: return nil
    }
  }

  private var table: Value {
    let fields = memberNames.compactMap { name in member(name).map { Record.Field(name, $0) } }
    return .record(Record(typeName: typeName, fields: fields, unlisted: Set(NetworkValue.unlisted)))
  }

  /// The summary, headed by the architecture: "mlp 2-16-2 (tanh, cross_entropy), P = 82".
  public var plainText: String { architecture + "\n" + table.plainText }

  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    Rendering(data: ["text/html": "<p>\(architecture)</p>" + (table.representations["text/html"] ?? "")])
  }

  /// "mlp 2-16-2 (tanh, cross_entropy), P = 82".
  public var architecture: String {
    let n = network
    let sizes = n.layerSizes.map(String.init).joined(separator: "-")
    return "mlp \(sizes) (\(n.activation.rawValue), \(n.loss.rawValue)), P = \(n.parameterCount)"
  }
}

/// A network and a data set make a function of the parameters: `hessian(net, data)` and
/// `grad(net, data)` differentiate it at the network's own parameters.
extension NetworkValue: ParameterizedValue {
  public func loss(on data: Value) throws -> (function: any DifferentiableFunctionValue, parameters: [Double]) {
    guard case .custom(let value) = data, let d = value as? DatasetValue else {
      throw LanguageError(
        .type, "expected a data set (from two_moons, fashion_mnist, dataset(X, y), …), got \(data.typeName)")
    }
    try NetworksPack.mapped { try network.check(d.dataset) }
    return (NetworkLossValue(network: network, data: d.dataset), network.parameters)
  }
}
