import Foundation
import MathCore

/// How an MLP's parameters are first drawn.
public enum Initialization: String, Sendable, CaseIterable {
  /// torch's `nn.Linear` default: W ~ U(−1/√fan_in, 1/√fan_in) (kaiming-uniform with a = √5)
  /// and b ~ U(−1/√fan_in, 1/√fan_in).
  case torch
  /// He (Kaiming) normal: W ~ N(0, 2/fan_in), b = 0 (for relu networks).
  case he
  /// Xavier (Glorot) uniform: W ~ U(±√(6/(fan_in + fan_out))), b = 0 (Keras's default).
  case xavier

  /// Every parameter of `layout`, drawn from one seeded stream layer by layer
  /// (weights then biases), so a seed fixes the whole network.
  func draw(_ layout: NetworkLayout, seed: UInt64) -> [Double] {
    var rng = SeededGenerator(seed: seed)
    var out = [Double]()
    out.reserveCapacity(layout.parameterCount)
    for l in 1...layout.layerCount {
      let fanIn = Double(layout.inputs(l))
      let fanOut = Double(layout.outputs(l))
      let weights = layout.inputs(l) * layout.outputs(l)
      switch self {
      case .torch:
        let bound = 1 / fanIn.squareRoot()
        for _ in 0..<weights { out.append(bound * (2 * rng.nextUniform() - 1)) }
        if layout.bias { for _ in 0..<layout.outputs(l) { out.append(bound * (2 * rng.nextUniform() - 1)) } }
      case .he:
        let sd = (2 / fanIn).squareRoot()
        for _ in 0..<weights { out.append(sd * rng.nextNormal()) }
        if layout.bias { out.append(contentsOf: repeatElement(0, count: layout.outputs(l))) }
      case .xavier:
        let bound = (6 / (fanIn + fanOut)).squareRoot()
        for _ in 0..<weights { out.append(bound * (2 * rng.nextUniform() - 1)) }
        if layout.bias { out.append(contentsOf: repeatElement(0, count: layout.outputs(l))) }
      }
    }
    return out
  }
}
