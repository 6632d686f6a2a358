/// The trace of a symmetric operator from its action alone: Hutchinson's estimator
/// tr(A) ≈ (1/s) Σ zᵢᵀ A zᵢ with Rademacher vectors zᵢ (PyHessian's `trace`).
///
/// Each term is an unbiased estimate with variance 2 Σ_{i≠j} A_ij² (the diagonal
/// contributes nothing: zᵢ² = 1), so the estimate is exact on a diagonal operator and its
/// error elsewhere shrinks as 1/√s; the reported standard error is the sample standard
/// deviation of the terms over √s. Vectors are applied `batch` at a time with
/// `apply(block:count:)`, so a dense matrix or a network's Hessian does matrix products.
/// Cost: `samples` operator applications; memory: `batch` vectors of length P (twice).
public enum HutchinsonTrace {
  /// Estimates tr(`op`) from `samples` Rademacher vectors drawn with `seed`.
  ///
  /// - Returns: the estimate, its standard error (NaN with fewer than 2 samples) and the
  ///   samples used — fewer than asked after a cancellation (estimate NaN if none).
  /// - Throws: `SpectralMethodError` for an empty operator, `samples` < 1 or `batch` < 1.
  public static func estimate(
    of op: some SymmetricOperator, samples: Int = 100, batch: Int = 10, seed: UInt64 = 0,
    cancellation: CancellationFlag? = nil
  ) throws(SpectralMethodError) -> TraceEstimate {
    let p = op.dimension
    guard p > 0 else { throw .emptyOperator }
    guard samples >= 1 else {
      throw .invalidParameter(name: "samples", value: "\(samples)", requirement: "at least 1")
    }
    guard batch >= 1 else { throw .invalidParameter(name: "batch", value: "\(batch)", requirement: "at least 1") }
    var generator = SeededGenerator(seed: seed)
    var terms: [Double] = []
    terms.reserveCapacity(samples)
    while terms.count < samples, cancellation?.isSet != true {
      let size = min(batch, samples - terms.count)
      let block = ProbeDistribution.rademacher.sample(size * p, using: &generator)
      let image = op.apply(block: block, count: size)
      for j in 0..<size {
        var s = 0.0
        for i in (j * p)..<((j + 1) * p) { s += block[i] * image[i] }
        terms.append(s)
      }
    }
    return TraceEstimate(terms: terms, cancelled: terms.count < samples)
  }
}

/// A stochastic trace estimate with its standard error.
public struct TraceEstimate: Sendable {
  /// The mean of the terms zᵀ A z (NaN with no terms).
  public let estimate: Double
  /// Sample standard deviation of the terms / √samples (NaN with fewer than 2 terms).
  public let standardError: Double
  /// The number of vectors used.
  public let samples: Int
  /// Whether the cancellation flag cut the estimate short.
  public let cancelled: Bool

  init(terms: [Double], cancelled: Bool) {
    let n = Double(terms.count)
    let mean = terms.isEmpty ? .nan : terms.reduce(0, +) / n
    let variance = terms.count < 2 ? .nan : terms.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    estimate = mean
    standardError = (variance / n).squareRoot()
    samples = terms.count
    self.cancelled = cancelled
  }
}
