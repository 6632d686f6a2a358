/// A quantity measured over several seeds: its mean and sample standard deviation.
public struct MeanStd: Sendable, Equatable {
  public let mean: Double
  /// The sample standard deviation (divisor n − 1, as torch's `std` and Keskar et al.'s
  /// tables); nil for a single value, where it is undefined.
  public let std: Double?
  /// How many values (the finite ones; NaN and ∞ are left out and counted in `missing`).
  public let count: Int
  public let missing: Int

  /// The mean ± std of the finite values (NaN mean when there are none).
  public init(_ values: [Double]) {
    let finite = values.filter(\.isFinite)
    count = finite.count
    missing = values.count - finite.count
    guard !finite.isEmpty else {
      (mean, std) = (.nan, nil)
      return
    }
    let m = finite.reduce(0, +) / Double(finite.count)
    mean = m
    guard finite.count > 1 else {
      std = nil
      return
    }
    let squares = finite.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    std = (squares / Double(finite.count - 1)).squareRoot()
  }
}

/// One batch size's runs summarised over seeds: a row of the study's table.
public struct BatchSummary: Sendable {
  public let batch: Int
  public let runs: [BatchStudyRun]

  /// One summary per batch size in `batches` that has runs, in that order.
  public static func grouping(_ runs: [BatchStudyRun], batches: [Int]) -> [BatchSummary] {
    batches.compactMap { b in
      let mine = runs.filter { $0.batch == b }
      return mine.isEmpty ? nil : BatchSummary(batch: b, runs: mine)
    }
  }

  /// Seeds finished at this batch size.
  public var seeds: Int { runs.count }
  /// Updates per run (the same for every finished run: epochs × ⌈N / batch⌉; the mean
  /// otherwise).
  public var updates: MeanStd { MeanStd(runs.map { Double($0.updates) }) }
  public var secondsPerUpdate: MeanStd { MeanStd(runs.map(\.secondsPerUpdate)) }
  public var secondsPerEpoch: MeanStd { MeanStd(runs.map(\.secondsPerEpoch)) }
  public var trainLoss: MeanStd { MeanStd(runs.map(\.trainLoss)) }
  public var trainAccuracy: MeanStd? { optional(runs.map(\.trainAccuracy)) }
  public var testLoss: MeanStd? { optional(runs.map(\.testLoss)) }
  public var testAccuracy: MeanStd? { optional(runs.map(\.testAccuracy)) }
  public var sharpness: MeanStd { MeanStd(runs.map { $0.sharpness?.value ?? .nan }) }
  public var epsilonSharpness: MeanStd? { optional(runs.map { $0.epsilonSharpness?.value }) }

  /// A summary of values every run has, or nil when they were not measured.
  private func optional(_ values: [Double?]) -> MeanStd? {
    let present = values.compactMap { $0 }
    return present.isEmpty ? nil : MeanStd(present)
  }
}
