import MathCore

/// The large batch of a Keskar comparison: a fraction of the training data (Keskar et al.
/// used 10 %) or a number of examples.
public enum LargeBatch: Sendable, Equatable {
  case fraction(Double)
  case size(Int)

  /// The batch size on `count` examples (a fraction rounds to the nearest whole example, at
  /// least 1).
  func resolved(count: Int) throws -> Int {
    switch self {
    case .fraction(let f):
      guard f.isFinite, f > 0, f <= 1 else {
        throw NetworkError.badOption("lb as a fraction of the data must be in (0, 1], got \(f)")
      }
      return max(1, Int((f * Double(count)).rounded()))
    case .size(let b):
      guard b >= 1 else { throw NetworkError.badOption("lb must be at least 1, got \(b)") }
      return min(b, count)
    }
  }
}

/// Keskar et al.'s comparison (ICLR 2017, Table 2): small-batch (SB) and large-batch (LB)
/// training from the same seeds, with train and test accuracy and the sharpness of the
/// minima reached.
public struct SmallLargeComparison: Sendable {
  /// The two-row study behind it (its runs, notes and stop).
  public let study: BatchStudy
  public let small: Int
  public let large: Int

  /// The SB and LB rows (nil for a regime with no finished run).
  public var smallSummary: BatchSummary? { study.summaries.first { $0.batch == small } }
  public var largeSummary: BatchSummary? { study.summaries.first { $0.batch == large } }
}

extension MLP {
  /// Trains at a small batch and at a large one (`sb_lb(model, data, sb: 256, lb: 0.1)`),
  /// `options.seeds` networks each, and measures λmax and ε-sharpness (ε = 1e-3 unless
  /// `options.epsilonSharpness` says otherwise) at the end: `batchStudy` with the two sizes.
  ///
  /// - Throws: `NetworkError` for a small batch below 1, a bad large batch, or a large
  ///   batch that is not larger than the small one on this data; and what `batchStudy` throws.
  public func smallVersusLargeBatch(
    on data: Dataset, small: Int = 256, large: LargeBatch = .fraction(0.1),
    options: BatchStudyOptions = BatchStudyOptions(), cancellation: CancellationFlag? = nil,
    progress: ((BatchStudyProgress) -> Void)? = nil
  ) throws -> SmallLargeComparison {
    guard small >= 1 else { throw NetworkError.badOption("sb must be at least 1, got \(small)") }
    guard data.count > 0 else { throw NetworkError.shapeMismatch("the data set \(data.name) is empty") }
    let sb = min(small, data.count)
    let lb = try large.resolved(count: data.count)
    guard lb > sb else {
      throw NetworkError.badOption(
        "the large batch (\(lb) of the \(data.count) examples) must be larger than the small batch (\(sb))")
    }
    var study = options
    study.batches = [sb, lb]
    if study.epsilonSharpness == nil { study.epsilonSharpness = EpsilonSharpnessOptions() }
    let result = try batchStudy(on: data, options: study, cancellation: cancellation, progress: progress)
    return SmallLargeComparison(study: result, small: sb, large: lb)
  }
}
