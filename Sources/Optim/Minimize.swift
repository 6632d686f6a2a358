import Dispatch
import MathCore

/// Options of one `minimize` run.
public struct MinimizeOptions: Sendable {
  /// The most steps to take.
  public var steps: Int
  /// Stop as soon as ‖∇L‖ < tol (0 never stops early).
  public var tolerance: Double = 0
  /// Standard deviation σ of Gaussian noise added to each gradient component (0 = exact).
  public var noise: Double = 0
  /// Seed of the noise stream; the same seed gives the same run.
  public var seed: UInt64 = 0
  /// At most this many rows are recorded; longer runs keep every k-th iterate.
  public var maxRecorded = 200_000
  /// Whether n ≤ 4 runs in registers (`RegisterState`); tests turn it off to compare the
  /// two states' runs.
  var registers = true

  public init(steps: Int, tolerance: Double = 0, noise: Double = 0, seed: UInt64 = 0) {
    self.steps = steps
    self.tolerance = tolerance
    self.noise = noise
    self.seed = seed
  }
}

/// A progress report handed to the observer of a long run.
public struct MinimizeProgress: Sendable {
  public var step: Int
  public var steps: Int
  public var loss: Double
  public var gradientNorm: Double
  public var point: [Double]
  /// Seconds since the run started.
  public var elapsed: Double
  /// The run so far, thinned to at most `historyLimit` rows (always with the first and the
  /// newest): iteration index, loss and iterate of each row, for a live plot.
  public var iterations: [Int] = []
  public var losses: [Double] = []
  /// Iterates of those rows, row-major, `point.count` per row.
  public var points: [Double] = []

  /// The most rows a progress report carries (a live plot needs no more).
  public static let historyLimit = 1_000

  /// The rows of `count` recorded ones a report carries: every k-th, so at most
  /// `historyLimit`, plus the newest.
  public static func historyRows(_ count: Int) -> [Int] {
    guard count > 0 else { return [] }
    let every = max(1, (count + historyLimit - 1) / historyLimit)
    var rows = Array(stride(from: 0, to: count, by: every))
    if rows.last != count - 1 { rows.append(count - 1) }
    return rows
  }
}

/// The one descent loop behind `minimize`, `gd(L, …)` and `momentum(L, …)`.
///
/// Design note: the control loop (`Loop`) is generic over where the state lives. For
/// 1 ≤ n ≤ 4, `RegisterState` keeps θ, ∇L, the optimizer state and the move as SIMD2 or SIMD4
/// values and asks the objective for L and ∇L in registers (`evaluate(_: SIMD2<Double>)`,
/// `evaluate(_: SIMD4<Double>)`), so the
/// θ → ∇L → m → θ chain never goes through memory; otherwise `BufferState` works on a few
/// unsafe buffers allocated before the loop. Either way rows go straight into arrays whose
/// capacity is reserved up front, so a step allocates nothing, and the two states give
/// bit-for-bit identical runs (same operations, same order, lane by lane). The optimizer
/// is switched on once per step (a predictable branch). Checks that cost a clock read
/// (progress) run every 256 steps; the cancellation flag, one atomic load, every 64.
/// Rejected: an optimizer protocol with a virtual `step` (no faster, and state would move
/// into the value), recording into Matrix/Vector values per step (allocates), and the
/// buffer state for small n (θ, g and m stored and reloaded every step: about 2× slower on
/// the lecture's 10,000-step run).
public enum Minimizer {
  /// Progress is first reported after this many seconds, then at most every `progressInterval`.
  public static let progressDelay = 0.5
  public static let progressInterval = 0.2

  /// Runs `optimizer` on `objective` from `start`. Never throws: divergence and interrupts
  /// end the run and are recorded in `Trajectory.stop`.
  ///
  /// - Precondition: `start.count == objective.dimension` and `optimizer.problem == nil`
  ///   (callers validate user input first).
  public static func run(
    _ objective: GradientObjective, from start: [Double], optimizer: Optimizer,
    options: MinimizeOptions, cancellation: CancellationFlag? = nil,
    progress: ((MinimizeProgress) -> Void)? = nil
  ) -> Trajectory {
    let n = objective.dimension
    precondition(start.count == n, "start point has the wrong dimension")
    precondition(optimizer.problem == nil, "invalid optimizer")
    let steps = max(0, options.steps)
    let stride = max(1, (steps + options.maxRecorded) / max(1, options.maxRecorded))
    var run = Trajectory(optimizer: optimizer, dimension: n)
    if (1...2).contains(n) && options.registers {
      let state = RegisterState<SIMD2<Double>>(
        objective: objective, optimizer: optimizer, start: start)
      record(
        Loop(
          state: state, options: options, stride: stride, cancellation: cancellation,
          progress: progress), steps: steps, stride: stride, into: &run)
    } else if (3...4).contains(n) && options.registers {
      let state = RegisterState<SIMD4<Double>>(
        objective: objective, optimizer: optimizer, start: start)
      record(
        Loop(
          state: state, options: options, stride: stride, cancellation: cancellation,
          progress: progress), steps: steps, stride: stride, into: &run)
    } else {
      let count = BufferState.bufferCount(n)
      let buffers = UnsafeMutablePointer<Double>.allocate(capacity: count)
      buffers.initialize(repeating: 0, count: count)
      defer { buffers.deallocate() }
      let state = BufferState(
        objective: objective, optimizer: optimizer, start: start, buffers: buffers)
      record(
        Loop(
          state: state, options: options, stride: stride, cancellation: cancellation,
          progress: progress), steps: steps, stride: stride, into: &run)
    }
    return run
  }

  /// Runs `loop`, recording rows straight into the storage of `run`'s arrays.
  private static func record<State: DescentState>(
    _ loop: Loop<State>, steps: Int, stride: Int, into run: inout Trajectory
  ) {
    var loop = loop
    let n = run.dimension
    let rows = steps / stride + 2
    var count = 0
    var last = 0
    run.points = Array(unsafeUninitializedCapacity: rows * n) { points, pointCount in
      run.moves = Array(unsafeUninitializedCapacity: rows * n) { moves, moveCount in
        run.losses = Array(unsafeUninitializedCapacity: rows) { losses, lossCount in
          run.gradientNorms = Array(unsafeUninitializedCapacity: rows) { norms, normCount in
            var recorder = Recorder(
              n: n, capacity: rows, points: points, moves: moves, losses: losses, norms: norms)
            loop.run(steps: steps, recorder: &recorder, into: &run)
            recorder.finish()
            (count, last) = (recorder.count, recorder.lastIteration)
            normCount = count
          }
          lossCount = count
        }
        moveCount = (count - 1) * n
      }
      pointCount = count * n
    }
    run.stride = stride
    run.lastIteration = last
  }
}
