import Dispatch
import MathCore

/// What the descent loop steps: θ, ∇L(θ) and the optimizer state, kept either in buffers
/// (`BufferState`, any n) or in SIMD4 registers (`RegisterState`, n ≤ 4).
///
/// Design note: the loop is generic over the state and specialized for each (one module), so
/// the control logic (divergence, tol, interrupts, progress, recording) is written once and
/// the register state's step compiles to straight-line vector code with no memory round trip
/// on the θ → ∇L → m → θ dependency chain. Both states do the same floating-point operations
/// in the same order, lane by lane, so their runs are bit-for-bit identical.
protocol DescentState {
  /// Evaluates at θ, keeps ∇L(θ) for the next step and returns L(θ) and ‖∇L(θ)‖² (the
  /// square root is taken only when reporting, off the step's dependency chain).
  mutating func evaluate() -> (Double, Double)
  /// Whether every component of ∇L(θ) is finite (‖g‖ may overflow while they all are).
  func gradientIsFinite() -> Bool
  /// Whether every component of ∇L(θ) is ±0, so ‖∇L(θ)‖ is 0 with no scaled recomputation
  /// (a run at a flat point has ‖g‖² = 0 on every step, which is not an accurate square).
  func gradientIsZero() -> Bool
  /// ∇L(θ) as an array (for the scaled norm, off the hot path).
  var gradient: [Double] { get }
  /// One update θ ← θ + move from the kept gradient, with noise σ from `rng` when σ > 0.
  mutating func step(noise: Double, rng: inout SeededGenerator)
  /// Records iterate `k` (θ, the move into it, L and ‖∇L‖ from ‖∇L‖²).
  func record(_ k: Int, loss: Double, squaredNorm: Double, into recorder: inout Recorder)
  /// θ as an array (for progress reports).
  var point: [Double] { get }
}

/// One running descent: the control logic around a `DescentState`.
///
/// Hot loop: `steps` is longer than the usual 40 lines on purpose, to keep the whole step
/// visible and free of calls that could allocate.
struct Loop<State: DescentState> {
  var state: State
  let options: MinimizeOptions
  let schedule: RowSchedule
  let cancellation: CancellationFlag?
  let sharpness: SharpnessProbe?
  let progress: ((MinimizeProgress) -> Void)?
  var rng: SeededGenerator

  init(
    state: State, options: MinimizeOptions, schedule: RowSchedule,
    cancellation: CancellationFlag?, sharpness: SharpnessProbe?, progress: ((MinimizeProgress) -> Void)?
  ) {
    self.state = state
    self.options = options
    self.schedule = schedule
    self.cancellation = cancellation
    self.sharpness = sharpness
    self.progress = progress
    rng = SeededGenerator(seed: options.seed)
  }

  /// Steps until the step budget, convergence, divergence or an interrupt.
  ///
  /// Two copies of the loop are compiled from one body (`steps(_:everyStep:…)` with a
  /// constant flag): one for the common run that records every step and reads no sharpness,
  /// with no countdown and no reading check, and one for everything else. Why: every value
  /// the loop keeps live beyond θ's chain is a register taken, and past about a dozen the
  /// compiler spills the loop's counters to the stack and reloads them every step; the
  /// general loop's countdown, stride and reading step cost the lecture's 10,000-step
  /// momentum run about 1.5 ns per step (10%).
  mutating func run(steps: Int, recorder: inout Recorder, into run: inout Trajectory) {
    let everyStep = schedule.growth == 0 && schedule.dense == 0 && schedule.stride == 1 && sharpness == nil
    if everyStep {
      self.steps(steps, everyStep: true, recorder: &recorder, into: &run)
    } else {
      self.steps(steps, everyStep: false, recorder: &recorder, into: &run)
    }
  }

