extension Trainer {
  /// The scores after an epoch: the running training loss given (or, for epoch 0, the loss
  /// on the whole training set) and the test data's loss and accuracy at the current θ.
  func score(epoch: Int, trainLoss: Double?, trainCorrect: Int?, seconds: Double) -> EpochRecord {
    let point = UnsafePointer(theta.baseAddress!)
    var loss = trainLoss
    var correct = trainCorrect
    if loss == nil {
      let whole = train.run(parameters: point, gradient: nil, engine: scorer)
      (loss, correct) = (whole.loss, whole.correct)
    }
    let tested = test.map { $0.run(parameters: point, gradient: nil, engine: scorer) }
    return EpochRecord(
      epoch: epoch, trainLoss: loss ?? .nan,
      trainAccuracy: train.labels == nil ? nil : Double(correct ?? 0) / Double(train.count),
      testLoss: tested?.loss,
      testAccuracy: test?.labels == nil ? nil : tested.map { Double($0.correct) / Double(test?.count ?? 1) },
      updates: updates, seconds: seconds)
  }

  /// The run's record, with the model at the current θ (converted exactly to `Float64`).
  func record(history: [EpochRecord], stop: StopReason) -> TrainingRecord {
    let trained = (try? model.with(parameters: theta.map { Double($0) })) ?? model
    let epochs = history.count - 1
    return TrainingRecord(
      model: trained, initial: model, options: options, batchSize: batch, stepsPerEpoch: stepsPerEpoch,
      history: history, updates: updates,
      secondsPerUpdate: updates > 0 ? trainingSeconds / Double(updates) : 0,
      secondsPerEpoch: epochs > 0 ? history.dropFirst().map(\.seconds).reduce(0, +) / Double(epochs) : 0,
      stopReason: stop, notes: notes)
  }
}
