import MathCore

/// The Hessian of a network's mean loss on a data set, at the network's parameters, as a
/// `SymmetricOperator`: Lanczos top-k, stochastic Lanczos quadrature and Hutchinson's trace
/// run on it through exact Hessian-vector products, and `layer(_:)` gives the block of one
/// layer's parameters (per-layer spectra).
public struct NetworkHessian: SymmetricOperator {
  public let model: MLP
  private let evaluation: NetworkEvaluation<Double>
  /// Directions per batched R-pass (a block of more is done in pieces of this size).
  private let directionsPerPass = 32

  public var dimension: Int { model.parameterCount }

  /// The Hessian of `model`'s loss on `data`.
  ///
  /// - Throws: `NetworkError` when `data` does not fit the network.
  public init(_ model: MLP, data: Dataset) throws {
    try model.check(data)
    self.model = model
    evaluation = NetworkEvaluation<Double>(model: model, data: data)
  }

  public func apply(_ vector: [Double]) -> [Double] {
    precondition(vector.count == dimension, "NetworkHessian.apply size mismatch")
    return compute(vector, count: 1)
  }

  public func apply(block: [Double], count: Int) -> [Double] {
    precondition(block.count == count * dimension, "NetworkHessian.apply(block:) size mismatch")
    return compute(block, count: count)
  }

  /// The coordinates of layer `l`'s parameters (1-based: W_l then b_l) in the flat vector.
  public func parameterRange(layer l: Int) throws -> Range<Int> {
    let layout = model.layout
    guard l >= 1, l <= layout.layerCount else {
      throw NetworkError.badOption("layer \(l) does not exist: the network has layers 1…\(layout.layerCount)")
    }
    return layout.weightOffset(l)..<layout.weightOffset(l + 1)
  }

  /// The block of the Hessian for layer `l`'s parameters (weights and bias).
  public func layer(_ l: Int) throws -> RestrictedOperator<NetworkHessian> {
    try RestrictedOperator(self, range: try parameterRange(layer: l))
  }

  /// H·V for `count` directions, checking the block's length.
  func products(_ block: [Double], count: Int) throws -> [Double] {
    guard block.count == count * dimension else {
      throw NetworkError.shapeMismatch(
        "the network has \(dimension) parameters, the vector has \(block.count / max(count, 1))")
    }
    return compute(block, count: count)
  }

  /// H·V in pieces of `directionsPerPass` directions and chunks of rows that keep the
  /// R-quantities near 8 M doubles (64 MB).
  private func compute(_ block: [Double], count: Int) -> [Double] {
    let p = dimension
    var out = [Double](repeating: 0, count: count * p)
    let n = evaluation.count
    let widths = model.layerSizes.dropFirst().reduce(0, +)
    var first = 0
    while first < count {
      let k = min(directionsPerPass, count - first)
      let rows = max(1, min(n, 4096, 4_000_000 / max(1, k * widths)))
      let engine = CurvaturePass(model: model, directions: k, rows: rows)
      model.parameters.withUnsafeBufferPointer { theta in
        block.withUnsafeBufferPointer { v in
          out.withUnsafeMutableBufferPointer { o in
            evaluation.features.withUnsafeBufferPointer { x in
              var start = 0
              while start < n {
                let chunk = min(rows, n - start)
                engine.accumulate(
                  parameters: theta.baseAddress!, directions: v.baseAddress! + first * p,
                  into: o.baseAddress! + first * p, features: x.baseAddress!, targets: evaluation.targets,
                  start: start, rows: chunk, normaliser: evaluation.normaliser(rows: n))
                start += chunk
              }
            }
          }
        }
      }
      first += k
    }
    return out
  }
}
