import Optim

/// How many examples each update sees.
public enum BatchSize: Sendable, Equatable {
  /// All of them: full-batch gradient descent, one update per epoch.
  case full
  /// Mini-batches of this many (the last batch of an epoch may be smaller, as torch's
  /// `DataLoader` with `drop_last=False`).
  case size(Int)
}

/// The precision a fit computes in.
public enum TrainingPrecision: String, Sendable {
  /// `Float32`, like torch: twice the BLAS speed and half the memory of `Float64`.
  case float32
  /// `Float64`, for runs compared with exact computations.
  case float64
}

/// Everything `fit` takes besides the model and the training data.
public struct FitOptions: Sendable {
  /// The update rule (the same values `gd`, `momentum`, `nesterov`, `adam` formulas use).
  public var optimizer: Optimizer
  public var batch: BatchSize
  public var epochs: Int
  /// Whether each epoch visits the examples in a new seeded random order (ignored for full
  /// batches, whose gradient is the same in any order).
  public var shuffle: Bool
  /// Fixes every epoch's order: the same seed and thread count give a bit-identical run.
  public var seed: UInt64
  /// Data scored after every epoch (not trained on).
  public var test: Dataset?
  public var precision: TrainingPrecision
  /// The least time between two progress reports, in seconds (epoch ends always report).
  public var progressInterval: Double

  public init(
    optimizer: Optimizer = .gd(lr: 0.1), batch: BatchSize = .size(32), epochs: Int = 1, shuffle: Bool = true,
    seed: UInt64 = 0, test: Dataset? = nil, precision: TrainingPrecision = .float32, progressInterval: Double = 0.1
  ) {
    self.optimizer = optimizer
    self.batch = batch
    self.epochs = epochs
    self.shuffle = shuffle
    self.seed = seed
    self.test = test
    self.precision = precision
    self.progressInterval = progressInterval
  }
}

/// One epoch's scores, as Keras's `History` holds them.
public struct EpochRecord: Sendable, Equatable {
  /// 1, 2, …; 0 is the untrained model.
  public let epoch: Int
  /// Mean training loss over the epoch's examples, each scored in the batch that updated
  /// on it (Keras's running mean); for epoch 0, the loss on the whole training set.
  public let trainLoss: Double
  /// The fraction of training examples classified right, counted the same way (nil for
  /// regression).
  public let trainAccuracy: Double?
  /// Loss and accuracy on the test data after the epoch (nil without test data).
  public let testLoss: Double?
  public let testAccuracy: Double?
  /// Updates taken so far, over the whole run.
  public let updates: Int
  /// Wall time of this epoch's updates (scoring the test data not included), in seconds.
  public let seconds: Double
}

/// Why a fit ended.
public enum StopReason: Sendable, Equatable {
  case finished
  /// A stop was requested; `epoch` and `step` (1-based) are the first update not taken.
  case interrupted(epoch: Int, step: Int)
  /// The loss or the gradient was NaN or ∞ at this update, which was not taken: the model
  /// is the one before it.
  case diverged(epoch: Int, step: Int, loss: Double)
}

/// What `fit` returns: the trained model and how training went.
public struct TrainingRecord: Sendable {
  /// The model after the last update taken.
  public let model: MLP
  /// The model before training.
  public let initial: MLP
  public let options: FitOptions
  /// The batch size used (the data size for `.full`, or when the request was larger).
  public let batchSize: Int
  /// Updates per full epoch.
  public let stepsPerEpoch: Int
  /// Epoch 0 (untrained) and every completed epoch.
  public let history: [EpochRecord]
  public let updates: Int
  /// Measured wall time per update and per completed epoch (training only), in seconds.
  public let secondsPerUpdate: Double
  public let secondsPerEpoch: Double
  public let stopReason: StopReason
  /// Things the user should know ("batch 100 is larger than the 60 examples: full batch").
  public let notes: [String]
}

/// A progress report at a batch boundary.
public struct FitProgress: Sendable {
  public let epoch: Int
  /// Updates done in this epoch, of `stepsPerEpoch`.
  public let step: Int
  public let stepsPerEpoch: Int
  public let epochs: Int
  /// Mean training loss of the epoch so far.
  public let loss: Double
  /// Training throughput since the fit started.
  public let examplesPerSecond: Double
  /// The epoch just completed, when this report ends one.
  public let completed: EpochRecord?
}
