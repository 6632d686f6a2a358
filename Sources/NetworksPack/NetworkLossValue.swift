import Language
import MathCore
import NeuralNet

/// A network's loss on a data set as a function of its parameter vector
/// (`L = loss_of(net, data)`), so `grad(L, at: net.parameters)` and `hessian(L, at: …)` work
/// on networks.
///
/// Why a `DifferentiableFunctionValue` and not a formula: the gradient comes from NeuralNet's
/// reverse-mode backprop on BLAS and the Hessian from its exact R-operator passes; lowering a
/// network to a formula tree of P parameters would be slower by orders of magnitude.
public struct NetworkLossValue: DifferentiableFunctionValue {
  public let network: MLP
  public let data: Dataset

  public var typeName: String { "network loss" }
  public var dimension: Int { network.parameterCount }

  /// "loss of mlp 2-16-2 (tanh, cross_entropy), P = 82 on two_moons (200 examples)".
  public var plainText: String {
    "loss of \(NetworkValue(network).architecture) on \(data.name) (\(data.count) examples)"
  }

  public var memberNames: [String] { ["P", "network", "data"] }

  public func member(_ name: String) -> Value? {
    switch name {
    case "P": return .number(Double(dimension))
    case "network": return .custom(NetworkValue(network))
    case "data": return .custom(DatasetValue(data))
    default: return nil
    }
  }

  public func valueAndGradient(at point: [Double]) throws -> (value: Double, gradient: [Double]) {
    try NetworksPack.mapped {
      let r = try network.with(parameters: point).lossAndGradient(on: data)
      return (r.loss, r.gradient)
    }
  }

  public func hessian(at point: [Double], cancellation: CancellationFlag) throws -> Matrix {
    try NetworksPack.mapped { try network.with(parameters: point).hessian(on: data, cancellation: cancellation) }
  }
}
