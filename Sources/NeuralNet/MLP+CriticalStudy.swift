import CLapack
import Dispatch
import Foundation
import MathCore

extension MLP {
  /// Trains `options.nets` networks shaped like this one from seeds `firstSeed…`, takes each
  /// to a critical point and returns one row per net (`critical_study(model, data, nets:)`).
  ///
  /// Nets run `workers` at a time on separate threads; OpenBLAS is set to one thread for the
  /// study (so two workers use the two cores without oversubscribing them) and restored after
  /// (the setting is process-wide, so other BLAS work in the process during the study also
  /// runs on one thread). Each net's numbers depend only on its seed, never on scheduling.
  /// `cancellation` stops the nets in flight; the finished rows are kept.
  ///
  /// - Throws: `NetworkError` for bad options or data that does not fit the architecture.
  public func criticalStudy(
    on data: Dataset, options: CriticalStudyOptions = CriticalStudyOptions(),
    cancellation: CancellationFlag? = nil, progress: (@Sendable (CriticalStudyProgress) -> Void)? = nil
  ) throws -> CriticalStudy {
    try options.validate()
    try check(data)
    let begin = DispatchTime.now().uptimeNanoseconds
    let shared = StudyState(total: options.nets)
    let threads = openblas_get_num_threads()
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(threads) }
    let template = self
    DispatchQueue.concurrentPerform(iterations: min(options.workers, options.nets)) { _ in
      while cancellation?.isSet != true, let index = shared.next() {
        do {
          let seed = options.firstSeed &+ UInt64(index)
          if let row = try template.studyRow(seed: seed, data: data, options: options, cancellation: cancellation) {
            let report = shared.finish(row)
            progress?(report)
          }
        } catch {
          shared.fail(error)
        }
      }
    }
    if let error = shared.error { throw error }
    let rows = shared.rows.sorted { $0.seed < $1.seed }
    return CriticalStudy(
      template: template, options: options, rows: rows, cancelled: rows.count < options.nets,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
  }

  /// One net: train from `seed`, then `toCritical`; nil when cancelled part-way.
  private func studyRow(seed: UInt64, data: Dataset, options: CriticalStudyOptions, cancellation: CancellationFlag?)
    throws -> CriticalStudyRow?
  {
    let begin = DispatchTime.now().uptimeNanoseconds
    let net = try MLP(
      layerSizes: layerSizes, activation: activation, loss: loss, bias: bias, initialization: initialization, seed: seed
    )
    var fitOptions = options.fit
    fitOptions.seed = seed
    let trained = try net.fit(on: data, options: fitOptions, cancellation: cancellation)
    if case .interrupted = trained.stopReason { return nil }
    let trainedLoss = try trained.model.loss(on: data)
    let critical = try trained.model.toCritical(on: data, options: options.critical, cancellation: cancellation)
    if critical.stop == .interrupted || (cancellation?.isSet == true && critical.counts == nil) { return nil }
    return CriticalStudyRow(
      seed: seed, trainedLoss: trainedLoss, critical: critical,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
  }
}

/// The work queue and results of a study, shared by its worker threads under one lock.
private final class StudyState: @unchecked Sendable {
  private let lock = NSLock()
  private let total: Int
  private var issued = 0
  private(set) var rows: [CriticalStudyRow] = []
  private(set) var error: Error?

  init(total: Int) { self.total = total }

  /// The next net's index, or nil when all are issued or one failed.
  func next() -> Int? {
    lock.withLock {
      guard issued < total, error == nil else { return nil }
      issued += 1
      return issued - 1
    }
  }

  func finish(_ row: CriticalStudyRow) -> CriticalStudyProgress {
    lock.withLock {
      rows.append(row)
      return CriticalStudyProgress(finished: rows.count, total: total, row: row)
    }
  }

  func fail(_ failure: Error) { lock.withLock { if error == nil { error = failure } } }
}
