import Language
import MathCore
import NeuralNet
import Plot
import PlotPack
import Synchronization

/// What `fit` returns (Keras's `History` with the model): the NeuralNet `TrainingRecord`,
/// shown as a summary (status, model, epochs, final scores, timing) with its loss and
/// accuracy curves by epoch, train and test.
///
/// Per-epoch vectors start at epoch 0, the untrained model: `h.train_loss[0]` is the loss
/// before training, `h.train_loss[h.epochs]` after the last completed epoch.
public struct TrainingValue: CustomValue {
  public let record: TrainingRecord

  public init(_ record: TrainingRecord) { self.record = record }

  public var typeName: String { "training" }

  public var memberNames: [String] {
    ["status", "model", "epochs", "final_train_loss", "final_test_loss", "final_test_accuracy"]
      + TrainingValue.unlisted
  }

  /// Members the summary names but does not show.
  static let unlisted = [
    "train_loss", "train_accuracy", "test_loss", "test_accuracy", "updates", "batch", "steps_per_epoch",
    "time_per_update", "time_per_epoch", "stopped", "notes", "initial", "sharpness", "sharpness_updates",
    "stability_threshold", "figure",
  ]

  public func member(_ name: String) -> Value? {
    let r = record
    let h = r.history
    switch name {
    case "status": return .text(FitText.status(r))
    case "model": return .custom(NetworkValue(r.model))
    case "initial": return .custom(NetworkValue(r.initial))
    case "epochs": return .number(Double(max(h.count - 1, 0)))
    case "final_train_loss": return .number(h.last?.trainLoss ?? .nan)
    case "final_test_loss": return h.last?.testLoss.map(Value.number) ?? Value.none
    case "final_test_accuracy": return h.last?.testAccuracy.map(Value.number) ?? Value.none
    case "train_loss": return .vector(Vector(h.map(\.trainLoss)))
    case "train_accuracy": return column(h.map(\.trainAccuracy))
    case "test_loss": return column(h.map(\.testLoss))
    case "test_accuracy": return column(h.map(\.testAccuracy))
    case "updates": return .number(Double(r.updates))
    case "batch": return .number(Double(r.batchSize))
    case "steps_per_epoch": return .number(Double(r.stepsPerEpoch))
    case "time_per_update": return .number(r.secondsPerUpdate)
    case "time_per_epoch": return .number(r.secondsPerEpoch)
    case "stopped": return .string(FitText.stopped(r.stopReason))
    case "notes": return .tuple(r.notes.map(Value.string))
    case "sharpness": return r.sharpness.isEmpty ? Value.none : .vector(Vector(r.sharpness.map(\.value)))
    case "sharpness_updates":
      return r.sharpness.isEmpty ? Value.none : .vector(Vector(r.sharpness.map { Double($0.update) }))
    case "figure": return .custom(FigureValue(curves))
    case "stability_threshold":
      return SharpnessPanel.threshold(r.options.optimizer).map { Value.number($0.value) } ?? Value.none
    default: return nil
    }
  }

  /// A per-epoch column, or nothing when it was not measured (no test data, regression).
  private func column(_ values: [Double?]) -> Value {
    let present = values.compactMap { $0 }
    return present.count == values.count && !present.isEmpty ? .vector(Vector(present)) : .none
  }

  private var table: Value {
    // Members that are nothing here (no test data, no images) are left out of the summary.
    let fields = memberNames.compactMap { name -> Record.Field? in
      guard let value = member(name) else { return nil }
      if case .none = value { return nil }
      return Record.Field(name, value)
    }
    return .record(Record(typeName: typeName, fields: fields, unlisted: Set(TrainingValue.unlisted)))
  }

  public var plainText: String { table.plainText }

  /// The summary table with the curves under it in the HTML form, and the curves as PNG.
  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    FigureValue.htmlRendering(table.representations["text/html"] ?? "", above: curves, cancellation: cancellation)
  }
}

extension TrainingValue {
  /// The loss and accuracy curves by epoch, titled with the status.
  var curves: Figure {
    let figure = FitFigure.curves(record.history, epochs: record.options.epochs, title: FitText.status(record))
    return SharpnessPanel.adding(record.sharpness, optimizer: record.options.optimizer, to: figure)
  }

  public var metadata: [String: [String: Int]] {
    let (w, h) = curves.pixelSize()
    return ["image/png": ["width": w, "height": h]]
  }
}

/// The text of a fit's ending, shared by its value and its last progress line.
enum FitText {
  static func status(_ r: TrainingRecord) -> String {
    let f = { NumberFormat.short($0) }
    let epochs = max(r.history.count - 1, 0)
    let loss = f(r.history.last?.trainLoss ?? .nan)
    var text: String
    switch r.stopReason {
    case .finished: text = "trained \(count(epochs, "epoch")) (\(count(r.updates, "update"))); train loss \(loss)"
    case .interrupted(let epoch, let step):
      text =
        "interrupted \(interruption(epoch: epoch, step: step, of: r.stepsPerEpoch)) (\(count(r.updates, "update"))); the model is kept"
    case .diverged(let epoch, let step, let value):
      text =
        "diverged at epoch \(epoch), step \(step): the loss or gradient was \(f(value)); the model from before that update is kept"
    }
    if let accuracy = r.history.last?.testAccuracy, epochs > 0 { text += ", test accuracy \(f(accuracy))" }
    return r.notes.isEmpty ? text : text + " (" + r.notes.joined(separator: "; ") + ")"
  }

  /// Where a stop landed: `step` is the first update not taken (1-based), so the text names
  /// the last one taken, which adds up with the update count: "in epoch 16 after step 991 of 2000".
  static func interruption(epoch: Int, step: Int, of stepsPerEpoch: Int) -> String {
    if step > 1 { return "in epoch \(epoch) after step \(step - 1) of \(stepsPerEpoch)" }
    return epoch > 1 ? "after epoch \(epoch - 1)" : "before the first update"
  }

  /// "1 epoch", "20 epochs".
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  /// Why the fit stopped, as the `stopped` member: "epochs", "interrupted", "diverged".
  static func stopped(_ stop: StopReason) -> String {
    switch stop {
    case .finished: return "epochs"
    case .interrupted: return "interrupted"
    case .diverged: return "diverged"
    }
  }
}

/// The last fit of each session, so an interrupted fit stays reachable (`last_fit()`).
///
/// Why a side table: a cell that fails (an interrupt is a failure) commits none of its
/// variables; the partial fit is kept here, keyed by the session's cancellation flag (one
/// per runtime), as DescentPack's `LastRunStore` keeps runs.
enum LastFitStore {
  private struct Entry {
    weak var owner: CancellationFlag?
    var value: TrainingValue
  }
  private static let table = Mutex<[ObjectIdentifier: Entry]>([:])

  static func store(_ value: TrainingValue, for owner: CancellationFlag) {
    table.withLock { t in
      t = t.filter { $0.value.owner != nil }
      t[ObjectIdentifier(owner)] = Entry(owner: owner, value: value)
    }
  }

  static func value(for owner: CancellationFlag) -> TrainingValue? {
    table.withLock { t in
      guard let e = t[ObjectIdentifier(owner)], e.owner === owner else { return nil }
      return e.value
    }
  }
}
