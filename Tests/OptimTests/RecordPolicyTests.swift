import Autodiff
import Foundation
import MathCore
import Testing

@testable import Optim

private var bowl: DualObjective<Quadratic> { DualObjective(Quadratic(curvatures: [1, 10])) }

/// ½ Σ cᵢ θᵢ² for any n, with cᵢ = 1 + (i mod 7), written straight over the buffers (the
/// DualObjective's forward mode would take n passes).
private final class WideBowl: GradientObjective {
  let dimension: Int
  init(dimension: Int) { self.dimension = dimension }
  func evaluate(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
    var s = 0.0
    for i in 0..<dimension {
      let c = Double(1 + i % 7)
      gradient[i] = c * x[i]
      s += 0.5 * c * x[i] * x[i]
    }
    return s
  }
}

private func descent(_ policy: RecordPolicy, steps: Int, optimizer: Optimizer = .momentum(lr: 0.01, lambda: 0.9))
  -> Trajectory
{
  var options = MinimizeOptions(steps: steps)
  options.record = policy
  return Minimizer.run(bowl, from: [1, 1], optimizer: optimizer, options: options)
}

/// Rows of `thinned` are the rows of `full` at `thinned.iterations`, to the bit.
private func rowsMatch(_ thinned: Trajectory, _ full: Trajectory) -> Bool {
  for (r, k) in thinned.iterations.enumerated() {
    guard row(thinned, r) == row(full, k), thinned.losses[r] == full.losses[k],
      thinned.gradientNorms[r] == full.gradientNorms[k]
    else { return false }
  }
  return true
}

@Test func theDefaultPolicyKeepsEveryIterateOfAShortRun() {
  let run = descent(.standard, steps: 50)
  #expect(MinimizeOptions(steps: 1).record == .standard)
  #expect(run.recordedCount == 51 && run.iterations == Array(0...50) && run.stride == 1)
  #expect(run.finalPoint == row(run, 50))
  #expect(rowsMatch(run, descent(.full, steps: 50)))
}

@Test func everyKthRowKeepsThoseStepsAndTheLast() {
  let full = descent(.full, steps: 10)
  let thinned = descent(RecordPolicy(rows: .every(3)), steps: 10)
  #expect(thinned.iterations == [0, 3, 6, 9, 10])
  #expect(thinned.stride == 3)
  #expect(rowsMatch(thinned, full))
  #expect(thinned.finalPoint == full.finalPoint)
}

@Test func geometricRowsKeepTheEarlyPathDenseAndThinOutLater() {
  let full = descent(.full, steps: 100)
  let geometric = descent(RecordPolicy(rows: .geometric(dense: 5, growth: 2)), steps: 100)
  #expect(geometric.iterations == [0, 1, 2, 3, 4, 8, 16, 32, 64, 100])
  #expect(geometric.stride == 1)
  #expect(rowsMatch(geometric, full))
  #expect(geometric.moves.count == 2 * (geometric.recordedCount - 1))
  // A billion-step budget costs rows for the dense part and ln(10⁹/10³)/ln(1.01) ≈ 1,389 more.
  let schedule = RowSchedule(.geometric(dense: 1_000, growth: 1.01), steps: 1_000_000_000)
  let capacity = schedule.capacity(steps: 1_000_000_000)
  #expect(capacity > 2_380 && capacity < 2_400)
  let steps = schedule.steps(rows: capacity - 1)
  #expect(steps.prefix(1_000).elementsEqual(0..<1_000))
  #expect(steps.last! <= 1_000_000_000 && zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 })
}

@Test func lossOnlyRunsKeepNoIteratesButTheSameLossesAndTheEnd() {
  let full = descent(.full, steps: 200)
  let lossOnly = descent(.lossOnly(.every(1)), steps: 200)
  #expect(lossOnly.points.isEmpty && lossOnly.moves.isEmpty)
  #expect(lossOnly.losses == full.losses && lossOnly.gradientNorms == full.gradientNorms)
  #expect(lossOnly.finalPoint == full.finalPoint && lossOnly.iterations == full.iterations)
}

