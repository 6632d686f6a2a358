import MathCore
import Optim
import Synchronization

/// Runs and optimizers as language values: both are records, so they display as tables,
/// expose their parts as members (`run.final`, `run.loss`) and need no new `Value` case.
public enum OptimValues {
  static let optimizerType = "optimizer"
  /// The type name of run records; the session recognises runs by it to draw their loss curve.
  public static let runType = "run"

  /// An optimizer as a record whose fields are its kind and hyper-parameters.
  static func value(_ o: Optimizer) -> Value {
    var fields = [Record.Field("kind", .text(o.name)), Record.Field("lr", .number(o.learningRate))]
    switch o {
    case .gd: break
    case .momentum(_, let l), .nesterov(_, let l): fields.append(Record.Field("lambda", .number(l)))
    case .adam(_, let b1, let b2, let e):
      fields += [
        Record.Field("beta1", .number(b1)), Record.Field("beta2", .number(b2)),
        Record.Field("epsilon", .number(e)),
      ]
    }
    return .record(Record(typeName: optimizerType, fields: fields))
  }

  /// The optimizer a record made by `gd(lr:)`, `momentum(lr:, lambda:)`, … stands for.
  static func optimizer(_ value: Value?) -> Optimizer? {
    guard case .record(let r)? = value, r.typeName == optimizerType,
      case .text(let kind)? = r["kind"], case .number(let lr)? = r["lr"]
    else { return nil }
    func n(_ name: String) -> Double {
      if case .number(let x)? = r[name] { return x }
      return .nan
    }
    switch kind {
    case "gd": return .gd(lr: lr)
    case "momentum": return .momentum(lr: lr, lambda: n("lambda"))
    case "nesterov": return .nesterov(lr: lr, lambda: n("lambda"))
    case "adam": return .adam(lr: lr, beta1: n("beta1"), beta2: n("beta2"), epsilon: n("epsilon"))
    default: return nil
    }
  }

  /// One line saying how the run ended: "completed 100 steps", "diverged at step 12: …".
  static func status(_ run: Trajectory, hint: String?) -> String {
    let f = NumberFormat.plain
    switch run.stop {
    case .completed:
      return "completed \(run.steps) steps; loss \(f(run.finalLoss)), ‖g‖ \(f(run.gradientNorms.last ?? .nan))"
    case .converged(let tol):
      return
        "converged after \(run.steps) steps: ‖g‖ = \(f(run.gradientNorms.last ?? .nan)) < tol = \(f(tol)); loss \(f(run.finalLoss))"
    case .diverged(let step, let what):
      return "diverged at step \(step): \(what)" + (hint.map { "; \($0)" } ?? "")
    case .interrupted(let step):
      return "interrupted after \(step) steps; loss \(f(run.finalLoss))"
    }
  }

  /// A run as a record: a short summary (status, optimizer, start, final) shown, and the
  /// numbers and arrays as members the display only names.
  static func value(_ run: Trajectory, start: [Double], hint: String?) -> Value {
    let n = run.dimension
    let rows = run.recordedCount
    let stopped: String
    switch run.stop {
    case .completed: stopped = "steps"
    case .converged: stopped = "tol"
    case .diverged: stopped = "diverged"
    case .interrupted: stopped = "interrupted"
    }
    let fields = [
      Record.Field("status", .text(status(run, hint: hint))),
      Record.Field("optimizer", .text(run.optimizer.description(NumberFormat.plain))),
      Record.Field("start", .vector(Vector(start))),
      Record.Field("final", .vector(Vector(run.finalPoint))),
      Record.Field("steps", .number(Double(run.steps))),
      Record.Field("final_loss", .number(run.finalLoss)),
      Record.Field("stopped", .string(stopped)),
      Record.Field("points", .matrix(Matrix(rows: rows, columns: n, elements: run.points))),
      Record.Field("loss", .vector(Vector(run.losses))),
      Record.Field("grad_norm", .vector(Vector(run.gradientNorms))),
      Record.Field(
        "moves", .matrix(Matrix(rows: run.moves.count / max(n, 1), columns: n, elements: run.moves))),
      Record.Field("stride", .number(Double(run.stride))),
      Record.Field("diverged", .bool(run.diverged)),
    ]
    return .record(Record(typeName: runType, fields: fields, unlisted: unlistedRunFields))
  }

  /// Members of a run that its display names but does not show.
  static let unlistedRunFields: Set<String> = [
    "steps", "final_loss", "stopped", "points", "loss", "grad_norm", "moves", "stride", "diverged",
  ]
}

/// The last run of each session, so an interrupted run stays reachable (`last_run()`).
///
/// Why a side table: a cell that fails (an interrupt is a failure) commits none of its
/// variables, so the partial run cannot be stored as one; it is kept here, keyed by the
/// session's cancellation flag (one per runtime), and read back by the `last_run` builtin.
enum LastRunStore {
  private struct Entry {
    weak var owner: CancellationFlag?
    var value: Value
  }
  private static let table = Mutex<[ObjectIdentifier: Entry]>([:])

  static func store(_ value: Value, for owner: CancellationFlag) {
    table.withLock { t in
      t = t.filter { $0.value.owner != nil }
      t[ObjectIdentifier(owner)] = Entry(owner: owner, value: value)
    }
  }

  static func value(for owner: CancellationFlag) -> Value? {
    table.withLock { t in
      guard let e = t[ObjectIdentifier(owner)], e.owner === owner else { return nil }
      return e.value
    }
  }
}
