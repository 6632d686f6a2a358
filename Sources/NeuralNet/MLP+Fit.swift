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
    let trainingNotes = notes
    let rows = batch
    let probe = try sharpnessProbe(data, options)
    return BLASThreads.forBatch(rows: rows) {
      train(
        data, options: options, batch: rows, notes: trainingNotes, probe: probe, cancellation: cancellation,
        progress: progress)
    }
  }

  /// The λmax probe of `sharpness_every`, on the first `sharpnessExamples` examples.
  private func sharpnessProbe(_ data: Dataset, _ options: FitOptions) throws -> SharpnessProbe? {
    guard let every = options.sharpnessEvery else { return nil }
    guard every >= 1 else { throw NetworkError.badOption("sharpness_every must be at least 1, got \(every)") }
    guard options.sharpnessExamples >= 1 else {
      throw NetworkError.badOption("sharpness_examples must be at least 1, got \(options.sharpnessExamples)")
    }
    return SharpnessProbe(every: every, data: try data.first(min(data.count, options.sharpnessExamples)), model: self)
  }

  /// The run itself, in the requested precision.
  private func train(
    _ data: Dataset, options: FitOptions, batch: Int, notes: [String], probe: SharpnessProbe?,
    cancellation: CancellationFlag?, progress: ((FitProgress) -> Void)?
  ) -> TrainingRecord {
    switch options.precision {
    case .float32:
      let trainer = Trainer<Float>(model: self, data: data, options: options, batch: batch, notes: notes)
      trainer.probe = probe
      return trainer.run(cancellation: cancellation, progress: progress)
    case .float64:
      let trainer = Trainer<Double>(model: self, data: data, options: options, batch: batch, notes: notes)
      trainer.probe = probe
      return trainer.run(cancellation: cancellation, progress: progress)
    }
  }
}
