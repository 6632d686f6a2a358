import DescentPack
import Foundation
import Language
import MathCore
import NeuralNet
import Optim
import Synchronization

/// `fit` and `last_fit`: training with DescentPack's optimizer values, live progress and a
/// kept partial fit.
extension NetworksPack {
  static let train = ParameterKey.positional("train", .any)
  static let optimizer = ParameterKey.labelled("optimizer", .any).optional()
  static let batch = ParameterKey.labelled("batch", .any).optional()
  static let epochs = ParameterKey.integer("epochs", default: 1)
  static let shuffle = ParameterKey.labelled("shuffle", .bool).optional()
  static let test = ParameterKey.labelled("test", .any).optional()
  static let precision = ParameterKey.labelled("precision", .string).optional()
  static let sharpnessEvery = ParameterKey.integer("sharpness_every").optional()
  /// The most epochs one fit may take.
  static let maxEpochs = 1_000_000
  /// How long a fit runs before it shows a progress line (short fits stay quiet).
  static let quietSeconds = 0.5
  /// Display ids of progress lines; unique per process.
  private static let progressCounter = Atomic<Int>(0)

  static let fitEntries: [Builtin] = [
    Builtin(
      "fit",
      [
        net.parameter, train.parameter, optimizer.parameter, batch.parameter, epochs.parameter, shuffle.parameter,
        seed.parameter, test.parameter, precision.parameter, sharpnessEvery.parameter,
      ],
      returns: "training",
      summary: """
        Trains a network on a data set in mini-batches: each epoch visits every example once (in a new seeded \
        order when shuffle: true), each batch takes one update of optimizer: (gd, momentum, nesterov or adam; \
        gd(lr: 0.1) by default). batch: 32 by default, "full" for full-batch descent; epochs: 1 by default; \
        test: a data set scored after every epoch; precision: "float32" (default, like torch) or "float64"; \
        sharpness_every: k records λmax of the Hessian (Lanczos, on the first 1,000 examples) before training and \
        every k updates, drawn beside the loss with the 2/η edge-of-stability line. \
        Returns the training (model, per-epoch loss and accuracy from epoch 0, timing). A NaN/∞ loss stops it \
        keeping the model before; interrupting keeps the partial fit in last_fit().
        """,
      example: """
        h = fit(mlp(2, 8, 2, seed: 0), two_moons(n: 200, noise: 0.1), optimizer: momentum(lr: 0.1, lambda: 0.9), \
        batch: 20, epochs: 3)
        h.epochs
        """
    ) { args, ev in try runFit(args, ev) },
    Builtin(
      "last_fit", [], returns: "training",
      summary:
        "The most recent fit of this session, also when it was interrupted: h = last_fit() keeps the partial model.",
      example: "fit(mlp(2, 2), xor(n: 40), batch: \"full\");\nlast_fit().epochs",
      callableBare: true
    ) { _, ev in
      guard let value = LastFitStore.value(for: ev.cancellation) else {
        throw LanguageError(.value, "no fit yet in this session; call fit(net, data, …) first")
      }
      return .custom(value)
    },
  ]

  /// Reads and checks fit's options (everything but the model and the training data).
  static func fitOptions(_ args: BoundArguments) throws -> FitOptions {
    var options = FitOptions()
    if let given = args[optimizer] {
      guard case .custom(let value) = given, let chosen = (value as? OptimizerValue)?.optimizer else {
        throw args.error(
          optimizer, "optimizer must be made by gd(lr:), momentum(lr:, lambda:), nesterov(…) or adam(…)", kind: .type)
      }
      options.optimizer = chosen
    }
    switch args[batch] {
    case nil: options.batch = .size(32)
    case .string("full")?: options.batch = .full
    case .number(let b)? where b == b.rounded() && b >= 1 && b <= 1e12: options.batch = .size(Int(b))
    case let other?:
      throw args.error(batch, "batch must be a whole number ≥ 1 or \"full\", got \(other.plainText)")
    }
    options.epochs = try count(args, epochs, in: 1...maxEpochs, what: "epochs")
    if case .bool(let b)? = args[shuffle] { options.shuffle = b }
    options.seed = try seedValue(args)
    if args[test] != nil { options.test = try dataset(args, test) }
    if case .string(let name)? = args[precision] {
      guard let chosen = TrainingPrecision(rawValue: name) else {
        throw args.error(precision, "precision must be \"float32\" or \"float64\", got \"\(name)\"")
      }
      options.precision = chosen
    }
    if args.has(sharpnessEvery) {
      options.sharpnessEvery = try count(args, sharpnessEvery, in: 1...1_000_000_000, what: "sharpness_every")
    }
    return options
  }

  /// `fit(net, train, …)`: trains with live progress, stores the result for `last_fit`, and
  /// turns an interrupt into an error after storing (a failed cell commits no variables).
  private static func runFit(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let model = try network(args, net)
    let data = try dataset(args, train)
    let options = try fitOptions(args)
    let live = FitLiveView(output: ev.output, epochs: options.epochs)
    let record = try mapped(args) {
      try model.fit(on: data, options: options, cancellation: ev.cancellation) { live.report($0) }
    }
    let value = TrainingValue(record)
    LastFitStore.store(value, for: ev.cancellation)
    live.finish(record)
    if case .interrupted(let epoch, let step) = record.stopReason {
      throw LanguageError(
        .interrupted,
        "interrupted \(FitText.interruption(epoch: epoch, step: step, of: record.stepsPerEpoch)); the partial fit is kept: h = last_fit()",
        at: args.callRange)
    }
    return .custom(value)
  }

  /// The progress line and live figure of one fit, shown once it has run `quietSeconds`.
  final class FitLiveView {
    let output: EvaluationHost
    let epochs: Int
    let id = "saddle-fit-\(NetworksPack.progressCounter.add(1, ordering: .relaxed).newValue)"
    let started = Date()
    var history = [EpochRecord]()
    var shown = false

    init(output: EvaluationHost, epochs: Int) { (self.output, self.epochs) = (output, epochs) }

    func report(_ p: FitProgress) {
      if let done = p.completed { history.append(done) }
      guard shown || Date().timeIntervalSince(started) >= NetworksPack.quietSeconds else { return }
      let value = FitProgressValue(line: line(p), history: history, epochs: epochs, isFinal: false)
      output.display(.custom(value), id: id, update: shown)
      shown = true
    }

    /// After a shown fit: the whole history drawn at once (unless interrupted: the reply
    /// must not wait), then the status line in place of the progress line.
    func finish(_ record: TrainingRecord) {
      guard shown else { return }
      let status = "fit: " + FitText.status(record)
      if case .interrupted = record.stopReason {
      } else {
        let last = FitProgressValue(line: status, history: record.history, epochs: epochs, isFinal: true)
        output.display(.custom(last), id: id, update: true)
      }
      output.display(.text(status), id: id, update: true)
    }

    /// "fit: epoch 3/10, step 120/938  loss 0.412  52,000 examples/s".
    private func line(_ p: FitProgress) -> String {
      let f = { NumberFormat.short($0) }
      let rate = Int(p.examplesPerSecond.isFinite ? min(max(p.examplesPerSecond, 0), 1e15) : 0)
      return
        "fit: epoch \(p.epoch)/\(p.epochs), step \(p.step)/\(p.stepsPerEpoch)  loss \(f(p.loss))  \(rate) examples/s"
    }
  }
}
