import Autodiff
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
  /// Which iterates are kept and what a row holds (default: every iterate up to 200,000
  /// steps, evenly thinned beyond, with θ and moves).
  public var record = RecordPolicy.standard
  /// At most about this many rows are recorded; longer runs keep every k-th iterate (the
  /// even policy; setting it selects `.evenly(maxRows:)`).
  public var maxRecorded: Int {
    get {
      if case .evenly(let m) = record.rows { return m }
      return Int.max
    }
    set { record.rows = .evenly(maxRows: newValue) }
  }
  /// Whether n ≤ 4 runs in registers (`RegisterState`); tests turn it off to compare the
  /// two states' runs.
  var registers = true

  public init(
    steps: Int, tolerance: Double = 0, noise: Double = 0, seed: UInt64 = 0,
    record: RecordPolicy = .standard
  ) {
    self.steps = steps
    self.tolerance = tolerance
    self.noise = noise
    self.seed = seed
    self.record = record
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
  /// end the run and are recorded in `Trajectory.stop`. With `sharpness`, λmax is read at
  /// step 0 and every `sharpness.every` steps (`Trajectory.sharpness`).
  ///
  /// - Precondition: `start.count == objective.dimension` and `optimizer.problem == nil`
  ///   (callers validate user input first).
  public static func run(
    _ objective: GradientObjective, from start: [Double], optimizer: Optimizer,
    options: MinimizeOptions, cancellation: CancellationFlag? = nil, sharpness: SharpnessProbe? = nil,
    progress: ((MinimizeProgress) -> Void)? = nil
  ) -> Trajectory {
    let n = objective.dimension
    precondition(start.count == n, "start point has the wrong dimension")
    precondition(optimizer.problem == nil, "invalid optimizer")
    precondition(options.record.problem == nil, "invalid record policy")
    let steps = max(0, options.steps)
    // A record that would not fit memory is thinned first (`RecordPolicy.fitted`).
    let (policy, reduction) = options.record.fitted(steps: steps, dimension: n)
    let schedule = RowSchedule(policy.rows, steps: steps)
    var run = Trajectory(optimizer: optimizer, dimension: n)
    run.recordPolicy = policy
    run.recordReduction = reduction
    run.schedule = schedule
    func loop<State: DescentState>(_ state: State) -> Loop<State> {
      Loop(
        state: state, options: options, schedule: schedule, cancellation: cancellation,
        sharpness: sharpness, progress: progress)
    }
    if (1...2).contains(n) && options.registers {
      record(
        loop(RegisterState<SIMD2<Double>>(objective: objective, optimizer: optimizer, start: start)),
        steps: steps, into: &run)
    } else if (3...4).contains(n) && options.registers {
      record(
        loop(RegisterState<SIMD4<Double>>(objective: objective, optimizer: optimizer, start: start)),
        steps: steps, into: &run)
    } else {
      let count = BufferState.bufferCount(n)
      let buffers = UnsafeMutablePointer<Double>.allocate(capacity: count)
      buffers.initialize(repeating: 0, count: count)
      defer { buffers.deallocate() }
      record(
        loop(BufferState(objective: objective, optimizer: optimizer, start: start, buffers: buffers)),
        steps: steps, into: &run)
    }
    return run
  }

  /// Runs `loop`, recording rows straight into the storage of `run`'s arrays (θ and moves
  /// only when the policy keeps iterates), and keeps the final iterate.
  private static func record<State: DescentState>(
    _ loop: Loop<State>, steps: Int, into run: inout Trajectory
  ) {
    var loop = loop
    let n = run.dimension
    let rows = run.schedule.capacity(steps: steps)
    let width = run.recordPolicy.keepsIterates ? n : 0
    let (policy, schedule) = (run.recordPolicy, run.schedule)
    var count = 0
    var last = 0
    // Without iterates the arrays still hold one scratch row the recorder overwrites.
    let space = max(rows * width, n)
    run.points = Array(unsafeUninitializedCapacity: space) { points, pointCount in
      run.moves = Array(unsafeUninitializedCapacity: space) { moves, moveCount in
        run.losses = Array(unsafeUninitializedCapacity: rows) { losses, lossCount in
          run.gradientNorms = Array(unsafeUninitializedCapacity: rows) { norms, normCount in
            var recorder = Recorder(
              n: n, capacity: rows, policy: policy, schedule: schedule, points: points,
              moves: moves, losses: losses, norms: norms)
            loop.run(steps: steps, recorder: &recorder, into: &run)
            recorder.finish()
            (count, last) = (recorder.count, recorder.lastIteration)
            normCount = count
          }
          lossCount = count
        }
        moveCount = (count - 1) * width
      }
      pointCount = count * width
    }
    run.lastIteration = last
    run.finalPoint = loop.state.point
  }
}