  /// The loop; `everyStep` (a constant at each call) records every step and reads no sharpness.
  ///
  /// The state, the generator and the recorder are copied to locals for the loop: as stored
  /// properties of `self` or behind the `inout` (in memory, behind the opaque objective call)
  /// they would be stored and reloaded every step, on the dependency chain.
  @inline(__always)
  private mutating func steps(
    _ steps: Int, everyStep: Bool, recorder recorderInOut: inout Recorder, into run: inout Trajectory
  ) {
    var state = self.state
    var rng = self.rng
    var recorder = recorderInOut
    defer { (self.state, self.rng, recorderInOut) = (state, rng, recorder) }
    let started = DispatchTime.now().uptimeNanoseconds
    var nextReport = Minimizer.progressDelay
    let tolerance = options.tolerance
    // ‖g‖² < tol² decides ‖g‖ < tol exactly when tol² is an ordinary number (an overflowed
    // ‖g‖² is then above it, an underflowed one below); other tolerances compare the scaled norm.
    let tolerance2 = tolerance * tolerance
    let squaresDecide = GradientNorm.squaresDecide(tolerance)
    let noise = options.noise
    var (loss, norm2) = state.evaluate()
    state.recordRow(0, loss: loss, squaredNorm: norm2, into: &recorder)
    var k = 0
    // A countdown to the next kept step (no division, no schedule call per step); even
    // schedules reload the stride, others ask `gap(after:)` out of line, so the schedule's
    // fields take no registers in the loop (that cost about 0.7 ns per step).
    let evenStride = schedule.growth == 0 && schedule.dense == 0 ? schedule.stride : 0
    var untilRecord = everyStep ? 1 : schedule.next(after: 0)
    // The next step whose λmax is read; never without a probe.
    var nextReading = everyStep || sharpness == nil ? Int.max : read(0, at: state.point, into: &run)
    while true {
      if !loss.isFinite || (!norm2.isFinite && !state.gradientIsFinite()) {
        let what =
          loss.isNaN
          ? "the loss is NaN"
          : loss == -.infinity ? "the loss is −∞" : !loss.isFinite ? "the loss is ∞" : "the gradient is not finite"
        run.stop = .diverged(step: k, what: what)
        break
      }
      if tolerance > 0, squaresDecide ? norm2 < tolerance2 : state.gradientNorm(squared: norm2) < tolerance {
        run.stop = .converged(tolerance: tolerance)
        break
      }
      if k == steps { break }
      // The stop flag (one atomic load) every 64 steps, the clock every 256: one test per step.
      if k & 63 == 0 {
        if let flag = cancellation, flag.isSet {
          run.stop = .interrupted(step: k)
          break
        }
        if k & 255 == 0, let progress {
          let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
          if elapsed >= nextReport {
            nextReport = elapsed + Minimizer.progressInterval
            var report = MinimizeProgress(
              step: k, steps: steps, loss: loss, gradientNorm: state.gradientNorm(squared: norm2),
              point: state.point, elapsed: elapsed)
            recorder.fillHistory(of: &report)
            progress(report)
          }
        }
      }
      state.step(noise: noise, rng: &rng)
      k += 1
      (loss, norm2) = state.evaluate()
      if everyStep {
        state.recordRow(k, loss: loss, squaredNorm: norm2, into: &recorder)
      } else {
        untilRecord -= 1
        if untilRecord == 0 {
          untilRecord = evenStride > 0 ? evenStride : schedule.gap(after: k)
          state.recordRow(k, loss: loss, squaredNorm: norm2, into: &recorder)
        }
        if k == nextReading { nextReading = read(k, at: state.point, into: &run) }
      }
    }
    if recorder.lastIteration != k {
      state.recordRow(k, loss: loss, squaredNorm: norm2, into: &recorder)
    }
    run.steps = k
  }

  /// Reads λmax at step `k` into `run` and returns the next step to read (out of line: the
  /// loop's rare path).
  @inline(never)
  private func read(_ k: Int, at point: [Double], into run: inout Trajectory) -> Int {
    guard let sharpness else { return Int.max }
    run.sharpnessSteps.append(k)
    run.sharpness.append(sharpness.lambdaMax(point))
    let (next, overflow) = k.addingReportingOverflow(sharpness.every)
    return overflow ? Int.max : next
  }
}

extension DescentState {
  /// ‖∇L(θ)‖ from `squared` = Σgᵢ² when that sum lost nothing to overflow or underflow, else
  /// recomputed from the gradient scaled like `dnrm2` (`Vector.norm`): a gradient of 1e200
  /// has norm 1e200, not ∞, and one of 1e-200 has norm 1e-200, not 0.
  ///
  /// A gradient of zeros (‖g‖² = 0, not accurate) has norm 0 with no copy of it: momentum's
  /// lecture run has g = 0 exactly on 9,299 of its 10,000 steps (from step 615), where
  /// building the array and its scaled norm tripled the run's time.
  func gradientNorm(squared: Double) -> Double {
    if GradientNorm.isAccurate(squared) { return squared.squareRoot() }
    return squared == 0 && gradientIsZero() ? 0 : Vector(gradient).norm
  }

  /// Records iterate `k`, with the scaled ‖∇L‖ when its square over- or underflowed.
  @inline(__always)
  func recordRow(_ k: Int, loss: Double, squaredNorm: Double, into recorder: inout Recorder) {
    record(k, loss: loss, squaredNorm: squaredNorm, into: &recorder)
    if !GradientNorm.isAccurate(squaredNorm) {
      recorder.setNewestNorm(gradientNorm(squared: squaredNorm))
    }
  }
}

/// When the hot loop's ‖g‖² (a plain sum of squares, no scaling) can stand for ‖g‖.
enum GradientNorm {
  /// A sum of squares in [2⁻⁹⁰⁰, 2⁹⁰⁰] did not overflow, and lost at most 2⁻⁹⁶² to underflow
  /// (each of at most 2⁶⁰ underflowed squares is below 2⁻¹⁰²²), a relative 2⁻⁶²: its root is
  /// ‖g‖ to rounding.
  @inline(__always)
  static func isAccurate(_ squared: Double) -> Bool {
    squared >= 0x1p-900 && squared <= 0x1p900
  }

  /// Whether ‖g‖² < tol² decides ‖g‖ < tol: tol² in [2⁻⁹⁰⁰, 2⁹⁰⁰] (tol from about 3e-136 to
  /// 3e135), where a sum of squares that overflowed lies above it and one that underflowed
  /// below it.
  static func squaresDecide(_ tolerance: Double) -> Bool {
    isAccurate(tolerance * tolerance)
  }
}
