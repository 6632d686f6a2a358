import Dispatch
import MathCore
import Optim

/// One training run in precision `T`: the parameters, gradient and optimizer state live in
/// buffers allocated once, so an update allocates nothing.
///
/// Design note: a mini-batch that is a contiguous range (no shuffle, or full batch) is read
/// from the data in place; a shuffled one is gathered row by row into the engine's buffer
/// (what torch's DataLoader does too). Finiteness is checked on each batch's loss and on the
/// gradient (Σg², by BLAS `dot`) before the update, so a blow-up never reaches the parameters.
/// At batch 1 the first layer's weight gradient stays an outer product (`Trainer+Update`).
final class Trainer<T: NetScalar> {
  let model: MLP
  let options: FitOptions
  let batch: Int
  let notes: [String]
  let train: NetworkEvaluation<T>
  let test: NetworkEvaluation<T>?
  let engine: Backprop<T>
  let scorer: Backprop<T>
  let state: OptimizerState<T>
  let theta: UnsafeMutableBufferPointer<T>
  let gradient: UnsafeMutableBufferPointer<T>
  /// Nesterov's look-ahead point (empty for the other optimizers).
  let lookAhead: UnsafeMutableBufferPointer<T>
  /// The first layer's weight gradient of the last one-row backward pass, as its two factors
  /// (`Trainer+Update`); nil when the whole gradient is in `gradient`.
  var factoredFirstLayer: OuterProductBlock<T>?
  var order: [Int]
  var rng: SeededGenerator
  var updates = 0
  var trainingSeconds = 0.0
  var started = DispatchTime.now().uptimeNanoseconds
  var lastReport = 0.0
  /// λmax readings (`sharpness_every`), and the probe taking them.
  var probe: SharpnessProbe?
  var sharpness: [SharpnessSample] = []

  init(model: MLP, data: Dataset, options: FitOptions, batch: Int, notes: [String]) {
    self.model = model
    self.options = options
    self.batch = batch
    self.notes = notes
    train = NetworkEvaluation<T>(model: model, data: data)
    test = options.test.map { NetworkEvaluation<T>(model: model, data: $0) }
    engine = Backprop<T>(layout: model.layout, activation: model.activation, loss: model.loss, capacity: batch)
    let scoring = min(max(data.count, options.test?.count ?? 0), 2048)
    scorer = Backprop<T>(layout: model.layout, activation: model.activation, loss: model.loss, capacity: scoring)
    state = OptimizerState<T>(optimizer: options.optimizer, count: model.parameterCount)
    theta = .allocate(capacity: model.parameterCount)
    _ = theta.initialize(from: model.parameters.map { T($0) })
    gradient = .allocate(capacity: model.parameterCount)
    gradient.initialize(repeating: 0)
    lookAhead = .allocate(capacity: state.needsLookAhead ? model.parameterCount : 0)
    lookAhead.initialize(repeating: 0)
    order = Array(0..<data.count)
    rng = SeededGenerator(seed: options.seed)
  }

  deinit {
    theta.deallocate()
    gradient.deallocate()
    lookAhead.deallocate()
  }

  var stepsPerEpoch: Int { (train.count + batch - 1) / batch }
  var shuffles: Bool { options.shuffle && batch < train.count }

  /// Trains for the requested epochs or until a stop, and returns the record.
  func run(cancellation: CancellationFlag?, progress: ((FitProgress) -> Void)?) -> TrainingRecord {
    var history = [score(epoch: 0, trainLoss: nil, trainCorrect: nil, seconds: 0)]
    var stop = StopReason.finished
    _ = recordSharpnessIfDue()
    started = DispatchTime.now().uptimeNanoseconds
    for epoch in 1...options.epochs {
      if shuffles { rng.permute(&order) }
      let outcome = runEpoch(epoch, cancellation: cancellation, progress: progress)
      if let reason = outcome.stop {
        stop = reason
        break
      }
      let completed = score(
        epoch: epoch, trainLoss: outcome.lossSum / Double(train.count), trainCorrect: outcome.correct,
        seconds: outcome.seconds)
      history.append(completed)
      progress?(report(epoch: epoch, step: stepsPerEpoch, loss: completed.trainLoss, completed: completed))
    }
    return record(history: history, stop: stop)
  }

  /// What one pass over the data did.
  struct EpochOutcome {
    var lossSum = 0.0
    var correct = 0
    var seconds = 0.0
    var stop: StopReason?
  }

  /// One epoch of updates (hot loop: each step is load, forward, loss, backward, check, update).
  func runEpoch(
    _ epoch: Int, cancellation: CancellationFlag?, progress: ((FitProgress) -> Void)?
  ) -> EpochOutcome {
    var outcome = EpochOutcome()
    var curvatureSeconds = 0.0
    let begin = DispatchTime.now().uptimeNanoseconds
    let classes = model.outputCount
    train.features.withUnsafeBufferPointer { x in
      order.withUnsafeBufferPointer { permutation in
        for step in 0..<stepsPerEpoch {
          if cancellation?.isSet == true {
            outcome.stop = .interrupted(epoch: epoch, step: step + 1)
            return
          }
          let start = step * batch
          let rows = min(batch, train.count - start)
          let indices = shuffles ? permutation.baseAddress! + start : nil
          engine.load(features: x.baseAddress!, start: start, indices: indices, rows: rows)
          let point = UnsafePointer(state.needsLookAhead ? lookAhead.baseAddress! : theta.baseAddress!)
          if state.needsLookAhead { state.lookAhead(parameters: UnsafeBufferPointer(theta), into: lookAhead) }
          engine.forward(point, rows: rows)
          let loss = engine.outputLoss(
            targets: train.targets, start: start, indices: indices, rows: rows,
            normaliser: model.loss == .crossEntropy ? rows : rows * classes)
          let size = backward(at: point, rows: rows)
          guard loss.isFinite, size.isFinite else {
            outcome.stop = .diverged(epoch: epoch, step: step + 1, loss: loss)
            return
          }
          if let labels = train.labels {
            outcome.correct += engine.correct(labels: labels, start: start, indices: indices, rows: rows)
          }
          update()
          updates += 1
          if probe != nil { curvatureSeconds += recordSharpnessIfDue() }
          outcome.lossSum += loss * Double(rows)
          if let progress, step + 1 < stepsPerEpoch {
            reportIfDue(progress, epoch, step + 1, outcome, rows: start + rows)
          }
        }
      }
    }
    outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9 - curvatureSeconds
    trainingSeconds += outcome.seconds
    return outcome
  }

  /// Calls `progress` when `progressInterval` has passed since the last report.
  private func reportIfDue(
    _ progress: (FitProgress) -> Void, _ epoch: Int, _ step: Int, _ outcome: EpochOutcome, rows: Int
  ) {
    let now = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    guard now - lastReport >= options.progressInterval else { return }
    lastReport = now
    progress(report(epoch: epoch, step: step, loss: outcome.lossSum / Double(rows), completed: nil))
  }

  private func report(epoch: Int, step: Int, loss: Double, completed: EpochRecord?) -> FitProgress {
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let seen = (epoch - 1) * train.count + min(step * batch, train.count)
    return FitProgress(
      epoch: epoch, step: step, stepsPerEpoch: stepsPerEpoch, epochs: options.epochs, loss: loss,
      examplesPerSecond: seconds > 0 ? Double(seen) / seconds : 0, completed: completed)
  }
}