@Test func aWideRunRecordingLossOnlyHoldsNoParameterRows() {
  // Kept in full, 50,000 parameters × 200 steps would be 160 MB of iterates and moves.
  let n = 50_000
  var options = MinimizeOptions(steps: 200)
  options.record = .lossOnly(.geometric(dense: 20, growth: 1.1))
  let run = Minimizer.run(
    WideBowl(dimension: n), from: [Double](repeating: 1, count: n), optimizer: .gd(lr: 0.1),
    options: options)
  #expect(run.points.isEmpty && run.moves.isEmpty)
  #expect(run.recordedCount < 50 && run.iterations.last == 200)
  #expect(run.finalPoint.count == n && run.finalLoss < run.losses[0])
  // Each coordinate follows θ ← (1 − 0.1c)θ with c = 1 + (i mod 7).
  #expect(abs(run.finalPoint[0] - pow(0.9, 200)) <= 1e-12 * pow(0.9, 200))
  #expect(abs(run.finalPoint[3] - pow(0.6, 200)) <= 1e-12 * pow(0.6, 200))
}

@Test func recordPoliciesSayWhatIsWrong() {
  #expect(RecordPolicy(rows: .every(0)).problem != nil)
  #expect(RecordPolicy(rows: .evenly(maxRows: 0)).problem != nil)
  #expect(RecordPolicy(rows: .geometric(dense: 0, growth: 2)).problem != nil)
  #expect(RecordPolicy(rows: .geometric(dense: 10, growth: 1)).problem != nil)
  #expect(RecordPolicy(rows: .geometric(dense: 10, growth: .nan)).problem != nil)
  #expect(RecordPolicy.lossOnly(.geometric(dense: 10, growth: 1.5)).problem == nil)
  var options = MinimizeOptions(steps: 10)
  options.maxRecorded = 7
  #expect(options.record == RecordPolicy(rows: .evenly(maxRows: 7)))
}

@Test func aLongGeometricRunShowsItsEarlyPathInTheFirstProgressReport() {
  let flag = CancellationFlag()
  var reports: [any ProgressReport] = []
  var paths: [[Double]] = []
  var options = MinimizeOptions(steps: 1_000_000_000)
  options.record = RecordPolicy(rows: .geometric(dense: 2_000, growth: 1.001))
  let run = Minimizer.run(
    bowl, from: [1, 1], optimizer: .gd(lr: 0.01), options: options, cancellation: flag,
    progress: { report in
      reports.append(report)
      paths.append(report.points)
      flag.set()
    })
  guard case .interrupted = run.stop, let first = reports.first else {
    Issue.record("expected an interrupted run with progress, got \(run.stop)")
    return
  }
  // Evenly thinned, a 10⁹-step run keeps every 5,000th step, so its first report starts
  // 0, 5000 or later; geometric rows keep the first 2,000 steps, so the report (thinned to
  // 1,000 rows) starts with the real early path, a few steps apart.
  #expect(first.iterations[0] == 0 && first.iterations[1] <= 10)
  #expect(first.iterations.filter { $0 < 2_000 }.count >= 100)
  #expect(first.losses.count == first.iterations.count && first.steps == 1_000_000_000)
  #expect(first.fraction > 0 && first.fraction < 1)
  #expect(paths[0].count == 2 * first.iterations.count)
  #expect(run.iterations.prefix(2_000).elementsEqual(0..<2_000))
}

@Test func progressReportsCarryNoPathForManyParameters() {
  let flag = CancellationFlag()
  var points: [Int] = []
  let n = 10
  let run = Minimizer.run(
    WideBowl(dimension: n), from: [Double](repeating: 1, count: n), optimizer: .gd(lr: 1e-9),
    options: MinimizeOptions(steps: 1_000_000_000), cancellation: flag,
    progress: { report in
      points.append(report.points.count)
      #expect(report.point.count == n && !report.losses.isEmpty)
      flag.set()
    })
  #expect(points == [0])
  #expect(run.recordedCount > 1)
}
