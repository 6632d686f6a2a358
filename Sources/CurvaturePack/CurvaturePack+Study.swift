import DescentPack
import Foundation
import Language
import MathCore
import NetworksPack
import NeuralNet
import Synchronization

/// `critical_study` and `last_critical_study`: the lecture's study (train many nets, take each to a
/// critical point, plot loss against minimum ratio) with live progress and a kept partial
/// study after an interrupt.
extension CurvaturePack {
  static let model = ParameterKey.positional("model", .any)
  static let nets = ParameterKey.integer("nets", default: 100)
  static let epochs = ParameterKey.integer("epochs", default: 500)
  static let optimizer = ParameterKey.labelled("optimizer", .any).optional()
  static let batch = ParameterKey.labelled("batch", .any).optional()
  static let workers = ParameterKey.integer("workers", default: 2)
  /// How long a study runs before it shows a progress line.
  static let quietSeconds = 1.0
  private static let progressCounter = Atomic<Int>(0)

  static let studyEntries: [Builtin] = [
    Builtin(
      "critical_study",
      [
        model.parameter, data.parameter, nets.parameter, epochs.parameter, optimizer.parameter, batch.parameter,
        criticalTolerance.parameter, maxIterations.parameter, method.parameter, zeroTolerance.parameter,
        seed.parameter, workers.parameter,
      ],
      returns: "critical study",
      summary: """
        The lecture's study in one line: trains nets: 100 networks shaped like model from seeds seed, seed+1, … \\
        (optimizer: gd(lr: 0.1), batch: "full", epochs: 500, in Float64), takes each to a critical point \\
        (to_critical with tol:, max_iterations:, method:, zero_tol:) and returns one row per net (seed, loss, ‖∇L‖, counts, minimum \\
        ratio, kind) with the figure of loss against minimum ratio. Runs workers: 2 nets at once (one per core); \\
        interrupting keeps the finished nets in last_critical_study().
        """,
      example: """
        f(x) = sin(x)
        s = critical_study(mlp(1, 3, 1, activation: "tanh", loss: "mse"), curve(f, x: -2...2, n: 20), nets: 2, epochs: 20)
        s.nets
        """
    ) { args, ev in try runStudy(args, ev) },
    Builtin(
      "last_critical_study", [], returns: "critical study",
      summary: "The most recent critical_study of this session, also when interrupted: its finished nets are kept.",
      example: """
        f(x) = sin(x)
        critical_study(mlp(1, 2, 1, activation: "tanh", loss: "mse"), curve(f, x: 0...1, n: 5), nets: 1, epochs: 5);
        last_critical_study().nets
        """,
      callableBare: true
    ) { _, ev in
      guard let value = LastStudyStore.value(for: ev.cancellation) else {
        throw LanguageError(.value, "no critical_study yet in this session; call critical_study(model, data, …) first")
      }
      return .custom(value)
    },
  ]

  /// The study's options from the call.
  private static func studyOptions(_ args: BoundArguments) throws -> CriticalStudyOptions {
    var options = CriticalStudyOptions()
    options.nets = try NetworksPack.count(args, nets, in: 1...100_000, what: "nets")
    options.firstSeed = try seedValue(args)
    options.workers = try NetworksPack.count(args, workers, in: 1...64, what: "workers")
    options.fit.epochs = try NetworksPack.count(args, epochs, in: 1...1_000_000, what: "epochs")
    if let given = args[optimizer] {
      guard case .custom(let value) = given, let chosen = (value as? OptimizerValue)?.optimizer else {
        throw args.error(
          optimizer, "optimizer must be made by gd(lr:), momentum(lr:, lambda:), nesterov(…) or adam(…)", kind: .type)
      }
      options.fit.optimizer = chosen
    }
    switch args[batch] {
    case nil, .string("full")?: options.fit.batch = .full
    case .number(let b)? where b == b.rounded() && b >= 1 && b <= 1e12: options.fit.batch = .size(Int(b))
    case let other?: throw args.error(batch, "batch must be a whole number ≥ 1 or \"full\", got \(other.plainText)")
    }
    options.critical = try criticalOptions(args)
    return options
  }

