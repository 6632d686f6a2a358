import Autodiff
import MathCore

/// A vector of doubles the register state can keep θ in, with the objective's matching
/// register form: SIMD2 for n ≤ 2, SIMD4 for n ≤ 4.
protocol RegisterVector: SIMD, UpdateLane where Scalar == Double, Coefficient == Double {
  static func evaluate(_ objective: GradientObjective, at x: Self) -> (value: Double, gradient: Self)
}

extension SIMD2: RegisterVector where Scalar == Double {
  @inline(__always)
  static func evaluate(_ objective: GradientObjective, at x: Self) -> (value: Double, gradient: Self) {
    objective.evaluate(x)
  }
}

extension SIMD4: RegisterVector where Scalar == Double {
  @inline(__always)
  static func evaluate(_ objective: GradientObjective, at x: Self) -> (value: Double, gradient: Self) {
    objective.evaluate(x)
  }
}

/// The descent state for n ≤ 4: θ, g, the optimizer state and the move as SIMD2 (n ≤ 2) or
/// SIMD4 values (lanes ≥ n unused), the objective queried through its register form, so a
/// step is a few vector operations on registers and memory is touched only to record rows.
/// SIMD2 for n ≤ 2 halves the vector work (one SSE register per vector instead of two): on
/// the lecture's 10,000-step runs about a tenth less time than SIMD4.
///
/// The update is `UpdateRule`'s, the same function `BufferState` (through `OptimizerState`)
/// applies per coordinate, here on whole vectors, so the two states give bit-for-bit
/// identical runs. Lanes ≥ n may hold
/// anything (the objective leaves them unspecified); only lanes < n are read out.
struct RegisterState<V: RegisterVector>: DescentState {
  let objective: GradientObjective
  let optimizer: Optimizer
  let n: Int
  var theta: V
  var g = V.zero
  var m = V.zero
  var v = V.zero
  var move = V.zero
  /// β₁ᵗ and β₂ᵗ for Adam's bias correction.
  var beta1Power = 1.0
  var beta2Power = 1.0

  /// - Precondition: `1 <= start.count <= V.scalarCount`.
  init(objective: GradientObjective, optimizer: Optimizer, start: [Double]) {
    precondition(
      (1...V.scalarCount).contains(start.count), "the register state holds 1 to \(V.scalarCount) parameters")
    self.objective = objective
    self.optimizer = optimizer
    n = start.count
    theta = .zero
    for i in 0..<n { theta[i] = start[i] }
  }

  @inline(__always)
  mutating func evaluate() -> (Double, Double) {
    let (loss, gradient) = V.evaluate(objective, at: theta)
    g = gradient
    return (loss, squaredNorm(g))
  }

  /// g₀² + g₁² + … over the n live lanes, summed in the buffer state's order (0 + g₀² is
  /// g₀² exactly). Lanes are named by constants, never by a variable index, which would
  /// send the vector through the stack.
  @inline(__always)
  private func squaredNorm(_ g: V) -> Double {
    let q = g * g
    var s = q[0]
    if n > 1 { s += q[1] }
    if V.scalarCount > 2 && n > 2 { s += q[2] }
    if V.scalarCount > 3 && n > 3 { s += q[3] }
    return s
  }

  func gradientIsFinite() -> Bool {
    for i in 0..<n where !g[i].isFinite { return false }
    return true
  }

  /// Lanes by constants, as in `squaredNorm`.
  func gradientIsZero() -> Bool {
    var zero = g[0] == 0
    if n > 1 { zero = zero && g[1] == 0 }
    if V.scalarCount > 2 && n > 2 { zero = zero && g[2] == 0 }
    if V.scalarCount > 3 && n > 3 { zero = zero && g[3] == 0 }
    return zero
  }

  var point: [Double] { (0..<n).map { theta[$0] } }

  var gradient: [Double] { (0..<n).map { g[$0] } }

  @inline(__always)
  func record(_ k: Int, loss: Double, squaredNorm: Double, into recorder: inout Recorder) {
    recorder.append(k, theta: theta, move: move, loss: loss, squaredNorm: squaredNorm)
  }

  /// Adds σ·N(0, 1) to the n live lanes of g, lane by lane (the buffer state's stream),
  /// built in a vector of its own so g itself is never indexed by a variable.
  @inline(__always)
  private mutating func addNoise(_ noise: Double, _ rng: inout SeededGenerator) {
    var z = V.zero
    for i in 0..<n { z[i] = noise * rng.nextNormal() }
    g += z
  }

  @inline(__always)
  mutating func step(noise: Double, rng: inout SeededGenerator) {
    if noise > 0 { addNoise(noise, &rng) }
    switch optimizer {
    case .gd(let lr):
      move = UpdateRule.gd(g, lr: lr)
    case .momentum(let lr, let lambda):
      m = UpdateRule.momentum(g, m: m, lr: lr, lambda: lambda)
      move = m
    case .nesterov(let lr, let lambda):
      g = V.evaluate(objective, at: UpdateRule.lookAhead(theta, m: m, lambda: lambda)).gradient
      if noise > 0 { addNoise(noise, &rng) }
      m = UpdateRule.momentum(g, m: m, lr: lr, lambda: lambda)
      move = m
    case .adam(let lr, let b1, let b2, let eps):
      adamStep(lr: lr, beta1: b1, beta2: b2, epsilon: eps)
    }
    theta += move
  }

  /// Adam's moment update and move, out of line: its lane-by-lane square roots (an errno
  /// branch each) would otherwise split every vector of the hot step into scalars.
  @inline(never)
  private mutating func adamStep(lr: Double, beta1 b1: Double, beta2 b2: Double, epsilon: Double) {
    beta1Power *= b1
    beta2Power *= b2
    let c = AdamCoefficients<Double>(
      lr: lr, beta1: b1, beta2: b2, epsilon: epsilon, beta1Power: beta1Power,
      beta2Power: beta2Power)
    move = UpdateRule.adam(g, m: &m, v: &v, c)
  }
}
