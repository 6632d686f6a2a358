import Autodiff
import MathCore
import Testing
import _TestSupport

@testable import Optim

/// A `steps:` whose record would not fit memory is thinned, and the run says so (issue 11,
/// item 7): the rows of θ and of moves are each one array, limited to `ArraySize.maxElements`.
@Suite struct RecordMemoryTests {
  @Test func aSmallRunKeepsItsRecordAsAsked() {
    let (policy, reduction) = RecordPolicy.standard.fitted(steps: 1_000_000, dimension: 2)
    #expect(policy == .standard && reduction == nil)
  }

  @Test func fiftyThousandParametersAreThinnedToFit() throws {
    // The standard 200,000 rows of 50,000 parameters would be 10¹⁰ numbers (80 GB) per array.
    let (policy, reduction) = RecordPolicy.standard.fitted(steps: 1_000_000_000_000, dimension: 50_000)
    guard case .thinned(let rows, let asked, let n) = try #require(reduction) else {
      Issue.record("expected a thinned record, got \(String(describing: reduction))")
      return
    }
    #expect(n == 50_000 && asked == 200_001)
    #expect(rows * 50_000 <= ArraySize.maxElements && rows >= 100)
    #expect(policy.keepsIterates)
    #expect(
      reduction?.description
        == "record thinned to \(rows) rows of θ (not 200001) to fit memory: 200001 rows of 50000 parameters "
        + "would need 80 GB; an array holds at most 10000000 numbers")
  }

  @Test func tooManyParametersForThreeRowsKeepOnlyTheLoss() {
    let n = ArraySize.maxElements / 2
    let (policy, reduction) = RecordPolicy.standard.fitted(steps: 100, dimension: n)
    #expect(!policy.keepsIterates)
    #expect(reduction == .lossOnly(asked: 102, dimension: n))
    #expect(reduction?.description.hasPrefix("θ and moves not recorded (only loss, ‖∇L‖ and the final point)") == true)
  }

  @Test func aLossOnlyRecordOfEveryStepIsThinnedToo() {
    let (policy, reduction) = RecordPolicy.lossOnly(.every(1)).fitted(steps: 1_000_000_000_000, dimension: 3)
    #expect(!policy.keepsIterates)
    guard case .thinned(let rows, _, 0) = reduction else {
      Issue.record("expected a thinned loss record, got \(String(describing: reduction))")
      return
    }
    #expect(rows <= ArraySize.maxElements)
  }

  /// A 10¹²-step run over 50,000 parameters allocates only the thinned record (the stop flag
  /// is set before it starts, so it stops at step 0 after allocating) and reports the cut.
  @Test func aTrillionStepRunOverFiftyThousandParametersStartsWithinMemory() throws {
    let flag = CancellationFlag()
    flag.set()
    let run = Minimizer.run(
      HalfSquaredNorm(dimension: 50_000), from: [Double](repeating: 1, count: 50_000), optimizer: .gd(lr: 0.1),
      options: MinimizeOptions(steps: 1_000_000_000_000), cancellation: flag)
    #expect(run.stop == .interrupted(step: 0))
    #expect(run.points.count == 50_000 && run.losses == [25_000])
    guard case .thinned(let rows, _, 50_000)? = run.recordReduction else {
      Issue.record("expected the record to be thinned, got \(String(describing: run.recordReduction))")
      return
    }
    #expect(run.points.capacity <= rows * 50_000 + 50_000)
    #expect(run.stride > 1)
  }

  @Test func aThinnedRunRecordsEvenlyToItsEnd() {
    // 3,000 parameters: at most 3,331 rows fit; a 10,000-step run keeps every 4th step.
    let run = Minimizer.run(
      HalfSquaredNorm(dimension: 3_000), from: [Double](repeating: 1, count: 3_000), optimizer: .gd(lr: 0.1),
      options: MinimizeOptions(steps: 10_000))
    #expect(run.recordReduction != nil)
    #expect(run.recordedCount * 3_000 <= ArraySize.maxElements)
    #expect(run.iterations.last == 10_000 && run.stride > 1)
    #expect(run.points.count == run.recordedCount * 3_000)
  }
}
