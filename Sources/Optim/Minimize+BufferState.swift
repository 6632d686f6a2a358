import Autodiff
import MathCore

/// The descent state for any n: θ, g and the optimizer state in raw buffers allocated
/// before the loop, the objective queried through its pointer form.
struct BufferState: DescentState {
  let objective: GradientObjective
  let optimizer: Optimizer
  let n: Int
  /// θ, g, m (first moment / momentum), v (Adam's second moment), look-ahead, move.
  let theta, g, m, v, look, move: UnsafeMutablePointer<Double>
  /// β₁ᵗ and β₂ᵗ for Adam's bias correction.
  var beta1Power = 1.0
  var beta2Power = 1.0

  /// Uses `buffers` (6 · max(n, 1) doubles, zeroed) with θ set from `start`.
  init(
    objective: GradientObjective, optimizer: Optimizer, start: [Double],
    buffers: UnsafeMutablePointer<Double>
  ) {
    self.objective = objective
    self.optimizer = optimizer
    n = start.count
    let w = max(n, 1)
    (theta, g, m, v, look, move) = (
      buffers, buffers + w, buffers + 2 * w, buffers + 3 * w, buffers + 4 * w, buffers + 5 * w
    )
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

  var point: [Double] { Array(UnsafeBufferPointer(start: theta, count: n)) }

  @inline(__always)
  func record(_ k: Int, loss: Double, squaredNorm: Double, into recorder: inout Recorder) {
    recorder.append(k, theta: theta, move: move, loss: loss, squaredNorm: squaredNorm)
  }

  /// gd and momentum update θ in the same pass (a value kept in a register, not re-read
  /// from `move`).
  @inline(__always)
  mutating func step(noise: Double, rng: inout SeededGenerator) {
    if noise > 0 {
      for i in 0..<n { g[i] += noise * rng.nextNormal() }
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
      if noise > 0 {
        for i in 0..<n { g[i] += noise * rng.nextNormal() }
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
