import MathCore
import Optim
import Synchronization
import Testing

@testable import NeuralNet

@Suite struct FitTests {
  private func blobs(_ n: Int = 60, seed: UInt64 = 1) throws -> Dataset {
    try Dataset.blobs(SyntheticOptions(count: n, noise: 2, seed: seed), classes: 3)
  }

  private func net(_ activation: Activation = .tanh, seed: UInt64 = 2) throws -> MLP {
    try MLP(layerSizes: [2, 6, 3], activation: activation, seed: seed)
  }

  @Test(arguments: [BatchSize.size(60), .full, .size(1000)])
  func oneFullBatchEpochIsOneGradientStep(batch: BatchSize) throws {
    let data = try blobs()
    let model = try net()
    let options = FitOptions(optimizer: .gd(lr: 0.1), batch: batch, epochs: 1, precision: .float64)
    let record = try model.fit(on: data, options: options)
    let (loss, g) = try model.lossAndGradient(on: data)
    let expected = zip(model.parameters, g).map { $0 - 0.1 * $1 }
    #expect(record.updates == 1 && record.batchSize == 60 && record.stepsPerEpoch == 1)
    #expect(zip(record.model.parameters, expected).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) })
    #expect(abs(record.history[1].trainLoss - loss) <= 1e-15 * loss)
    #expect(record.history[0].trainLoss == record.history[1].trainLoss)
    #expect(record.notes.isEmpty == (batch != .size(1000)))
    // Float32 training agrees to single precision.
    var single = options
    single.precision = .float32
    let r32 = try model.fit(on: data, options: single)
    #expect(zip(r32.model.parameters, expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
  }

  @Test func twoMomentumEpochsAreTwoMomentumSteps() throws {
    let data = try blobs()
    let model = try net(.softplus)
    let options = FitOptions(optimizer: .momentum(lr: 0.05, lambda: 0.9), batch: .full, epochs: 2, precision: .float64)
    let record = try model.fit(on: data, options: options)
    var theta = model.parameters
    var m = [Double](repeating: 0, count: theta.count)
    for _ in 0..<2 {
      let g = try model.with(parameters: theta).lossAndGradient(on: data).gradient
      for i in theta.indices {
        m[i] = 0.9 * m[i] - 0.05 * g[i]
        theta[i] += m[i]
      }
    }
    #expect(zip(record.model.parameters, theta).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, abs($1)) })
    #expect(record.history.map(\.updates) == [0, 1, 2])
  }

