import Autodiff
import Foundation
import MathCore
import Testing

@testable import Optim

/// Runs `steps` updates of `state` from `start` with the gradients `gradients[k]`
/// (one per step), returning θ after each step.
private func iterates<E: BinaryFloatingPoint>(
  _ state: OptimizerState<E>, from start: [E], gradients: [[E]]
) -> [[E]] {
  var theta = start
  var out: [[E]] = []
  for g in gradients {
    theta.withUnsafeMutableBufferPointer { p in
      g.withUnsafeBufferPointer { state.step(parameters: p, gradient: $0) }
    }
    out.append(theta)
  }
  return out
}

/// Gradients with exact binary values, so gd and momentum steps are exact in Float and Double.
private let gradients: [[Double]] = [[2, -4, 0.5], [1, 8, -0.25], [-3, 0.5, 1]]

/// The checks run for both element types: the hand-computed iterates below are dyadic
/// rationals, exact in Float too.
private func checkExactRules<E: BinaryFloatingPoint>(_: E.Type) {
  let g = gradients.map { $0.map { E($0) } }
  let start: [E] = [1, 1, 1]
  // gd, η = 1/2: θ¹ = θ⁰ − g⁰/2 = (0, 3, 0.75), θ² = θ¹ − g¹/2 = (−0.5, −1, 0.875),
  // θ³ = (1, −1.25, 0.375).
  let gd = iterates(OptimizerState<E>(optimizer: .gd(lr: 0.5), count: 3), from: start, gradients: g)
  #expect(gd == [[0, 3, 0.75], [-0.5, -1, 0.875], [1, -1.25, 0.375]])
  // momentum, η = 1/2, λ = 1/2: m¹ = −g⁰/2 = (−1, 2, −0.25), θ¹ = (0, 3, 0.75);
  // m² = m¹/2 − g¹/2 = (−1, −3, 0), θ² = (−1, 0, 0.75);
  // m³ = m²/2 − g²/2 = (1, −1.75, −0.5), θ³ = (0, −1.75, 0.25).
  let momentum = iterates(
    OptimizerState<E>(optimizer: .momentum(lr: 0.5, lambda: 0.5), count: 3), from: start,
    gradients: g)
  #expect(momentum == [[0, 3, 0.75], [-1, 0, 0.75], [0, -1.75, 0.25]])
}

@Test func gdAndMomentumStepsMatchHandComputedIteratesInFloatAndDouble() {
  checkExactRules(Float.self)
  checkExactRules(Double.self)
}

private func checkNesterov<E: BinaryFloatingPoint>(_: E.Type) {
  // Nesterov, η = 1/2, λ = 1/2 on L = ½‖θ‖² (∇L = θ), from (2, −4): the first look-ahead
  // is θ⁰ (m⁰ = 0), m¹ = −θ⁰/2 = (−1, 2), θ¹ = (1, −2); the next look-ahead is
  // θ¹ + m¹/2 = (0.5, −1), m² = m¹/2 − (0.5, −1)/2 = (−0.75, 1.5), θ² = (0.25, −0.5).
  let state = OptimizerState<E>(optimizer: .nesterov(lr: 0.5, lambda: 0.5), count: 2)
  #expect(state.needsLookAhead)
  var theta: [E] = [2, -4]
  var look: [E] = [0, 0]
  var looks: [[E]] = []
  for _ in 0..<2 {
    theta.withUnsafeMutableBufferPointer { p in
      look.withUnsafeMutableBufferPointer { state.lookAhead(parameters: UnsafeBufferPointer(p), into: $0) }
      looks.append(look)
      look.withUnsafeBufferPointer { state.step(parameters: p, gradient: $0) }
    }
  }
  #expect(looks == [[2, -4], [0.5, -1]])
  #expect(theta == [0.25, -0.5])
  #expect(state.steps == 2)
}

@Test func nesterovTakesItsGradientAtTheLookAheadInFloatAndDouble() {
  checkNesterov(Float.self)
  checkNesterov(Double.self)
  let gd = OptimizerState<Float>(optimizer: .gd(lr: 0.1), count: 2)
  #expect(!gd.needsLookAhead)
  var look: [Float] = [0, 0]
  let theta: [Float] = [3, 4]
  theta.withUnsafeBufferPointer { p in
    look.withUnsafeMutableBufferPointer { gd.lookAhead(parameters: p, into: $0) }
  }
  #expect(look == theta)
}

