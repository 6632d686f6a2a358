import Autodiff
import MathCore
import Testing

@testable import Optim

/// `SharpnessProbe`: the loop reads λmax at step 0 and every k steps, at the iterate of that
/// step, on either state; `Optimizer.sharpnessLimit` is the table's stable limit solved for λmax.
struct SharpnessProbeTests {
  private let bowl = DualObjective(Quadratic(curvatures: [1, 10]))

  /// A probe that reports θ₀ + 10·θ₁ so each reading can be checked against the recorded row.
  private func probe(every k: Int) -> SharpnessProbe {
    SharpnessProbe(every: k) { point in point[0] + 10 * point[1] }
  }

  @Test func readsAtStepZeroAndEveryKStepsAtThatStepsIterate() {
    for registers in [true, false] {
      var options = MinimizeOptions(steps: 10)
      options.registers = registers
      let run = Minimizer.run(
        bowl, from: [1, 1], optimizer: .momentum(lr: 0.01, lambda: 0.9), options: options,
        sharpness: probe(every: 4))
      #expect(run.sharpnessSteps == [0, 4, 8])
      for (i, k) in run.sharpnessSteps.enumerated() {
        #expect(run.sharpness[i] == run.points[2 * k] + 10 * run.points[2 * k + 1])
      }
    }
  }

  @Test func aProbeLeavesTheRunUnchanged() {
    let options = MinimizeOptions(steps: 50)
    let plain = Minimizer.run(bowl, from: [1, 1], optimizer: .gd(lr: 0.05), options: options)
    let probed = Minimizer.run(
      bowl, from: [1, 1], optimizer: .gd(lr: 0.05), options: options, sharpness: probe(every: 1))
    #expect(plain.points == probed.points)
    #expect(plain.losses == probed.losses)
    #expect(probed.sharpnessSteps == Array(0...50))
    #expect(plain.sharpnessSteps.isEmpty && plain.sharpness.isEmpty)
  }

  @Test func aDivergingRunKeepsItsReadingsUpToTheEnd() {
    let run = Minimizer.run(
      bowl, from: [1, 1], optimizer: .gd(lr: 0.5), options: MinimizeOptions(steps: 10_000),
      sharpness: probe(every: 100))
    #expect(run.diverged)
    #expect(run.sharpnessSteps.last ?? 0 <= run.steps)
    #expect(run.sharpnessSteps == Array(stride(from: 0, through: run.steps, by: 100)))
  }

  @Test func sharpnessLimitIsTheStableLimitSolvedForLambdaMax() throws {
    let gd = try #require(Optimizer.gd(lr: 0.05).sharpnessLimit)
    #expect(gd.value == 40 && gd.formula == "2/η")
    let heavy = try #require(Optimizer.momentum(lr: 0.05, lambda: 0.9).sharpnessLimit)
    #expect(heavy.value == 2 * 1.9 / 0.05 && heavy.formula == "2(1 + λ)/η")
    // Nesterov is stricter than heavy ball: 2(1 + λ)/((1 + 2λ)η) = 3/0.2.
    #expect(Optimizer.nesterov(lr: 0.1, lambda: 0.5).sharpnessLimit?.value == 15)
    #expect(Optimizer.adam(lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8).sharpnessLimit == nil)
  }
}
