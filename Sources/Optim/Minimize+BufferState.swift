import Autodiff
import MathCore

/// The descent state for any n: θ, g, the look-ahead point and the move in raw buffers
/// allocated before the loop, the optimizer's own state and rule in an `OptimizerState`
/// (the same code networks step with), the objective queried through its pointer form.
struct BufferState: DescentState {
  let objective: GradientObjective
  /// The rule and its m, v, t.
  let rule: OptimizerState<Double>
  /// Whether the gradient is taken at a look-ahead point (Nesterov).
  let looksAhead: Bool
  let n: Int
  /// θ, g, the look-ahead point, the move.
  let theta, g, look, move: UnsafeMutablePointer<Double>

  /// The doubles of scratch space `init` needs for n parameters.
  static func bufferCount(_ n: Int) -> Int { 4 * max(n, 1) }

  /// Uses `buffers` (`bufferCount(n)` doubles, zeroed) with θ set from `start`.
  init(
    objective: GradientObjective, optimizer: Optimizer, start: [Double],
    buffers: UnsafeMutablePointer<Double>
  ) {
    self.objective = objective
    n = start.count
    rule = OptimizerState(optimizer: optimizer, count: n)
    looksAhead = rule.needsLookAhead
    let w = max(n, 1)
    (theta, g, look, move) = (buffers, buffers + w, buffers + 2 * w, buffers + 3 * w)
    for i in 0..<n { theta[i] = start[i] }
  }

  @inline(__always)
  func evaluate() -> (Double, Double) {
    let loss = objective.evaluate(theta, gradient: g)
    var s = 0.0
    for i in 0..<n { s += g[i] * g[i] }
    return (loss, s)
  }

  func gradientIsFinite() -> Bool {
    for i in 0..<n where !g[i].isFinite { return false }
    return true
  }

  func gradientIsZero() -> Bool {
    for i in 0..<n where g[i] != 0 { return false }
    return true
  }

  var point: [Double] { Array(UnsafeBufferPointer(start: theta, count: n)) }

  var gradient: [Double] { Array(UnsafeBufferPointer(start: g, count: n)) }

  @inline(__always)
  func record(_ k: Int, loss: Double, squaredNorm: Double, into recorder: inout Recorder) {
    recorder.append(k, theta: theta, move: move, loss: loss, squaredNorm: squaredNorm)
  }

  /// Noise is drawn for the gradient at θ first, also for Nesterov, whose gradient is then
  /// replaced by the one at the look-ahead point with fresh noise: the register state draws
  /// the same stream, so noisy runs agree bit for bit too.
  @inline(__always)
  mutating func step(noise: Double, rng: inout SeededGenerator) {
    if noise > 0 { addNoise(noise, &rng) }
    if looksAhead {
      rule.lookAhead(
        parameters: UnsafeBufferPointer(start: theta, count: n),
        into: UnsafeMutableBufferPointer(start: look, count: n))
      _ = objective.evaluate(look, gradient: g)
      if noise > 0 { addNoise(noise, &rng) }
    }
    rule.step(
      parameters: UnsafeMutableBufferPointer(start: theta, count: n),
      gradient: UnsafeBufferPointer(start: g, count: n),
      moves: UnsafeMutableBufferPointer(start: move, count: n))
  }

  /// Adds σ·N(0, 1) to each component of g, in order.
  @inline(__always)
  private func addNoise(_ noise: Double, _ rng: inout SeededGenerator) {
    for i in 0..<n { g[i] += noise * rng.nextNormal() }
  }
}
