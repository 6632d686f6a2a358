import Foundation
import Language
import MathCore
import NeuralNet
import PlotPack
import Synchronization

/// A running study's progress as a value: the line "batch_study: 3/15 runs, 12 s; batch 64,
/// seed 1: epoch 2/10, step 120/157, loss 0.412" shown in place, and the figures of the
/// runs finished so far as its live figure.
public struct StudyProgressValue: LiveValue {
  public let line: String
  /// The runs finished so far, in study order, and the study's batch sizes.
  public let runs: [BatchStudyRun]
  public let batches: [Int]
  /// Whether this is the finished study's report (its figure is drawn at once).
  public let isFinal: Bool

  public var typeName: String { "progress" }
  public var plainText: String { line }
  public var showsItself: Bool { !isFinal }
  public var drawsCompanionNow: Bool { isFinal }

  /// The figure changes only when a run finishes: the previous drawing is reused until then.
  public func companion(reusing cache: (any Sendable)?) -> (value: any CustomValue, cache: (any Sendable)?) {
    if let (count, figure) = cache as? (Int, FigureValue), count == runs.count { return (figure, cache) }
    let summaries = BatchSummary.grouping(runs, batches: batches)
    let figure = FigureValue(BatchStudyFigure.figure(summaries, batches: batches, title: line))
    return (figure, (runs.count, figure))
  }
}

/// The progress line and live figure of one study, shown once it has run `quietSeconds`.
final class StudyLiveView {
  let output: EvaluationHost
  let name: String
  let id = "saddle-study-\(StudyLiveView.counter.add(1, ordering: .relaxed).newValue)"
  let started = Date()
  var shown = false
  /// Display ids of progress lines; unique per process.
  private static let counter = Atomic<Int>(0)
  /// How long a study runs before it shows a progress line.
  static let quietSeconds = 0.5

  init(output: EvaluationHost, name: String) { (self.output, self.name) = (output, name) }

  func report(_ p: BatchStudyProgress) {
    guard shown || Date().timeIntervalSince(started) >= Self.quietSeconds else { return }
    let value = StudyProgressValue(line: line(p), runs: p.runs, batches: p.batches, isFinal: false)
    output.display(.custom(value), id: id, update: shown)
    shown = true
  }

  /// After a shown study: the whole figure drawn at once (unless interrupted: the reply must
  /// not wait), then the status line in place of the progress line.
  func finish(_ study: BatchStudy) {
    guard shown else { return }
    let status = "\(name): " + StudyText.status(study)
    if study.stop != .interrupted {
      let last = StudyProgressValue(line: status, runs: study.runs, batches: study.batches, isFinal: true)
      output.display(.custom(last), id: id, update: true)
    }
    output.display(.text(status), id: id, update: true)
  }

  private func line(_ p: BatchStudyProgress) -> String {
    let seconds = Int(Date().timeIntervalSince(started))
    var text = "\(name): \(p.finished)/\(p.total) runs, \(seconds) s"
    if let (batch, seed, fit) = p.current {
      text +=
        "; batch \(batch), seed \(seed): epoch \(fit.epoch)/\(fit.epochs), step \(fit.step)/\(fit.stepsPerEpoch), loss \(StudyTables.significant(fit.loss, 4))"
    }
    return text
  }
}

/// The text of a study's ending, shared by its value and its last progress line.
enum StudyText {
  static func status(_ s: BatchStudy) -> String {
    let seconds = NumberFormat.plain((s.seconds * 10).rounded() / 10)
    var text =
      s.stop == .finished
      ? "\(plural(s.runs.count, "run")) (\(plural(s.batches.count, "batch size")) × \(plural(s.options.seeds, "seed"))) in \(seconds) s"
      : "interrupted after \(s.runs.count) of \(s.plannedRuns) runs (\(seconds) s); the finished runs are kept"
    if !s.notes.isEmpty { text += " (" + s.notes.joined(separator: "; ") + ")" }
    return text
  }

  /// "1 run", "3 runs".
  static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
