import Foundation
import Language
import MathCore
import Optim
import PlotPack
import Synchronization

/// A finished (or interrupted) descent run as a value: it holds the `Trajectory` and shows
/// itself as a short summary (status, optimizer, start, final) with its loss curve as a PNG.
///
/// Its numbers and arrays are members (`run.final`, `run.loss`, `run.points`) that the summary
/// only names on an `also:` line. The loss curve replaces the HTML table: frontends prefer
/// HTML to PNG, and the figure beside the text summary is the better view of a run. A run
/// whose losses are all NaN/∞ has no curve and shows the table (its text says why).
public struct RunValue: CustomValue {
  public let trajectory: Trajectory
  /// The point the run started from.
  public let start: [Double]
  /// Why the run diverged, from the start Hessian (nil when it did not, or no hint applies).
  public let hint: String?

  public init(_ trajectory: Trajectory, start: [Double], hint: String?) {
    (self.trajectory, self.start, self.hint) = (trajectory, start, hint)
  }

  public var typeName: String { "run" }

  /// The members, in display order; the summary shows the first four.
  public var memberNames: [String] {
    ["status", "optimizer", "start", "final"] + unlisted
  }

  /// Members the summary names but does not show (λmax readings only when the run took them).
  private var unlisted: [String] {
    let sharpness = trajectory.sharpnessSteps.isEmpty ? [] : ["sharpness", "sharpness_steps"]
    return ["steps", "final_loss", "stopped", "points", "loss", "grad_norm", "moves", "stride", "diverged"] + sharpness
  }

  public func member(_ name: String) -> Value? {
    let run = trajectory
    let n = run.dimension
    switch name {
    case "status": return .text(RunText.status(run, hint: hint))
    case "optimizer": return .text(run.optimizer.description(NumberFormat.plain))
    case "start": return .vector(Vector(start))
    case "final": return .vector(Vector(run.finalPoint))
    case "steps": return .number(Double(run.steps))
    case "final_loss": return .number(run.finalLoss)
    case "stopped": return .string(RunText.stopped(run.stop))
    case "points": return .matrix(Matrix(rows: run.recordedCount, columns: n, elements: run.points))
    case "loss": return .vector(Vector(run.losses))
    case "grad_norm": return .vector(Vector(run.gradientNorms))
    case "moves":
      return .matrix(Matrix(rows: run.moves.count / max(n, 1), columns: n, elements: run.moves))
    case "stride": return .number(Double(run.stride))
    case "diverged": return .bool(run.diverged)
    case "sharpness" where !run.sharpnessSteps.isEmpty: return .vector(Vector(run.sharpness))
    case "sharpness_steps" where !run.sharpnessSteps.isEmpty:
      return .vector(Vector(run.sharpnessSteps.map(Double.init)))
    default: return nil
    }
  }

  /// The summary table the text form (and, without a curve, the HTML form) shows.
  private var table: Value {
    let fields = memberNames.compactMap { name in member(name).map { Record.Field(name, $0) } }
    return .record(Record(typeName: typeName, fields: fields, unlisted: Set(unlisted)))
  }

  public var plainText: String { table.plainText }

  /// The loss curve as a PNG, drawn while `cancellation` (the host's stop flag) is clear;
  /// without one (no finite loss, a drawing that failed, whose reason is reported, or one
  /// that was stopped) the summary table as HTML.
  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    guard let figure = lossFigure else { return Rendering(data: ["text/html": tableHTML]) }
    var made = FigureValue.pngRendering(of: figure, what: "the loss curve", cancellation: cancellation)
    if made.data["image/png"] == nil { made.data["text/html"] = tableHTML }
    return made
  }

  private var tableHTML: String { table.representations["text/html"] ?? "" }

  public var metadata: [String: [String: Int]] {
    guard let figure = lossFigure else { return [:] }
    let (w, h) = figure.pixelSize()
    return ["image/png": ["width": w, "height": h]]
  }
}

/// The last run of each session, so an interrupted run stays reachable (`last_run()`).
///
/// Why a side table: a cell that fails (an interrupt is a failure) commits none of its
/// variables, so the partial run cannot be stored as one; it is kept here, keyed by the
/// session's cancellation flag (one per runtime), and read back by the `last_run` builtin.
enum LastRunStore {
  private struct Entry {
    weak var owner: CancellationFlag?
    var value: RunValue
  }
  private static let table = Mutex<[ObjectIdentifier: Entry]>([:])

  static func store(_ value: RunValue, for owner: CancellationFlag) {
    table.withLock { t in
      t = t.filter { $0.value.owner != nil }
      t[ObjectIdentifier(owner)] = Entry(owner: owner, value: value)
    }
  }

  static func value(for owner: CancellationFlag) -> RunValue? {
    table.withLock { t in
      guard let e = t[ObjectIdentifier(owner)], e.owner === owner else { return nil }
      return e.value
    }
  }
}
