import Foundation
import MathCore
import Synchronization
import Testing

@testable import NeuralNet

/// `criticalStudy` on a tiny 1-4-1 tanh net: row shape, per-seed determinism whatever the
/// scheduling, and cancellation keeping the finished rows.
@Suite struct CriticalStudyTests {
  private func problem() throws -> (MLP, Dataset) {
    let data = try Dataset.curve(SyntheticOptions(count: 6, noise: 0, seed: 1), range: -1...1) { $0 * $0 * $0 - $0 }
    return (try MLP(layerSizes: [1, 4, 1], activation: .tanh, loss: .meanSquaredError), data)
  }

  private func options(nets: Int, workers: Int) -> CriticalStudyOptions {
    CriticalStudyOptions(
      nets: nets, firstSeed: 10,
      fit: FitOptions(optimizer: .gd(lr: 0.2), batch: .full, epochs: 60, precision: .float64),
      critical: CriticalPointOptions(maxIterations: 60), workers: workers)
  }

  @Test func rowsHaveOneNetPerSeedInOrder() throws {
    let (net, data) = try problem()
    let calls = Mutex(0)
    let study = try net.criticalStudy(on: data, options: options(nets: 5, workers: 2)) { _ in
      calls.withLock { $0 += 1 }
    }
    #expect(calls.withLock { $0 } == 5)
    #expect(!study.cancelled)
    #expect(study.rows.map(\.seed) == [10, 11, 12, 13, 14])
    for row in study.rows {
      #expect(row.critical.model.parameterCount == 13)
      if row.kind != .notReached {
        let counts = try #require(row.counts)
        #expect(counts.positive + counts.negative + counts.zero == 13)
        #expect(row.minimumRatio == Double(counts.positive) / 13)
        #expect(row.gradientNorm <= 1e-6)
      }
      #expect(row.loss.isFinite && row.trainedLoss.isFinite && row.seconds >= 0)
    }
    let kinds = CriticalPointKind.allCases.map { study.count(of: $0) }.reduce(0, +)
    #expect(kinds == 5)
  }

  @Test func eachRowDependsOnlyOnItsSeed() throws {
    let (net, data) = try problem()
    let parallel = try net.criticalStudy(on: data, options: options(nets: 4, workers: 2))
    let serial = try net.criticalStudy(on: data, options: options(nets: 4, workers: 1))
    for (a, b) in zip(parallel.rows, serial.rows) {
      #expect(a.seed == b.seed)
      expectClose(a.critical.model.parameters, b.critical.model.parameters)
      expectClose(a.critical.eigenvalues ?? [], b.critical.eigenvalues ?? [])
      expectClose([a.trainedLoss], [b.trainedLoss])
    }
    // The row is what fit + toCritical give for that seed on their own (here with OpenBLAS's
    // default thread count, which may sum in another order: equal to 1e-10).
    let alone = try MLP(layerSizes: [1, 4, 1], activation: .tanh, loss: .meanSquaredError, seed: 12)
    var fit = options(nets: 1, workers: 1).fit
    fit.seed = 12
    let trained = try alone.fit(on: data, options: fit).model
    let point = try trained.toCritical(on: data, options: CriticalPointOptions(maxIterations: 60))
    for (a, b) in zip(point.model.parameters, serial.rows[2].critical.model.parameters) {
      #expect(abs(a - b) <= 1e-10)
    }
  }

  @Test func cancellationKeepsTheFinishedRows() throws {
    let (net, data) = try problem()
    let full = try net.criticalStudy(on: data, options: options(nets: 8, workers: 1))
    let flag = CancellationFlag()
    let study = try net.criticalStudy(on: data, options: options(nets: 8, workers: 2), cancellation: flag) {
      if $0.finished >= 2 { flag.set() }
    }
    #expect(study.cancelled)
    #expect(study.rows.count >= 2 && study.rows.count < 8)
    for row in study.rows {
      let reference = try #require(full.rows.first { $0.seed == row.seed })
      expectClose(row.critical.model.parameters, reference.critical.model.parameters)
    }
  }

  /// Equal to 1e-10: OpenBLAS's thread count is process-wide, and other suites running in
  /// parallel in this test process change it, which may reorder BLAS sums in the last bits.
  /// (A study alone in its process is bit-identical across worker counts.)
  private func expectClose(_ a: [Double], _ b: [Double], _ note: Comment? = nil) {
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-10 * max(1, abs(y)), note) }
  }

  @Test func badOptionsAreErrors() throws {
    let (net, data) = try problem()
    #expect(throws: NetworkError.self) { try net.criticalStudy(on: data, options: options(nets: 0, workers: 2)) }
    #expect(throws: NetworkError.self) { try net.criticalStudy(on: data, options: options(nets: 2, workers: 0)) }
    var bad = options(nets: 2, workers: 1)
    bad.critical.tolerance = -1
    #expect(throws: NetworkError.self) { try net.criticalStudy(on: data, options: bad) }
  }
}
