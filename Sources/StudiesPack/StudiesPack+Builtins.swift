import Foundation
import Language
import MathCore
import NetworksPack
import NeuralNet
import Synchronization

/// `batch_study`, `sb_lb` and `last_study`: studies with live progress and kept partial results.
extension StudiesPack {
  static let studyEntries: [Builtin] = [
    Builtin(
      "batch_study", [model.parameter, data.parameter, batches.parameter] + trainingParameters,
      returns: "batch study",
      summary: """
        Trains one network shaped like model per batch size and seed (batches: [16, 64, 256, 1024, 4096] by \
        default; seeds: 3 seeded from seed:, which seeds both the initialisation and the shuffling), all with the \
        same epochs: (10) and optimizer: (momentum(lr: 0.05, lambda: 0.9) by default), and measures each: \
        updates, time per update and per epoch, final train and test (test:) loss and accuracy, and λmax of the \
        Hessian at the end on the first sharpness_examples: (500) examples. Shows the table (mean ± std over \
        seeds) and figures against batch size; s.table is a table value, s.runs one row per run. Costs \
        batches × seeds fits plus one λmax each; small batches run two at a time (workers: 2). Interrupting \
        keeps the finished runs in last_study().
        """,
      example: """
        s = batch_study(mlp(2, 8, 2, seed: 0), two_moons(n: 200, noise: 0.1), batches: [10, 100], epochs: 2, \
        seeds: 2)
        s.updates
        """
    ) { args, ev in try runBatchStudy(args, ev) },
    Builtin(
      "sb_lb",
      [model.parameter, data.parameter, sb.parameter, lb.parameter] + trainingParameters + [epsilon.parameter],
      returns: "sb_lb",
      summary: """
        Keskar et al.'s small- vs large-batch comparison: seeds: (3) networks trained at the small batch sb: \
        (256) and as many at the large batch lb: (0.1: a tenth of the data; or a whole number of examples, or \
        "full"), same epochs: (10) and optimizer:, then train and test accuracy (mean ± std), λmax and the \
        ε-sharpness (epsilon: 1e-3, in percent) of the minima reached, on the first sharpness_examples: (500) \
        examples. Costs 2 × seeds fits plus the two sharpness measures each.
        """,
      example: """
        c = sb_lb(mlp(2, 8, 2, seed: 0), two_moons(n: 200, noise: 0.1), sb: 10, lb: 0.5, seeds: 2, epochs: 2)
        c.batch
        """
    ) { args, ev in try runSmallLarge(args, ev) },
    Builtin(
      "last_study", [], returns: "batch study",
      summary:
        "The most recent batch_study or sb_lb of this session, also when it was interrupted: s = last_study() keeps the finished runs.",
      example: "batch_study(mlp(2, 2), xor(n: 40), batches: [40], epochs: 1, seeds: 1);\nlast_study().batch",
      callableBare: true
    ) { _, ev in
      guard let value = LastStudyStore.value(for: ev.cancellation) else {
        throw LanguageError(.value, "no study yet in this session; call batch_study(model, data, …) first")
      }
      return .custom(value)
    },
  ]

  /// `batch_study(model, data, …)`.
  private static func runBatchStudy(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let net = try NetworksPack.network(args, model)
    let train = try NetworksPack.dataset(args, data)
    var options = try studyOptions(args)
    options.batches = try batchList(args)
    let live = StudyLiveView(output: ev.output, name: "batch_study")
    let study = try NetworksPack.mapped(args) {
      try net.batchStudy(on: train, options: options, cancellation: ev.cancellation) { live.report($0) }
    }
    return try finish(BatchStudyValue(study), study: study, live: live, args: args, ev: ev)
  }

  /// `sb_lb(model, data, sb:, lb:, …)`.
  private static func runSmallLarge(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let net = try NetworksPack.network(args, model)
    let train = try NetworksPack.dataset(args, data)
    var options = try studyOptions(args)
    let e = args[epsilon]
    guard e.isFinite, e > 0, e < 1 else {
      throw args.error(epsilon, "epsilon must be in (0, 1), got \(NumberFormat.plain(e))")
    }
    options.epsilonSharpness = EpsilonSharpnessOptions(epsilon: e)
    let x = args[sb]
    guard x >= 1, x <= 1e12 else { throw args.error(sb, "sb must be a whole number ≥ 1, got \(NumberFormat.plain(x))") }
    let small = Int(x)
    let large = try largeBatch(args)
    let live = StudyLiveView(output: ev.output, name: "sb_lb")
    let comparison = try NetworksPack.mapped(args) {
      try net.smallVersusLargeBatch(
        on: train, small: small, large: large, options: options, cancellation: ev.cancellation
      ) { live.report($0) }
    }
    return try finish(SmallLargeValue(comparison), study: comparison.study, live: live, args: args, ev: ev)
  }

  /// Stores the study for `last_study()`, ends the live view, and turns a stop into an
  /// error after storing (a failed cell commits no variables).
  private static func finish(
    _ value: any CustomValue, study: BatchStudy, live: StudyLiveView, args: BoundArguments, ev: any BuiltinContext
  ) throws -> Value {
    LastStudyStore.store(value, for: ev.cancellation)
    live.finish(study)
    if study.stop == .interrupted {
      throw LanguageError(
        .interrupted,
        "interrupted after \(study.runs.count) of \(study.plannedRuns) runs; the finished runs are kept: s = last_study()",
        at: args.callRange)
    }
    return .custom(value)
  }
}

/// The last study of each session, so an interrupted one stays reachable (`last_study()`),
/// keyed by the session's cancellation flag as NetworksPack keeps the last fit.
enum LastStudyStore {
  private struct Entry {
    weak var owner: CancellationFlag?
    var value: any CustomValue
  }
  private static let table = Mutex<[ObjectIdentifier: Entry]>([:])

  static func store(_ value: any CustomValue, for owner: CancellationFlag) {
    table.withLock { t in
      t = t.filter { $0.value.owner != nil }
      t[ObjectIdentifier(owner)] = Entry(owner: owner, value: value)
    }
  }

  static func value(for owner: CancellationFlag) -> (any CustomValue)? {
    table.withLock { t in
      guard let e = t[ObjectIdentifier(owner)], e.owner === owner else { return nil }
      return e.value
    }
  }
}
