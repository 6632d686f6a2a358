import Autodiff
import MathCore
import Testing

@testable import Optim

/// The `trajectories` of /work/shared/ground-truth/formulas.json (exact rationals computed
/// with the lecture's update rules from (1/2, −3/10), η = 1/20, λ = 9/10), copied here.
private let gdExact = [
  ["931/2000", "-97/400"],
  ["1403240221/3200000000", "-3051124183/16000000000"],
  [
    "3423014140918461841883416374931/8192000000000000000000000000000",
    "-234581299904845353158853138097/1638400000000000000000000000000",
  ],
]
private let momentumExact = [
  ["931/2000", "-97/400"],
  ["1303880221/3200000000", "-2223124183/16000000000"],
  [
    "2789766894158408433922731414931/8192000000000000000000000000000",
    "-4412032234231362264514098097/1638400000000000000000000000000",
  ],
]

private func lectureRun(_ optimizer: Optimizer, steps: Int) -> Trajectory {
  Minimizer.run(
    DualObjective(LectureLoss()), from: [0.5, -0.3], optimizer: optimizer,
    options: MinimizeOptions(steps: steps))
}

@Test func gdFirstThreeIteratesMatchExactRationals() {
  let run = lectureRun(.gd(lr: 0.05), steps: 3)
  #expect(run.recordedCount == 4)
  #expect(row(run, 0) == [0.5, -0.3])
  for (i, exact) in gdExact.enumerated() {
    for (got, want) in zip(row(run, i + 1), exact.map(rational)) {
      #expect(abs(got - want) <= 1e-15, "gd iterate \(i + 1): \(got) vs \(want)")
    }
  }
}

@Test func momentumFirstThreeIteratesMatchExactRationals() {
  let run = lectureRun(.momentum(lr: 0.05, lambda: 0.9), steps: 3)
  for (i, exact) in momentumExact.enumerated() {
    for (got, want) in zip(row(run, i + 1), exact.map(rational)) {
      #expect(abs(got - want) <= 1e-15, "momentum iterate \(i + 1): \(got) vs \(want)")
    }
  }
  // The first momentum step equals the first gd step (m⁰ = 0), and moves are the mⁱ.
  #expect(row(run, 1) == lectureRun(.gd(lr: 0.05), steps: 1).finalPoint)
  #expect(abs(run.moves[2] - (row(run, 2)[0] - row(run, 1)[0])) < 1e-16)
}

@Test func tenThousandStepEndpointsMatchFloat64Reference() {
  let gd = lectureRun(.gd(lr: 0.05), steps: 10_000)
  let mom = lectureRun(.momentum(lr: 0.05, lambda: 0.9), steps: 10_000)
  #expect(gd.steps == 10_000 && gd.stop == .completed)
  for (got, want) in zip(gd.finalPoint, [1.0332437969678387, 0.9678257957459832]) {
    #expect(abs(got - want) <= 1e-12, "gd endpoint \(got) vs \(want)")
  }
  for (got, want) in zip(mom.finalPoint, [0.9063758383833774, 1.1032950765585408]) {
    #expect(abs(got - want) <= 1e-12, "momentum endpoint \(got) vs \(want)")
  }
}
