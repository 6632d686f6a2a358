import MathCore
import Optim
import Testing

@testable import NeuralNet

/// `batchStudy` and `smallVersusLargeBatch` on two moons with a 2-8-2 tanh net: the table's
/// shape, runs equal to `fit` alone, reproducibility whatever the scheduling, a stop keeping
/// the finished runs, and every error.
@Suite struct BatchStudyTests {
  private func moons(_ n: Int = 600) throws -> (Dataset, Dataset) {
    let data = try Dataset.twoMoons(SyntheticOptions(count: n, noise: 0.15, seed: 3))
    return try data.split(testFraction: 0.25, seed: 1)
  }

  private let net = try! MLP(layerSizes: [2, 8, 2], activation: .tanh)

  private func options(_ batches: [Int], seeds: Int = 2, workers: Int = 2, test: Dataset? = nil) -> BatchStudyOptions {
    BatchStudyOptions(
      batches: batches, seeds: seeds, firstSeed: 5,
      fit: FitOptions(optimizer: .momentum(lr: 0.1, lambda: 0.9), epochs: 2, test: test),
      sharpnessExamples: 100, workers: workers)
  }

  @Test func theTableHasOneRowPerBatchAndOneRunPerSeed() throws {
    let (train, test) = try moons(800)
    #expect(train.count == 600)
    let study = try net.batchStudy(on: train, options: options([8, 64, 2000], test: test))
    #expect(study.stop == .finished)
    #expect(study.batches == [8, 64, 600])
    #expect(study.notes == ["batch 2000 is larger than the 600 examples, so it runs full batch (600)"])
    #expect(study.runs.map(\.batch) == [8, 8, 64, 64, 600, 600])
    #expect(study.runs.map(\.seed) == [5, 6, 5, 6, 5, 6])
    let rows = study.summaries
    #expect(rows.map(\.batch) == [8, 64, 600])
    #expect(rows.map(\.updates.mean) == [150, 20, 2])
    for row in rows {
      #expect(row.seeds == 2)
      #expect(row.updates.std == 0)
      #expect(row.secondsPerUpdate.mean > 0 && row.secondsPerEpoch.mean > 0)
      let train = try #require(row.trainAccuracy)
      let test = try #require(row.testAccuracy)
      #expect(train.mean >= 0 && train.mean <= 1 && test.mean >= 0 && test.mean <= 1)
      #expect(row.sharpness.count == 2 && row.sharpness.mean.isFinite)
      #expect(row.epsilonSharpness == nil)
    }
    for run in study.runs {
      #expect(run.sharpness?.examples == 100)
      #expect(run.trainLoss == (try run.record.model.loss(on: train)))
      #expect(run.testAccuracy == (try run.record.model.accuracy(on: test)))
    }
    // Small batches train better per epoch than full batch on this problem.
    #expect(rows[0].trainLoss.mean < rows[2].trainLoss.mean)
  }

  @Test func aRunIsWhatFitGivesAloneForItsBatchAndSeed() throws {
    let (train, _) = try moons()
    let study = try net.batchStudy(on: train, options: options([16], seeds: 2))
    let alone = try MLP(layerSizes: [2, 8, 2], activation: .tanh, seed: 6)
    var fit = options([16]).fit
    (fit.batch, fit.seed) = (.size(16), 6)
    let record = try alone.fit(on: train, options: fit)
    #expect(study.runs[1].record.model.parameters == record.model.parameters)
    let sharpness = try record.model.sharpness(
      on: train, examples: 100, options: LanczosOptions(tolerance: 1e-8, checkMultiplicity: false))
    #expect(study.runs[1].sharpness?.value == sharpness.value)
  }

  @Test func seedsAreReproducibleWhateverTheWorkers() throws {
    let (train, test) = try moons()
    let parallel = try net.batchStudy(on: train, options: options([4, 32, 450], test: test))
    let serial = try net.batchStudy(on: train, options: options([4, 32, 450], workers: 1, test: test))
    #expect(parallel.runs.count == 6 && serial.runs.count == 6)
    for (a, b) in zip(parallel.runs, serial.runs) {
      #expect(a.batch == b.batch && a.seed == b.seed)
      #expect(a.record.model.parameters == b.record.model.parameters)
      #expect(a.trainLoss == b.trainLoss && a.testAccuracy == b.testAccuracy)
      #expect(a.sharpness?.value == b.sharpness?.value)
    }
    // Different seeds give different networks.
    #expect(parallel.runs[0].record.model.parameters != parallel.runs[1].record.model.parameters)
  }

  @Test func aStopKeepsTheFinishedRuns() throws {
    let (train, _) = try moons()
    let flag = CancellationFlag()
    var reports = 0
    let study = try net.batchStudy(on: train, options: options([2, 4, 8], seeds: 3), cancellation: flag) { p in
      reports += 1
      if p.finished >= 1 { flag.set() }
    }
    #expect(reports >= 1)
    #expect(study.stop == .interrupted)
    #expect(study.runs.count >= 1 && study.runs.count < study.plannedRuns)
    let whole = try net.batchStudy(on: train, options: options([2, 4, 8], seeds: 3))
    #expect(whole.stop == .finished && whole.runs.count == 9)
    for run in study.runs {
      let same = try #require(whole.runs.first { $0.batch == run.batch && $0.seed == run.seed })
      #expect(run.record.model.parameters == same.record.model.parameters)
    }
  }

