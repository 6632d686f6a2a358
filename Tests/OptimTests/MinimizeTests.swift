import Autodiff
import Foundation
import MathCore
import Testing

@testable import Optim

private var bowl: DualObjective<Quadratic> { DualObjective(Quadratic(curvatures: [1, 10])) }

@Test func gdBeyondTwoOverLambdaMaxDivergesAndSaysWhere() {
  // λmax = 10, so lr = 0.25 > 2/10 multiplies the second coordinate by −1.5 per step.
  let run = Minimizer.run(
    bowl, from: [1, 1], optimizer: .gd(lr: 0.25), options: MinimizeOptions(steps: 10_000))
  guard case .diverged(let step, let what) = run.stop else {
    Issue.record("expected divergence, got \(run.stop)")
    return
  }
  #expect(step > 100 && step < 10_000)
  #expect(what == "the loss is ∞" || what == "the gradient is not finite")
  #expect(run.steps == step)
  #expect(run.losses.dropLast().allSatisfy { $0.isFinite })
  let hint = DivergenceHint.explain(
    run, start: [1, 1], hessian: { _ in Matrix(rows: 2, columns: 2, elements: [1, 0, 0, 10]) },
    format: { "\($0)" })
  #expect(hint?.contains("λmax = 10.0") == true)
  #expect(hint?.contains("2/λmax = 0.2") == true)
}

@Test func gdBelowTheLimitConvergesAndTolStopsEarly() {
  let run = Minimizer.run(
    bowl, from: [1, 1], optimizer: .gd(lr: 0.15),
    options: MinimizeOptions(steps: 100_000, tolerance: 1e-8))
  #expect(run.stop == .converged(tolerance: 1e-8))
  #expect(run.steps < 1000 && run.steps > 10)
  #expect(run.gradientNorms.last! < 1e-8)
  #expect(run.gradientNorms.dropLast().allSatisfy { $0 >= 1e-8 })
  #expect(run.recordedCount == run.steps + 1)
  #expect(run.moves.count == run.steps * 2)
}

@Test func noiseIsReproducibleWithASeedAndDiffersAcrossSeeds() {
  func noisy(_ seed: UInt64) -> Trajectory {
    Minimizer.run(
      bowl, from: [1, 1], optimizer: .gd(lr: 0.05),
      options: MinimizeOptions(steps: 200, noise: 0.1, seed: seed))
  }
  let a = noisy(7)
  let b = noisy(7)
  let c = noisy(8)
  #expect(a.points == b.points)
  #expect(a.points != c.points)
  let exact = Minimizer.run(
    bowl, from: [1, 1], optimizer: .gd(lr: 0.05), options: MinimizeOptions(steps: 200))
  #expect(a.points != exact.points)
}

@Test func nesterovAndAdamReachTheMinimumOfABowl() {
  for optimizer in [
    Optimizer.nesterov(lr: 0.05, lambda: 0.9), .adam(lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
  ] {
    let run = Minimizer.run(
      bowl, from: [1, 1], optimizer: optimizer, options: MinimizeOptions(steps: 3000))
    #expect(run.finalLoss < 1e-6, "\(optimizer)")
  }
}

@Test func adamFirstStepMovesEachCoordinateByTheLearningRate() {
  // With bias correction, m̂ = g and v̂ = g² at t = 1, so each coordinate moves by ≈ −lr·sign(g).
  let run = Minimizer.run(
    bowl, from: [1, -2], optimizer: .adam(lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
    options: MinimizeOptions(steps: 1))
  #expect(abs(row(run, 1)[0] - 0.9) < 1e-8)
  #expect(abs(row(run, 1)[1] - -1.9) < 1e-8)
}

@Test func interruptFromAnotherThreadKeepsThePartialRun() {
  let flag = CancellationFlag()
  let started = Date()
  Thread {
    Thread.sleep(forTimeInterval: 0.2)
    flag.set()
  }.start()
  let run = Minimizer.run(
    DualObjective(LectureLoss()), from: [0.5, -0.3], optimizer: .gd(lr: 1e-9),
    options: MinimizeOptions(steps: 2_000_000_000), cancellation: flag)
  guard case .interrupted(let step) = run.stop else {
    Issue.record("expected an interrupt, got \(run.stop)")
    return
  }
  #expect(step > 0 && step == run.steps)
  #expect(run.recordedCount >= 2)
  #expect(run.iterations.last == step)
  #expect(Date().timeIntervalSince(started) < 30)
}

@Test func longRunsReportProgressAndRecordAStrideWithTheLastIterate() {
  var reports: [MinimizeProgress] = []
  var options = MinimizeOptions(steps: 1_000)
  options.maxRecorded = 100
  let run = Minimizer.run(
    bowl, from: [1, 1], optimizer: .gd(lr: 0.01), options: options,
    progress: { reports.append($0) })
  #expect(run.recordedCount <= 102)
  #expect(run.iterations.first == 0 && run.iterations.last == 1_000)
  #expect(reports.isEmpty)  // a fast run shows no progress line
}

@Test func optimizerProblemsAreReported() {
  #expect(Optimizer.gd(lr: 0).problem != nil)
  #expect(Optimizer.gd(lr: .nan).problem != nil)
  #expect(Optimizer.momentum(lr: 0.1, lambda: 1).problem != nil)
  #expect(Optimizer.adam(lr: 0.1, beta1: 0.9, beta2: 1.5, epsilon: 1e-8).problem != nil)
  #expect(Optimizer.momentum(lr: 0.1, lambda: 0.9).problem == nil)
}

@Test func progressReportsCarryTheRunSoFarThinnedForALivePlot() {
  let flag = CancellationFlag()
  var reports: [MinimizeProgress] = []
  var options = MinimizeOptions(steps: 2_000_000_000)
  options.maxRecorded = 1_000_000
  let run = Minimizer.run(
    bowl, from: [1, 1], optimizer: .gd(lr: 0.01), options: options, cancellation: flag,
    progress: { report in
      reports.append(report)
      if reports.count == 2 { flag.set() }
    })
  #expect(reports.count == 2)
  guard case .interrupted = run.stop, let last = reports.last else {
    Issue.record("expected an interrupted run with progress, got \(run.stop)")
    return
  }
  #expect(last.losses.count == last.iterations.count)
  #expect(last.losses.count <= MinimizeProgress.historyLimit + 1 && last.losses.count > 1)
  #expect(last.points.count == 2 * last.losses.count)
  #expect(last.iterations.first == 0 && last.iterations.last! <= last.step)
  #expect(zip(last.iterations, last.iterations.dropFirst()).allSatisfy { $0 < $1 })
  // Rows are the run's own recorded rows: the same losses at the same iterations.
  let stride = run.stride
  for (i, k) in zip(last.iterations, last.losses).prefix(50).map({ ($0.0, $0.1) }) {
    #expect(run.losses[i / stride] == k)
  }
  #expect(last.points.prefix(2).elementsEqual([1, 1]))
}
