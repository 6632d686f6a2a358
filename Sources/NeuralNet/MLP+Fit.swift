import MathCore
import Optim

extension MLP {
  /// Trains the network on `data` (`fit(net, train, optimizer:, batch:, epochs:, …)`).
  ///
  /// Each epoch visits every example once in mini-batches (in a new seeded order when
  /// `shuffle`), and each batch takes one update of `options.optimizer` (Optim's
  /// `OptimizerState`: the same rules formulas descend with) on the batch's mean-loss
  /// gradient. `cancellation` is checked before every update; a stop keeps the model and
  /// history so far. A NaN or ∞ loss or gradient stops before that update, keeping the
  /// model from before it. `progress` is called at batch boundaries (at most every
  /// `options.progressInterval` seconds) and at every epoch's end.
  ///
  /// Throws (before any training) for data that does not fit the model (see `check`),
  /// test data that does not, a batch of 0, epochs < 1 or a bad optimizer. A batch larger
  /// than the data becomes a full batch, with a note saying so.
  public func fit(
    on data: Dataset, options: FitOptions, cancellation: CancellationFlag? = nil,
    progress: ((FitProgress) -> Void)? = nil
  ) throws -> TrainingRecord {
    try check(data)
    if let test = options.test { try check(test) }
    if let problem = options.optimizer.problem { throw NetworkError.badOption(problem) }
    guard options.epochs >= 1 else { throw NetworkError.badOption("epochs must be at least 1, got \(options.epochs)") }
    var notes = [String]()
    var batch = data.count
    if case .size(let b) = options.batch {
      guard b >= 1 else { throw NetworkError.badOption("batch must be at least 1 (or \"full\"), got \(b)") }
      if b > data.count {
        notes.append(
          "batch \(b) is larger than the \(data.count) examples, so each update uses all of them (full batch)")
      }
      batch = min(b, data.count)
    }
    switch options.precision {
    case .float32:
      return Trainer<Float>(model: self, data: data, options: options, batch: batch, notes: notes)
        .run(cancellation: cancellation, progress: progress)
    case .float64:
      return Trainer<Double>(model: self, data: data, options: options, batch: batch, notes: notes)
        .run(cancellation: cancellation, progress: progress)
    }
  }
}
