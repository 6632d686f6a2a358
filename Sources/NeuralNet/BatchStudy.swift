import MathCore
import Optim

/// What `batchStudy` takes besides the architecture and the data (`batch_study(model, data,
/// batches:, epochs:, optimizer:, seeds:, test:)`).
public struct BatchStudyOptions: Sendable {
  /// The batch sizes compared, in the order the table lists them (≥ 1 each; one larger than
  /// the data runs full batch and says so).
  public var batches: [Int]
  /// Runs per batch size, seeded `firstSeed`, `firstSeed + 1`, … (the network's
  /// initialisation and the shuffling order both take the seed, so batch sizes compare from
  /// the same starting networks).
  public var seeds: Int
  public var firstSeed: UInt64
  /// Everything else about training (optimizer, epochs, shuffle, test data, precision); its
  /// `batch` and `seed` are replaced by each run's.
  public var fit: FitOptions
  /// λmax at the end is taken on the first this many training examples (all when fewer): a
  /// fixed subset, the same for every run, so the values compare and the cost stays bounded.
  public var sharpnessExamples: Int
  /// Keskar et al.'s ε-sharpness at the end too (`sb_lb`), on the same subset; nil: not measured.
  public var epsilonSharpness: EpsilonSharpnessOptions?
  /// Runs trained at once when their batches are small (each on one BLAS thread), 1…64.
  public var workers: Int

  public init(
    batches: [Int] = [16, 64, 256, 1024, 4096], seeds: Int = 3, firstSeed: UInt64 = 0,
    fit: FitOptions = FitOptions(optimizer: .momentum(lr: 0.05, lambda: 0.9), epochs: 10),
    sharpnessExamples: Int = 500, epsilonSharpness: EpsilonSharpnessOptions? = nil, workers: Int = 2
  ) {
    self.batches = batches
    self.seeds = seeds
    self.firstSeed = firstSeed
    self.fit = fit
    self.sharpnessExamples = sharpnessExamples
    self.epsilonSharpness = epsilonSharpness
    self.workers = workers
  }

  /// The most runs one study may take (batches × seeds).
  public static let maxRuns = 10_000

  func validate() throws {
    guard !batches.isEmpty else { throw NetworkError.badOption("batches must list at least one batch size") }
    if let bad = batches.first(where: { $0 < 1 }) {
      throw NetworkError.badOption("every batch size must be at least 1, got \(bad)")
    }
    guard seeds >= 1 else { throw NetworkError.badOption("seeds must be at least 1, got \(seeds)") }
    guard seeds <= Self.maxRuns / batches.count else {
      throw NetworkError.badOption(
        "\(batches.count) batch sizes × \(seeds) seeds is more than \(Self.maxRuns) runs")
    }
    guard sharpnessExamples >= 1 else {
      throw NetworkError.badOption("sharpness_examples must be at least 1, got \(sharpnessExamples)")
    }
    guard workers >= 1, workers <= 64 else { throw NetworkError.badOption("workers must be in 1…64, got \(workers)") }
  }
}

/// One trained network of a study: its batch size and seed, the fit, and what was measured
/// at the end.
public struct BatchStudyRun: Sendable {
  /// The batch size used (the data size when the requested one was larger).
  public let batch: Int
  public let seed: UInt64
  /// The whole fit: model, history, updates, time per update and per epoch, stop reason.
  public let record: TrainingRecord
  /// Loss and accuracy of the final model on all the training data (one `Float64` pass, not
  /// the running mean over the last epoch that `fit`'s history holds).
  public let trainLoss: Double
  public let trainAccuracy: Double?
  /// The same on the test data (nil without test data).
  public let testLoss: Double?
  public let testAccuracy: Double?
  /// λmax of the final model's Hessian on the sharpness subset (nil when the run diverged).
  public let sharpness: Sharpness?
  /// Keskar's ε-sharpness in percent (nil unless asked for, or when the run diverged).
  public let epsilonSharpness: EpsilonSharpness?
  /// Wall time of the run with its final measurements, in seconds.
  public let seconds: Double

  public var updates: Int { record.updates }
  public var secondsPerUpdate: Double { record.secondsPerUpdate }
  public var secondsPerEpoch: Double { record.secondsPerEpoch }
}

/// Why a study ended.
public enum BatchStudyStop: Sendable, Equatable {
  case finished
  /// A stop was requested: runs in flight were dropped, the finished ones are kept.
  case interrupted
}

/// The study: every finished run, in the order of `batches` then seed, and their summary
/// per batch size.
public struct BatchStudy: Sendable {
  /// The architecture every run shares (re-initialised from each run's seed).
  public let template: MLP
  public let options: BatchStudyOptions
  /// The batch sizes measured, in the requested order, after clamping to the data size
  /// (a size that clamps to one already listed is measured once).
  public let batches: [Int]
  public let runs: [BatchStudyRun]
  public let stop: BatchStudyStop
  /// Things the user should know (a batch clamped to the data size, runs that diverged).
  public let notes: [String]
  /// Wall time of the whole study.
  public let seconds: Double

  /// Runs planned: batch sizes × seeds.
  public var plannedRuns: Int { batches.count * options.seeds }

  /// One summary per batch size with at least one finished run, in `batches` order.
  public var summaries: [BatchSummary] { BatchSummary.grouping(runs, batches: batches) }
}

/// A progress report, delivered on the thread that called `batchStudy`, at most every
/// `fit.progressInterval` seconds and after every finished run.
public struct BatchStudyProgress: Sendable {
  public let finished: Int
  public let total: Int
  /// The batch sizes of the study (after clamping), in table order.
  public let batches: [Int]
  /// The runs finished so far, in study order.
  public let runs: [BatchStudyRun]
  /// The newest report of a run in flight: its batch, seed and fit progress.
  public let current: (batch: Int, seed: UInt64, fit: FitProgress)?
}