  /// Runs the study on a thread of its own while the cell's thread shows progress (so the
  /// host is only ever called from the cell's thread).
  private static func runStudy(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let template = try NetworksPack.network(args, model)
    let d = try NetworksPack.dataset(args, data)
    try NetworksPack.mapped(args) { try template.check(d) }
    let options = try studyOptions(args)
    let run = StudyRun()
    let cancellation = ev.cancellation
    let thread = Thread {
      run.finish(
        Result(catching: {
          try template.criticalStudy(on: d, options: options, cancellation: cancellation) { run.add($0.row) }
        }))
    }
    thread.stackSize = 8 << 20
    thread.start()
    let live = StudyLiveView(
      output: ev.output, total: options.nets, id: "saddle-study-\(progressCounter.add(1, ordering: .relaxed).newValue)")
    let (rows, outcome) = awaitStudy(run, showing: live)
    live.finish(rows, interrupted: cancellation.isSet)
    let study = try NetworksPack.mapped(args) { try outcome.get() }
    let value = CriticalStudyValue(study)
    LastStudyStore.store(value, for: ev.cancellation)
    if study.cancelled && cancellation.isSet {
      throw LanguageError(
        .interrupted,
        "interrupted after \(study.rows.count) of \(options.nets) nets; the finished nets are kept: s = last_critical_study()",
        at: args.callRange)
    }
    return .custom(value)
  }
}

extension CurvaturePack {
  /// Waits for the study's outcome, showing its progress whenever rows arrive.
  fileprivate static func awaitStudy(_ run: StudyRun, showing live: StudyLiveView) -> (
    [CriticalStudyRow], Result<CriticalStudy, Error>
  ) {
    while true {
      let (rows, outcome) = run.wait(seconds: 0.2)
      if let outcome { return (rows, outcome) }
      live.report(rows)
    }
  }
}

/// The rows a running study has finished and its outcome, handed from the study's thread to
/// the cell's thread under one condition lock.
private final class StudyRun: @unchecked Sendable {
  private let condition = NSCondition()
  private var rows: [CriticalStudyRow] = []
  private var outcome: Result<CriticalStudy, Error>?

  func add(_ row: CriticalStudyRow) {
    condition.withLock {
      rows.append(row)
      condition.signal()
    }
  }

  func finish(_ result: Result<CriticalStudy, Error>) {
    condition.withLock {
      outcome = result
      condition.signal()
    }
  }

  /// Waits up to `seconds` for news; returns the rows so far and the outcome once there is one.
  func wait(seconds: Double) -> ([CriticalStudyRow], Result<CriticalStudy, Error>?) {
    condition.withLock {
      if outcome == nil { _ = condition.wait(until: Date(timeIntervalSinceNow: seconds)) }
      return (rows, outcome)
    }
  }
}

/// The last study of each session (`last_critical_study()`), keyed by the session's cancellation flag
/// as `last_fit` keeps fits: a failed (interrupted) cell commits no variables.
enum LastStudyStore {
  private struct Entry {
    weak var owner: CancellationFlag?
    var value: CriticalStudyValue
  }
  private static let table = Mutex<[ObjectIdentifier: Entry]>([:])

  static func store(_ value: CriticalStudyValue, for owner: CancellationFlag) {
    table.withLock { t in
      t = t.filter { $0.value.owner != nil }
      t[ObjectIdentifier(owner)] = Entry(owner: owner, value: value)
    }
  }

  static func value(for owner: CancellationFlag) -> CriticalStudyValue? {
    table.withLock { t in
      guard let e = t[ObjectIdentifier(owner)], e.owner === owner else { return nil }
      return e.value
    }
  }
}
