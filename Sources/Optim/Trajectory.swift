/// The result of one `minimize` run: every iterate, its loss and gradient norm, the moves
/// taken, and why the run stopped. A diverging or interrupted run is a trajectory too.
public struct Trajectory: Sendable {
  /// Why a run ended.
  public enum Stop: Sendable, Equatable {
    /// All requested steps were taken.
    case completed
    /// ‖∇L‖ fell below the tolerance at the last iterate.
    case converged(tolerance: Double)
    /// The iterate at `step` had a non-finite loss, gradient or coordinate; `what` names it.
    case diverged(step: Int, what: String)
    /// The cancellation flag was set; the run stopped before `step`.
    case interrupted(step: Int)
  }

  public let optimizer: Optimizer
  public let dimension: Int
  /// Iterates θ⁰, θ¹, … row-major, `dimension` per row, one row per kept iterate (see
  /// `iterations`); empty when the record policy keeps no iterates.
  public internal(set) var points: [Double] = []
  /// L(θⁱ) per recorded iterate.
  public internal(set) var losses: [Double] = []
  /// ‖∇L(θⁱ)‖ (without noise) per recorded iterate.
  public internal(set) var gradientNorms: [Double] = []
  /// The moves θⁱ⁺¹ − θⁱ of the recorded steps (for momentum these are the mⁱ⁺¹), row-major;
  /// row r is the move into the iterate of row r + 1 (the last step's move when rows are
  /// thinned). Empty when the record policy keeps no iterates.
  public internal(set) var moves: [Double] = []
  /// The steps at which a `SharpnessProbe` read λmax (0, k, 2k, …), and λmax at each; empty
  /// without a probe.
  public internal(set) var sharpnessSteps: [Int] = []
  public internal(set) var sharpness: [Double] = []
  /// What the run kept (the policy asked for, or a thinner one that fits memory).
  public internal(set) var recordPolicy = RecordPolicy.standard
  /// How the asked record was cut to fit memory, or nil when it was kept as asked.
  public internal(set) var recordReduction: RecordReduction?
  /// The kept steps.
  var schedule = RowSchedule(.evenly(maxRows: 1), steps: 0)
  var lastIteration = 0

  /// Rows are every `stride`-th iterate, plus the last, for even record policies; 1 for the
  /// geometric one (use `iterations`, which is right for every policy).
  public var stride: Int { schedule.growth == 0 ? schedule.stride : 1 }

  /// The step of each recorded row, increasing: the policy's kept steps, then the last.
  public var iterations: [Int] {
    schedule.steps(rows: max(0, recordedCount - 1)) + (recordedCount > 0 ? [lastIteration] : [])
  }
  /// Steps actually taken.
  public internal(set) var steps = 0
  public internal(set) var stop = Stop.completed

  init(optimizer: Optimizer, dimension: Int) {
    self.optimizer = optimizer
    self.dimension = dimension
  }

  /// The number of recorded iterates (rows of `points`).
  public var recordedCount: Int { losses.count }

  /// The last iterate (kept whatever the record policy).
  public internal(set) var finalPoint: [Double] = []

  /// The last recorded loss.
  public var finalLoss: Double { losses.last ?? .nan }

  /// Whether the run ended by reaching NaN/∞.
  public var diverged: Bool {
    if case .diverged = stop { return true }
    return false
  }
}
