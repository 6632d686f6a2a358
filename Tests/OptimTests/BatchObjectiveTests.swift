import MathCore
import Testing

@testable import Optim

/// Least squares over N examples: L(θ) = mean over j of ½(θ·aⱼ − bⱼ)², with bⱼ = θ*·aⱼ, so
/// θ* is the exact minimum; the gradient is mean of (θ·aⱼ − bⱼ) aⱼ.
private final class LeastSquares: BatchObjective {
  let dimension = 3
  let inputs: [[Double]]
  let targets: [Double]
  static let solution = [0.5, -1.25, 2]
  var exampleCount: Int { inputs.count }

  init(examples: Int) {
    inputs = (0..<examples).map { j -> [Double] in
      let u: Double = Double(j % 5) / 4 - 0.5
      let w: Double = Double((j * 7) % 11) / 10 - 0.5
      return [1, u, w]
    }
    let s = Self.solution
    targets = inputs.map { a -> Double in s[0] * a[0] + s[1] * a[1] + s[2] * a[2] }
  }

  func evaluate(
    _ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>, examples: ExampleBatch
  ) -> Double {
    for i in 0..<dimension { gradient[i] = 0 }
    var loss = 0.0
    // swift-format-ignore: ReplaceForEachWithForLoop
    // (ExampleBatch is not a Sequence: forEach is its own method over a range or an index list.)
    examples.forEach { j in
      let a = inputs[j]
      let r = x[0] * a[0] + x[1] * a[1] + x[2] * a[2] - targets[j]
      loss += 0.5 * r * r
      for i in 0..<dimension { gradient[i] += r * a[i] }
    }
    let scale = 1 / Double(max(1, examples.count))
    for i in 0..<dimension { gradient[i] *= scale }
    return loss * scale
  }
}

private func evaluate(_ f: LeastSquares, _ x: [Double], _ batch: ExampleBatch) -> (Double, [Double]) {
  var g = [Double](repeating: 0, count: 3)
  let loss = x.withUnsafeBufferPointer { p in
    g.withUnsafeMutableBufferPointer { f.evaluate(p.baseAddress!, gradient: $0.baseAddress!, examples: batch) }
  }
  return (loss, g)
}

@Test func aBatchOfEveryExampleIsTheWholeLoss() {
  let f = LeastSquares(examples: 40)
  let x = [0.1, 0.2, -0.3]
  var g = [Double](repeating: 0, count: 3)
  let whole = x.withUnsafeBufferPointer { p in
    g.withUnsafeMutableBufferPointer { f.evaluate(p.baseAddress!, gradient: $0.baseAddress!) }
  }
  let (loss, gradient) = evaluate(f, x, .range(0..<40))
  #expect(loss == whole && gradient == g)
  let all = Array(0..<40)
  let listed = all.withUnsafeBufferPointer { evaluate(f, x, .indices($0)) }
  #expect(listed.0 == loss && listed.1 == gradient)
  // A batch is the mean over its own examples: two halves average to the whole.
  let (a, b) = (evaluate(f, x, .range(0..<20)), evaluate(f, x, .range(20..<40)))
  #expect(abs((a.0 + b.0) / 2 - loss) <= 1e-15 * loss)
  #expect(ExampleBatch.range(3..<10).count == 7)
}

@Test func fullBatchStepsOfAnOptimizerStateAreTheMinimizeRun() {
  // The same OptimizerState rule a mini-batch loop uses reproduces `minimize` bit for bit when
  // every batch is all the data.
  let f = LeastSquares(examples: 40)
  let start = [0.0, 0.0, 0.0]
  for optimizer in [Optimizer.gd(lr: 0.3), .adam(lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)] {
    let run = Minimizer.run(f, from: start, optimizer: optimizer, options: MinimizeOptions(steps: 30))
    let state = OptimizerState<Double>(optimizer: optimizer, count: 3)
    var theta = start
    for _ in 0..<30 {
      let (_, g) = evaluate(f, theta, .range(0..<f.exampleCount))
      theta.withUnsafeMutableBufferPointer { t in
        g.withUnsafeBufferPointer { state.step(parameters: t, gradient: $0) }
      }
    }
    #expect(theta == run.finalPoint, "\(optimizer.name)")
  }
}

@Test func shuffledMiniBatchesWithMomentumFindTheLeastSquaresSolution() {
  let f = LeastSquares(examples: 60)
  let state = OptimizerState<Double>(optimizer: .momentum(lr: 0.1, lambda: 0.9), count: 3)
  var rng = SeededGenerator(seed: 1)
  var order = Array(0..<f.exampleCount)
  var theta = [0.0, 0.0, 0.0]
  for _ in 0..<300 {
    order.shuffle(using: &rng)
    for start in stride(from: 0, to: order.count, by: 8) {
      let batch = order[start..<min(start + 8, order.count)]
      let (_, g) = batch.withUnsafeBufferPointer { evaluate(f, theta, .indices($0)) }
      theta.withUnsafeMutableBufferPointer { t in
        g.withUnsafeBufferPointer { state.step(parameters: t, gradient: $0) }
      }
    }
  }
  // bⱼ = θ*·aⱼ exactly, so every batch's gradient vanishes at θ*: SGD converges to it.
  #expect(state.steps == 300 * 8)
  for (got, want) in zip(theta, LeastSquares.solution) { #expect(abs(got - want) < 1e-9) }
}
