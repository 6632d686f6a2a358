import MathCore

extension MLP {
  /// The most parameters `hessian(on:)` accepts: a 10,000 × 10,000 matrix is 800 MB.
  public static let fullHessianLimit = 10_000

  /// H·v, the exact Hessian of the mean loss on `data` times `v` (`hvp(net, data, v)`),
  /// in `Float64` by the R-operator (`CurvaturePass`): about three gradients of work.
  ///
  /// - Throws: `NetworkError` when `data` does not fit the network or `v` has the wrong length.
  public func hessianVectorProduct(_ v: [Double], on data: Dataset) throws -> [Double] {
    try NetworkHessian(self, data: data).products(v, count: 1)
  }

  /// The exact Hessian of the mean loss on `data` (P × P, `Float64`), exactly symmetric.
  ///
  /// Assembled block by block from the layer structure (`HessianAssembly`: the loss's
  /// curvature on each layer's pre-activations, the Jacobians between layers, and the
  /// activations' second-derivative terms, each block a `dgemm` over the examples), then the
  /// lower block triangle mirrored. Cost about Σ_l n_l²ñ₍l−1₎²N multiply-adds plus lower
  /// order terms (for 8-32-20-1 on 1,000 examples 1 GFLOP); memory 8·P² bytes plus chunk
  /// buffers of about 64 MB.
  ///
  /// - Throws: `NetworkError.badOption` when P exceeds `fullHessianLimit` (use Lanczos on
  ///   `NetworkHessian` instead), `NetworkError` for data that does not fit, and
  ///   `CancellationError` when `cancellation` is set.
  public func hessian(on data: Dataset, cancellation: CancellationFlag? = nil) throws -> Matrix {
    try hessian(on: data, cancellation: cancellation, chunkRows: nil)
  }

  /// `hessian(on:)` with at most `chunkRows` examples per chunk (tests force several chunks).
  func hessian(on data: Dataset, cancellation: CancellationFlag?, chunkRows: Int?) throws -> Matrix {
    let p = parameterCount
    try checkHessianSize()
    try check(data)
    let evaluation = NetworkEvaluation<Double>(model: self, data: data)
    let assembly = HessianAssembly(model: self, examples: min(evaluation.count, chunkRows ?? evaluation.count))
    var h = [Double](repeating: 0, count: p * p)
    try parameters.withUnsafeBufferPointer { theta in
      try evaluation.features.withUnsafeBufferPointer { x in
        try h.withUnsafeMutableBufferPointer { out in
          var start = 0
          while start < evaluation.count {
            if cancellation?.isSet == true { throw CancellationError() }
            let rows = min(assembly.capacity, evaluation.count - start)
            assembly.accumulate(
              parameters: theta.baseAddress!, into: out.baseAddress!, features: x.baseAddress!,
              targets: evaluation.targets, start: start, rows: rows,
              normaliser: evaluation.normaliser(rows: evaluation.count))
            start += rows
          }
          HessianAssembly.symmetrize(out.baseAddress!, layout: layout)
        }
      }
    }
    return Matrix(rows: p, columns: p, elements: h)
  }

  /// The same Hessian from blocks of 64 unit vectors through the R-operator (H e_j is row j
  /// as H = Hᵀ), symmetrised as (H + Hᵀ)/2: about 3P gradients of work; the independent
  /// check of `hessian(on:)`.
  func hessianByProducts(on data: Dataset) throws -> Matrix {
    let p = parameterCount
    try checkHessianSize()
    let hessianOperator = try NetworkHessian(self, data: data)
    var h = [Double](repeating: 0, count: p * p)
    let blockSize = 64
    for first in stride(from: 0, to: p, by: blockSize) {
      let count = min(blockSize, p - first)
      var units = [Double](repeating: 0, count: count * p)
      for d in 0..<count { units[d * p + first + d] = 1 }
      let columns = try hessianOperator.products(units, count: count)
      for i in 0..<(count * p) { h[first * p + i] = columns[i] }
    }
    for i in 0..<p {
      for j in (i + 1)..<p {
        let mean = 0.5 * (h[i * p + j] + h[j * p + i])
        h[i * p + j] = mean
        h[j * p + i] = mean
      }
    }
    return Matrix(rows: p, columns: p, elements: h)
  }

  private func checkHessianSize() throws {
    let p = parameterCount
    guard p <= Self.fullHessianLimit else {
      throw NetworkError.badOption(
        "the full Hessian of \(p) parameters would take \(p * p * 8 / 1_000_000) MB (limit "
          + "\(Self.fullHessianLimit) parameters); use top_eigen, spectrum or trace, which need only "
          + "Hessian-vector products")
    }
  }
}