/// Adam by the paper's formulas, in Double, one coordinate at a time (the oracle).
private func adamOracle(
  start: [Double], gradients: [[Double]], lr: Double, beta1: Double, beta2: Double, epsilon: Double
) -> [[Double]] {
  var theta = start
  var m = [Double](repeating: 0, count: start.count)
  var v = m
  var out: [[Double]] = []
  for (t, g) in gradients.enumerated() {
    for i in theta.indices {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
      let mHat = m[i] / (1 - pow(beta1, Double(t + 1)))
      let vHat = v[i] / (1 - pow(beta2, Double(t + 1)))
      theta[i] -= lr * mHat / (vHat.squareRoot() + epsilon)
    }
    out.append(theta)
  }
  return out
}

@Test func adamStepsMatchThePaperFormulasInFloatAndDouble() {
  let (lr, b1, b2, eps) = (0.1, 0.9, 0.999, 1e-8)
  let start = [1.0, -2, 0.5]
  let want = adamOracle(
    start: start, gradients: gradients, lr: lr, beta1: b1, beta2: b2, epsilon: eps)
  // t = 1: m̂ = g, v̂ = g², so every coordinate moves by −η·sign(g) (up to ε).
  #expect(zip(want[0], [0.9, -1.9, 0.4]).allSatisfy { abs($0 - $1) < 1e-7 })
  let optimizer = Optimizer.adam(lr: lr, beta1: b1, beta2: b2, epsilon: eps)
  let double = iterates(
    OptimizerState<Double>(optimizer: optimizer, count: 3), from: start, gradients: gradients)
  let float = iterates(
    OptimizerState<Float>(optimizer: optimizer, count: 3), from: start.map(Float.init),
    gradients: gradients.map { $0.map(Float.init) })
  for (t, row) in want.enumerated() {
    for i in row.indices {
      #expect(abs(double[t][i] - row[i]) <= 1e-15 * max(1, abs(row[i])), "Double t=\(t + 1) i=\(i)")
      #expect(abs(Double(float[t][i]) - row[i]) <= 1e-6 * max(1, abs(row[i])), "Float t=\(t + 1) i=\(i)")
    }
  }
}

@Test func resetStartsTheStateAfresh() {
  let state = OptimizerState<Double>(optimizer: .momentum(lr: 0.5, lambda: 0.5), count: 3)
  let once = iterates(state, from: [1, 1, 1], gradients: gradients)
  state.reset()
  #expect(state.steps == 0)
  #expect(iterates(state, from: [1, 1, 1], gradients: gradients) == once)
}

@Test func aHundredThousandFloatParametersStepLikeTheScalarFormula() {
  // Momentum on P = 100,000 coordinates, each with its own gradient stream, against the
  // rule written out per coordinate in Float (same operations: exact equality).
  let p = 100_000
  let (lr, lambda) = (Float(0.01 as Double), Float(0.9 as Double))  // as the state converts them
  let state = OptimizerState<Float>(optimizer: .momentum(lr: 0.01, lambda: 0.9), count: p)
  var theta = (0..<p).map { Float($0 % 97) / 97 }
  var expected = theta
  var m = [Float](repeating: 0, count: p)
  for step in 0..<3 {
    let g = (0..<p).map { Float(($0 * 31 + step * 7) % 101) / 50 - 1 }
    theta.withUnsafeMutableBufferPointer { t in
      g.withUnsafeBufferPointer { state.step(parameters: t, gradient: $0) }
    }
    for i in 0..<p {
      m[i] = lambda * m[i] - lr * g[i]
      expected[i] += m[i]
    }
  }
  #expect(theta == expected)
}

@Test func optimizerStateForDoubleMatchesTheMinimizeLoopBitForBit() {
  // The minimize loop's buffer state and a hand-driven OptimizerState<Double> take the same
  // steps on a 5-parameter quadratic, for every optimizer.
  let objective = DualObjective(Quadratic(curvatures: [1, 3, 0.5, 7, 2]))
  let start = [1.0, -2, 0.25, 0.75, -1]
  for optimizer in [
    Optimizer.gd(lr: 0.05), .momentum(lr: 0.05, lambda: 0.9), .nesterov(lr: 0.05, lambda: 0.9),
    .adam(lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
  ] {
    let run = Minimizer.run(
      objective, from: start, optimizer: optimizer, options: MinimizeOptions(steps: 50))
    let state = OptimizerState<Double>(optimizer: optimizer, count: 5)
    var theta = start
    var look = start
    var g = [Double](repeating: 0, count: 5)
    for _ in 0..<50 {
      theta.withUnsafeMutableBufferPointer { t in
        look.withUnsafeMutableBufferPointer { l in
          state.lookAhead(parameters: UnsafeBufferPointer(t), into: l)
          g.withUnsafeMutableBufferPointer { _ = objective.evaluate(l.baseAddress!, gradient: $0.baseAddress!) }
        }
        g.withUnsafeBufferPointer { state.step(parameters: t, gradient: $0) }
      }
    }
    #expect(run.finalPoint == theta, "\(optimizer)")
  }
}