  @Test func everyEpochVisitsAPermutationThatChangesWithEpochAndSeed() throws {
    let data = try blobs(50)
    func orders(seed: UInt64) throws -> [[Int]] {
      let options = FitOptions(batch: .size(7), epochs: 3, seed: seed)
      let trainer = Trainer<Float>(model: try net(), data: data, options: options, batch: 7, notes: [])
      return (1...3).map { epoch in
        trainer.rng.permute(&trainer.order)
        _ = trainer.runEpoch(epoch, cancellation: nil, progress: nil)
        return trainer.order
      }
    }
    let a = try orders(seed: 1)
    for order in a { #expect(order.sorted() == Array(0..<50)) }
    #expect(a[0] != a[1] && a[1] != a[2])
    #expect(try orders(seed: 1) == a)
    #expect(try orders(seed: 2)[0] != a[0])
  }

  @Test func sameSeedIsBitIdenticalAndOtherSeedsDiffer() throws {
    let data = try blobs(200)
    let options = FitOptions(
      optimizer: .adam(lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), batch: .size(16), epochs: 3, seed: 5)
    let a = try net(.relu).fit(on: data, options: options)
    let b = try net(.relu).fit(on: data, options: options)
    #expect(a.model.parameters == b.model.parameters)
    #expect(a.history.map(\.trainLoss) == b.history.map(\.trainLoss))
    var other = options
    other.seed = 6
    #expect(try net(.relu).fit(on: data, options: other).model.parameters != a.model.parameters)
    #expect(a.updates == 3 * 13 && a.stepsPerEpoch == 13)
    #expect(a.history.count == 4 && a.history[3].trainAccuracy != nil && a.stopReason == .finished)
  }

  @Test func withoutShuffleBatchesAreContiguousRanges() throws {
    // Two epochs of batch 20 unshuffled equal six gd steps on the three consecutive slices.
    let data = try blobs(60)
    let model = try net()
    let record = try model.fit(
      on: data,
      options: FitOptions(optimizer: .gd(lr: 0.2), batch: .size(20), epochs: 2, shuffle: false, precision: .float64))
    var current = model
    for _ in 0..<2 {
      for k in 0..<3 {
        let slice = data.subset(Array((20 * k)..<(20 * k + 20)), name: "slice")
        let g = try current.lossAndGradient(on: slice).gradient
        current = try current.with(parameters: zip(current.parameters, g).map { $0 - 0.2 * $1 })
      }
    }
    #expect(zip(record.model.parameters, current.parameters).allSatisfy { abs($0 - $1) <= 1e-14 })
  }

  @Test func interruptKeepsThePartialModelAndHistory() throws {
    let data = try blobs(60)
    let flag = CancellationFlag()
    let seen = Mutex(0)
    let options = FitOptions(
      optimizer: .gd(lr: 0.2), batch: .size(10), epochs: 5, shuffle: false, precision: .float64, progressInterval: 0)
    let record = try net().fit(on: data, options: options, cancellation: flag) { report in
      let count = seen.withLock {
        $0 += 1
        return $0
      }
      if report.epoch == 2, report.step == 3 { flag.set() }
      #expect(count > 0 && report.examplesPerSecond > 0)
    }
    #expect(record.stopReason == .interrupted(epoch: 2, step: 4))
    #expect(record.updates == 9 && record.history.count == 2)
    // The same 9 updates taken as a fit that finishes: one epoch, then the first 3 batches.
    let oneEpoch = try net().fit(
      on: data,
      options: FitOptions(optimizer: .gd(lr: 0.2), batch: .size(10), epochs: 1, shuffle: false, precision: .float64))
    let rest = try oneEpoch.model.fit(
      on: try data.first(30),
      options: FitOptions(optimizer: .gd(lr: 0.2), batch: .size(10), epochs: 1, shuffle: false, precision: .float64))
    #expect(record.model.parameters == rest.model.parameters)
  }

  @Test func divergenceStopsBeforeTheBlowUp() throws {
    let x = Matrix(rows: 4, columns: 1, elements: [1, 2, 3, 4])
    let data = try Dataset.make(features: x, targets: Vector([1e3, 2e3, 3e3, 4e3]), kind: .regression)
    let model = try MLP(layerSizes: [1, 1], activation: .linear, loss: .meanSquaredError, seed: 1)
    let record = try model.fit(
      on: data, options: FitOptions(optimizer: .gd(lr: 10), batch: .size(1), epochs: 50, shuffle: false))
    guard case .diverged(let epoch, let step, let loss) = record.stopReason else {
      Issue.record("expected divergence, got \(record.stopReason)")
      return
    }
    let finite = record.model.parameters.allSatisfy { $0.isFinite }
    #expect(finite)
    #expect(record.updates == (epoch - 1) * 4 + step - 1)
    #expect(record.history.count == epoch)
  }

  @Test func badInputIsRefusedBeforeTraining() throws {
    let data = try blobs()
    let model = try net()
    func refuses(_ d: Dataset, _ o: FitOptions, _ message: String? = nil) {
      do {
        _ = try model.fit(on: d, options: o)
        Issue.record("expected an error")
      } catch {
        if let message { #expect("\(error)" == message) }
      }
    }
    let ok = FitOptions()
    let three = try Dataset.make(features: Matrix(rows: 2, columns: 3), targets: Vector([0, 1]))
    refuses(three, ok, "the data has 3 features per example (X is 2×3) but the network takes 2 inputs (layers 2-6-3)")
    refuses(try Dataset.make(features: Matrix(rows: 2, columns: 2), targets: Vector([0, 3])), ok)
    refuses(try Dataset.make(features: Matrix(rows: 2, columns: 2), targets: Vector([0.5, 3])), ok)
    let empty = Dataset(
      name: "empty", featureCount: 2, storage: .float64([]), targets: .classes(labels: [], classCount: 3))
    refuses(empty, ok, "the data set empty is empty")
    refuses(data, FitOptions(batch: .size(0)), "batch must be at least 1 (or \"full\"), got 0")
    refuses(data, FitOptions(epochs: 0))
    refuses(data, FitOptions(optimizer: .gd(lr: -1)))
    refuses(data, FitOptions(test: three))
    let big = try model.fit(on: data, options: FitOptions(batch: .size(61)))
    #expect(
      big.batchSize == 60
        && big.notes == ["batch 61 is larger than the 60 examples, so each update uses all of them (full batch)"])
  }

  @Test func testScoresAreRecordedEachEpoch() throws {
    let all = try blobs(120)
    let (train, test) = try all.split(testFraction: 0.25, seed: 3)
    let record = try net().fit(
      on: train,
      options: FitOptions(optimizer: .momentum(lr: 0.05, lambda: 0.9), batch: .size(8), epochs: 4, test: test))
    #expect(record.history.count == 5)
    let last = record.history[4]
    #expect(last.testLoss != nil && last.testAccuracy != nil)
    let exact = try record.model.loss(on: test)
    #expect(abs((last.testLoss ?? 0) - exact) < 1e-5 * exact)
    #expect(record.history[4].trainLoss < record.history[0].trainLoss)
    #expect(record.secondsPerEpoch > 0 && record.secondsPerUpdate > 0)
  }
}
