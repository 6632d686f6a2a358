import Dispatch
import MathCore

/// The state of one running descent: raw buffers and the per-step update.
///
/// Hot loop: `run` and `step` are longer than the usual 40 lines on purpose, to keep the
/// whole step visible and free of calls that could allocate.
struct Loop {
  let objective: GradientObjective
  let optimizer: Optimizer
  let n: Int
  /// θ, g, m (first moment / momentum), v (Adam's second moment), look-ahead, move.
  let theta, g, m, v, look, move: UnsafeMutablePointer<Double>
  let options: MinimizeOptions
  let stride: Int
  let cancellation: CancellationFlag?
  let progress: ((MinimizeProgress) -> Void)?
  var rng: SeededGenerator
  /// β₁ᵗ and β₂ᵗ for Adam's bias correction.
  var beta1Power = 1.0
  var beta2Power = 1.0

  init(
    objective: GradientObjective, optimizer: Optimizer, n: Int,
    buffers: UnsafeMutablePointer<Double>, options: MinimizeOptions, stride: Int,
    cancellation: CancellationFlag?, progress: ((MinimizeProgress) -> Void)?
  ) {
    self.objective = objective
    self.optimizer = optimizer
    self.n = n
    let w = max(n, 1)
    (theta, g, m, v, look, move) = (
      buffers, buffers + w, buffers + 2 * w, buffers + 3 * w, buffers + 4 * w, buffers + 5 * w
    )
    self.options = options
    self.stride = stride
    self.cancellation = cancellation
    self.progress = progress
    rng = SeededGenerator(seed: options.seed)
  }

  /// L(θ) into the return value, ∇L(θ) into `g`, and ‖∇L(θ)‖² (the square root is taken
  /// only when reporting, off the step's dependency chain).
  @inline(__always)
  func evaluate() -> (Double, Double) {
    let loss = objective.evaluate(theta, gradient: g)
    var s = 0.0
    for i in 0..<n { s += g[i] * g[i] }
    return (loss, s)
  }

  /// Whether every component of `g` is finite (‖g‖ may overflow while they all are).
  func gradientIsFinite() -> Bool {
    for i in 0..<n where !g[i].isFinite { return false }
    return true
  }

  /// Steps until the step budget, convergence, divergence or an interrupt.
  mutating func run(steps: Int, recorder: inout Recorder, into run: inout Trajectory) {
    let started = DispatchTime.now().uptimeNanoseconds
    var nextReport = Minimizer.progressDelay
    let tolerance2 = options.tolerance * options.tolerance
    var (loss, norm2) = evaluate()
    recorder.append(0, theta: theta, move: move, loss: loss, squaredNorm: norm2)
    var k = 0
    var lastRecorded = 0
    var untilRecord = stride  // a countdown instead of k % stride (no division per step)
    while true {
      if !loss.isFinite || (!norm2.isFinite && !gradientIsFinite()) {
        let what =
          loss.isNaN
          ? "the loss is NaN" : !loss.isFinite ? "the loss is ∞" : "the gradient is not finite"
        run.stop = .diverged(step: k, what: what)
        break
      }
      if options.tolerance > 0, norm2 < tolerance2 {
        run.stop = .converged(tolerance: options.tolerance)
        break
      }
      if k == steps { break }
      if k & 63 == 0, let flag = cancellation, flag.isSet {
        run.stop = .interrupted(step: k)
        break
      }
      if k & 255 == 0, let progress {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        if elapsed >= nextReport {
          nextReport = elapsed + Minimizer.progressInterval
          var report = MinimizeProgress(
            step: k, steps: steps, loss: loss, gradientNorm: norm2.squareRoot(),
            point: Array(UnsafeBufferPointer(start: theta, count: n)), elapsed: elapsed)
          recorder.fillHistory(of: &report, stride: stride)
          progress(report)
        }
      }
      step(k)
      k += 1
      (loss, norm2) = evaluate()
      untilRecord -= 1
      if untilRecord == 0 {
        untilRecord = stride
        recorder.append(k, theta: theta, move: move, loss: loss, squaredNorm: norm2)
        lastRecorded = k
      }
    }
    if lastRecorded != k {
      recorder.append(k, theta: theta, move: move, loss: loss, squaredNorm: norm2)
    }
    run.steps = k
  }

  /// One update θ ← θ + move from the gradient in `g` (noise added here). gd and momentum
  /// update θ in the same pass (a value kept in a register, not re-read from `move`).
  @inline(__always)
  mutating func step(_ k: Int) {
    if options.noise > 0 {
      for i in 0..<n { g[i] += options.noise * rng.nextNormal() }
    }
    switch optimizer {
    case .gd(let lr):
      for i in 0..<n {
        let d = -lr * g[i]
        move[i] = d
        theta[i] += d
      }
      return
    case .momentum(let lr, let lambda):
      for i in 0..<n {
        let mi = lambda * m[i] - lr * g[i]
        m[i] = mi
        move[i] = mi
        theta[i] += mi
      }
      return
    case .nesterov(let lr, let lambda):
      for i in 0..<n { look[i] = theta[i] + lambda * m[i] }
      _ = objective.evaluate(look, gradient: g)
      if options.noise > 0 {
        for i in 0..<n { g[i] += options.noise * rng.nextNormal() }
      }
      for i in 0..<n {
        m[i] = lambda * m[i] - lr * g[i]
        move[i] = m[i]
      }
    case .adam(let lr, let b1, let b2, let eps):
      beta1Power *= b1
      beta2Power *= b2
      for i in 0..<n {
        m[i] = b1 * m[i] + (1 - b1) * g[i]
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
        let mHat = m[i] / (1 - beta1Power)
        let vHat = v[i] / (1 - beta2Power)
        move[i] = -lr * mHat / (vHat.squareRoot() + eps)
      }
    }
    for i in 0..<n { theta[i] += move[i] }
  }
}
