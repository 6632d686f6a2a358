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
  /// Iterates θ⁰, θ¹, … row-major, `dimension` per row (every `stride`-th when very long,
  /// always including the first and the last).
  public internal(set) var points: [Double] = []
  /// L(θⁱ) per recorded iterate.
  public internal(set) var losses: [Double] = []
  /// ‖∇L(θⁱ)‖ (without noise) per recorded iterate.
  public internal(set) var gradientNorms: [Double] = []
  /// The moves θⁱ⁺¹ − θⁱ of the recorded steps (for momentum these are the mⁱ⁺¹), row-major.
  public internal(set) var moves: [Double] = []
  /// Rows are every `stride`-th iterate, plus the last.
  public internal(set) var stride = 1
  var lastIteration = 0

  /// Iterate index of each recorded row (0, stride, 2·stride, …, last).
  public var iterations: [Int] {
    (0..<max(0, recordedCount - 1)).map { $0 * stride } + (recordedCount > 0 ? [lastIteration] : [])
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

  /// The last recorded iterate.
  public var finalPoint: [Double] { Array(points.suffix(dimension)) }

  /// The last recorded loss.
  public var finalLoss: Double { losses.last ?? .nan }

  /// Whether the run ended by reaching NaN/∞.
  public var diverged: Bool {
    if case .diverged = stop { return true }
    return false
  }
}