  @Test func badOptionsAreErrorsBeforeAnyTraining() throws {
    let (train, _) = try moons(40)
    func message(_ batches: [Int], seeds: Int = 1, examples: Int = 10) -> String? {
      var o = options(batches, seeds: seeds)
      o.sharpnessExamples = examples
      do {
        _ = try net.batchStudy(on: train, options: o)
        return nil
      } catch {
        return "\(error)"
      }
    }
    #expect(message([]) == "batches must list at least one batch size")
    #expect(message([4, 0]) == "every batch size must be at least 1, got 0")
    #expect(message([-3]) == "every batch size must be at least 1, got -3")
    #expect(message([4], seeds: 0) == "seeds must be at least 1, got 0")
    #expect(message([4], examples: 0) == "sharpness_examples must be at least 1, got 0")
    #expect(message([4], seeds: 10_001)?.hasPrefix("1 batch sizes × 10001 seeds is more than") == true)
    let wide = try MLP(layerSizes: [3, 2])
    #expect(throws: NetworkError.self) { try wide.batchStudy(on: train, options: options([4])) }
  }

  @Test func repeatedAndClampedBatchesAreMeasuredOnce() throws {
    let (train, _) = try moons(40)
    let study = try net.batchStudy(on: train, options: options([8, 8, 100, 200], seeds: 1))
    #expect(study.batches == [8, 30])
    #expect(study.runs.count == 2)
    #expect(
      study.notes == [
        "batch 8 repeats batch 8 and is measured once",
        "batch 100 is larger than the 30 examples, so it runs full batch (30)",
        "batch 200 is larger than the 30 examples, so it runs full batch (30)",
        "batch 200 repeats batch 30 and is measured once",
      ])
  }

  @Test func aDivergedRunIsKeptWithANoteAndRegressionHasNoAccuracy() throws {
    let (train, _) = try moons(40)
    var o = options([6], seeds: 1)
    o.fit.optimizer = .gd(lr: 1e300)
    let study = try net.batchStudy(on: train, options: o)
    #expect(study.stop == .finished && study.runs.count == 1)
    #expect(study.notes == ["batch 6, seed 5 diverged at epoch 1, step 2 (measured at the model before that update)"])
    let curve = try Dataset.curve(SyntheticOptions(count: 20, noise: 0, seed: 1), range: -1...1) { $0 * $0 }
    let regression = try MLP(layerSizes: [1, 4, 1], activation: .tanh, loss: .meanSquaredError)
    let fitted = try regression.batchStudy(on: curve, options: options([5, 20], seeds: 2))
    let rows = fitted.summaries
    #expect(rows.count == 2 && rows.allSatisfy { $0.trainAccuracy == nil && $0.testAccuracy == nil })
    #expect(rows.allSatisfy { $0.trainLoss.mean.isFinite && $0.sharpness.mean.isFinite })
  }

  @Test func meanAndSampleStandardDeviation() {
    #expect(MeanStd([1, 2, 3]) == MeanStd([3, 1, 2]))
    let m = MeanStd([1, 2, 3, .nan])
    #expect(m.mean == 2 && m.std == 1 && m.count == 3 && m.missing == 1)
    #expect(MeanStd([4]).std == nil)
    #expect(MeanStd([]).mean.isNaN)
  }

  @Test func smallVersusLargeBatchHasTwoRowsWithSharpness() throws {
    let (train, test) = try moons(320)
    var o = options([], seeds: 2, test: test)
    o.fit.epochs = 3
    let c = try net.smallVersusLargeBatch(on: train, small: 8, large: .fraction(0.5), options: o)
    #expect(c.small == 8 && c.large == 120)
    #expect(c.study.batches == [8, 120])
    let sb = try #require(c.smallSummary)
    let lb = try #require(c.largeSummary)
    #expect(sb.seeds == 2 && lb.seeds == 2)
    for row in [sb, lb] {
      let epsilon = try #require(row.epsilonSharpness)
      #expect(epsilon.count == 2 && epsilon.mean >= 0)
      #expect(row.sharpness.mean > 0)
      #expect(row.testAccuracy != nil)
    }
    #expect(try net.smallVersusLargeBatch(on: train, small: 8, large: .size(40), options: o).large == 40)
  }

  @Test func smallVersusLargeBatchErrors() throws {
    let (train, _) = try moons(40)
    func message(small: Int, large: LargeBatch) -> String? {
      do {
        _ = try net.smallVersusLargeBatch(on: train, small: small, large: large, options: options([]))
        return nil
      } catch {
        return "\(error)"
      }
    }
    #expect(message(small: 0, large: .fraction(0.5)) == "sb must be at least 1, got 0")
    #expect(message(small: 4, large: .fraction(1.5)) == "lb as a fraction of the data must be in (0, 1], got 1.5")
    #expect(message(small: 4, large: .fraction(.nan))?.hasPrefix("lb as a fraction") == true)
    #expect(message(small: 4, large: .size(0)) == "lb must be at least 1, got 0")
    #expect(
      message(small: 16, large: .fraction(0.1))
        == "the large batch (3 of the 30 examples) must be larger than the small batch (16)")
  }
}
