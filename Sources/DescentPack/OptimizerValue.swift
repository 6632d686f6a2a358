import Language
import MathCore
import Optim

/// An optimizer as a value (`gd(lr: 0.05)`, `momentum(lr: 0.05, lambda: 0.9)`): it holds the
/// `Optimizer`, shows itself as a table of its kind and hyper-parameters, and has them as
/// members (`o.lr`); `minimize(…, optimizer: o)` takes the optimizer it holds.
public struct OptimizerValue: CustomValue {
  public let optimizer: Optimizer

  public init(_ optimizer: Optimizer) { self.optimizer = optimizer }

  public var typeName: String { "optimizer" }

  /// Kind and hyper-parameters, in the table's order (`OptimizerKind.spec`).
  private var fields: [Record.Field] {
    let hyper = zip(optimizer.kind.spec.parameters, optimizer.values).map { Record.Field($0.name, .number($1)) }
    return [Record.Field("kind", .text(optimizer.name))] + hyper
  }

  private var table: Value { .record(Record(typeName: typeName, fields: fields)) }

  public var plainText: String { table.plainText }
  public func rendered(cancellation: CancellationFlag?) -> Rendering { Rendering(data: table.representations) }
  public var memberNames: [String] { fields.map(\.name) }
  public func member(_ name: String) -> Value? { fields.first { $0.name == name }?.value }
}

/// The text of a run's ending, shared by its value, its progress line and its last status line.
enum RunText {
  /// One line saying how the run ended: "completed 100 steps", "diverged at step 12: …".
  static func status(_ run: Trajectory, hint: String?) -> String {
    ending(run, hint: hint) + (run.recordReduction.map { "; \($0.description)" } ?? "")
  }

  /// How the run ended, without the note on a record thinned to fit memory.
  private static func ending(_ run: Trajectory, hint: String?) -> String {
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

  /// Why the run stopped, as the `stopped` member: "steps", "tol", "diverged", "interrupted".
  static func stopped(_ stop: Trajectory.Stop) -> String {
    switch stop {
    case .completed: return "steps"
    case .converged: return "tol"
    case .diverged: return "diverged"
    case .interrupted: return "interrupted"
    }
  }
}
