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
  /// Built from blocks of 64 unit vectors pushed through the batched R-operator (each block
  /// one set of matrix products), H = [H e₁ … e_P]; rounding makes the computed H differ
  /// from its transpose by about 1e-16·‖H‖, so the result is symmetrised as (H + Hᵀ)/2.
  /// Cost: P/64 blocks of about 3·64 gradients; memory 8·P² bytes.
  ///
  /// - Throws: `NetworkError.badOption` when P exceeds `fullHessianLimit` (use Lanczos on
  ///   `NetworkHessian` instead), `NetworkError` for data that does not fit, and
  ///   `CancellationError` when `cancellation` is set.
  public func hessian(on data: Dataset, cancellation: CancellationFlag? = nil) throws -> Matrix {
    let p = parameterCount
    guard p <= Self.fullHessianLimit else {
      throw NetworkError.badOption(
        "the full Hessian of \(p) parameters would take \(p * p * 8 / 1_000_000) MB (limit "
          + "\(Self.fullHessianLimit) parameters); use top_eigen, spectrum or trace, which need only "
          + "Hessian-vector products")
    }
    let hessianOperator = try NetworkHessian(self, data: data)
    var h = [Double](repeating: 0, count: p * p)
    let blockSize = 64
    for first in stride(from: 0, to: p, by: blockSize) {
      if cancellation?.isSet == true { throw CancellationError() }
      let count = min(blockSize, p - first)
      var units = [Double](repeating: 0, count: count * p)
      for d in 0..<count { units[d * p + first + d] = 1 }
      let columns = try hessianOperator.products(units, count: count)
      // Column first + d of H is row first + d (H = Hᵀ).
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
}
