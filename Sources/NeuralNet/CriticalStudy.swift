import MathCore
import Optim

/// What `criticalStudy` takes besides the architecture and the data.
public struct CriticalStudyOptions: Sendable {
  /// How many networks (`nets`), seeded `firstSeed`, `firstSeed + 1`, ….
  public var nets: Int
  public var firstSeed: UInt64
  /// Training of every net; its `seed` is replaced by the net's seed (shuffling order).
  public var fit: FitOptions
  public var critical: CriticalPointOptions
  /// Nets trained at once, each on its own thread with OpenBLAS at one thread (1…64).
  public var workers: Int

  public init(
    nets: Int = 100, firstSeed: UInt64 = 0,
    fit: FitOptions = FitOptions(optimizer: .gd(lr: 0.1), batch: .full, epochs: 500, precision: .float64),
    critical: CriticalPointOptions = CriticalPointOptions(), workers: Int = 2
  ) {
    self.nets = nets
    self.firstSeed = firstSeed
    self.fit = fit
    self.critical = critical
    self.workers = workers
  }

  func validate() throws {
    guard nets >= 1, nets <= 100_000 else { throw NetworkError.badOption("nets must be in 1…100,000, got \(nets)") }
    guard workers >= 1, workers <= 64 else {
      throw NetworkError.badOption("workers must be in 1…64, got \(workers)")
    }
    try critical.validate()
  }
}

/// One network of a study: trained from `seed`, then taken to a critical point.
public struct CriticalStudyRow: Sendable {
  public let seed: UInt64
  /// The training loss when `fit` ended (on all the training data, in `Float64`).
  public let trainedLoss: Double
  /// Everything about the point reached (model, loss, ‖∇L‖, ‖H∇L‖/‖∇L‖, spectrum, counts).
  public let critical: CriticalPointResult
  /// Training plus the critical-point search, in seconds.
  public let seconds: Double

  /// The loss at the point reached (the slide's vertical axis).
  public var loss: Double { critical.loss }
  public var gradientNorm: Double { critical.gradientNorm }
  public var gradientFlatness: Double? { critical.gradientFlatness }
  public var counts: EigenvalueCounts? { critical.counts }
  /// The slide's horizontal axis.
  public var minimumRatio: Double? { critical.minimumRatio }
  public var kind: CriticalPointKind { critical.kind }
}

/// The lecture's study as a table: one row per finished net, in seed order.
public struct CriticalStudy: Sendable {
  /// The architecture every net shares (its seed is the first row's).
  public let template: MLP
  public let options: CriticalStudyOptions
  public let rows: [CriticalStudyRow]
  /// Whether the study was stopped before every net finished (the finished rows are kept).
  public let cancelled: Bool
  /// Wall time of the whole study.
  public let seconds: Double

  /// How many rows have each classification.
  public func count(of kind: CriticalPointKind) -> Int { rows.filter { $0.kind == kind }.count }
}

/// A progress report: called after every finished net, one call at a time, on a worker thread.
public struct CriticalStudyProgress: Sendable {
  public let finished: Int
  public let total: Int
  /// The net that just finished.
  public let row: CriticalStudyRow
}
