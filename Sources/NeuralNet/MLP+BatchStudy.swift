import CLapack
import Dispatch
import Foundation
import MathCore

extension MLP {
  /// Trains one network per batch size and seed, the same epochs and optimizer for all, and
  /// measures each: updates, time per update and per epoch, final train/test loss and
  /// accuracy, λmax at the end (and Keskar's ε-sharpness when asked) (`batch_study`).
  ///
  /// Scheduling that leaves every number as `fit` alone gives it: `fit` runs batches under
  /// `BLASThreads.threshold` rows on one BLAS thread and larger ones on OpenBLAS's count, so
  /// the small-batch runs go first, `workers` at a time on threads of their own with OpenBLAS
  /// set to one thread (both cores busy, each run single-threaded as it would be), and then
  /// the large-batch runs one at a time with OpenBLAS's count restored (the setting is
  /// process-wide, so other BLAS work in the process meanwhile runs on one thread too). A
  /// run's numbers depend only on its batch and seed (times excepted: two runs side by side
  /// share the memory bus). `progress` is called on the calling thread.
  ///
  /// `cancellation` stops the runs in flight; the finished ones are kept and the study's stop
  /// is `.interrupted`.
  ///
  /// - Throws: `NetworkError` for bad options (no batch sizes, a batch below 1, seeds < 1, …)
  ///   or data that does not fit the architecture, before any training.
  public func batchStudy(
    on data: Dataset, options: BatchStudyOptions = BatchStudyOptions(), cancellation: CancellationFlag? = nil,
    progress: ((BatchStudyProgress) -> Void)? = nil
  ) throws -> BatchStudy {
    try options.validate()
    try check(data)
    if let test = options.fit.test { try check(test) }
    if let problem = options.fit.optimizer.problem { throw NetworkError.badOption(problem) }
    guard options.fit.epochs >= 1 else {
      throw NetworkError.badOption("epochs must be at least 1, got \(options.fit.epochs)")
    }
    try options.epsilonSharpness.map(Self.validate)
    let begin = DispatchTime.now().uptimeNanoseconds
    let (batches, clampNotes) = Self.resolve(options.batches, count: data.count)
    let jobs = batches.flatMap { b in
      (0..<options.seeds).map { BatchJob(batch: b, seed: options.firstSeed &+ UInt64($0)) }
    }
    let work = BatchStudyWork(
      template: self, data: data, subset: try data.first(min(data.count, options.sharpnessExamples)),
      options: options, jobs: jobs, cancellation: cancellation)
    let small = jobs.indices.filter { jobs[$0].batch < BLASThreads.threshold }
    let large = jobs.indices.filter { jobs[$0].batch >= BLASThreads.threshold }
    if !small.isEmpty {
      let threads = openblas_get_num_threads()
      openblas_set_num_threads(1)
      work.run(small, workers: min(options.workers, small.count), progress: progress)
      openblas_set_num_threads(threads)
    }
    if cancellation?.isSet != true, work.failure == nil, !large.isEmpty {
      work.run(large, workers: 1, progress: progress)
    }
    if let failure = work.failure { throw failure }
    let runs = work.finished
    return BatchStudy(
      template: self, options: options, batches: batches, runs: runs,
      stop: runs.count < jobs.count ? .interrupted : .finished, notes: clampNotes + Self.divergenceNotes(runs),
      seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
  }

  /// The batch sizes after clamping to the data size, each once, and what was changed.
  static func resolve(_ requested: [Int], count: Int) -> (batches: [Int], notes: [String]) {
    var batches = [Int]()
    var notes = [String]()
    for b in requested {
      let used = min(b, count)
      if b > count { notes.append("batch \(b) is larger than the \(count) examples, so it runs full batch (\(used))") }
      if batches.contains(used) {
        notes.append("batch \(b) repeats batch \(used) and is measured once")
        continue
      }
      batches.append(used)
    }
    return (batches, notes)
  }

  static func validate(_ epsilon: EpsilonSharpnessOptions) throws {
    guard epsilon.epsilon.isFinite, epsilon.epsilon > 0 else {
      throw NetworkError.badOption("epsilon must be a finite number above 0, got \(epsilon.epsilon)")
    }
    guard epsilon.iterations >= 0 else {
      throw NetworkError.badOption("iterations must be 0 or more, got \(epsilon.iterations)")
    }
  }

  private static func divergenceNotes(_ runs: [BatchStudyRun]) -> [String] {
    runs.compactMap { run in
      guard case .diverged(let epoch, let step, _) = run.record.stopReason else { return nil }
      return "batch \(run.batch), seed \(run.seed) diverged at epoch \(epoch), step \(step) "
        + "(measured at the model before that update)"
    }
  }

  /// One run: a network from `seed` trained at `batch`, then measured; nil when a stop was
  /// requested before it finished.
  func batchStudyRun(_ job: BatchJob, _ work: BatchStudyWork, report: @escaping (FitProgress) -> Void) throws
    -> BatchStudyRun?
  {
    let begin = DispatchTime.now().uptimeNanoseconds
    let net = try MLP(
      layerSizes: layerSizes, activation: activation, loss: loss, bias: bias, initialization: initialization,
      seed: job.seed)
    var fit = work.options.fit
    (fit.batch, fit.seed) = (.size(job.batch), job.seed)
    let record = try net.fit(on: work.data, options: fit, cancellation: work.cancellation, progress: report)
    if case .interrupted = record.stopReason { return nil }
    let model = record.model
    // A stop between the measurements drops the run at once (a pass over 60,000 images
    // takes a good part of a second).
    guard work.cancellation?.isSet != true else { return nil }
    let train = model.scores(on: work.data)
    guard work.cancellation?.isSet != true else { return nil }
    let test = fit.test.map { model.scores(on: $0) }
    let lanczos = LanczosOptions(tolerance: 1e-8, checkMultiplicity: false)
    let sharpness = try? model.sharpness(on: work.subset, options: lanczos, cancellation: work.cancellation)
    let epsilon = work.options.epsilonSharpness.flatMap { try? model.epsilonSharpness(on: work.subset, options: $0) }
    if work.cancellation?.isSet == true { return nil }
    return BatchStudyRun(
      batch: job.batch, seed: job.seed, record: record, trainLoss: train.loss, trainAccuracy: train.accuracy,
      testLoss: test?.loss, testAccuracy: test?.accuracy, sharpness: sharpness, epsilonSharpness: epsilon,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
  }

  /// Mean loss and accuracy (nil for regression) on all of `data` in one `Float64` pass; the
  /// data was checked against the architecture.
  func scores(on data: Dataset) -> (loss: Double, accuracy: Double?) {
    let pass = NetworkEvaluation<Double>(model: self, data: data)
    let result = parameters.withUnsafeBufferPointer { pass.run(parameters: $0.baseAddress!, gradient: nil) }
    return (result.loss, pass.labels == nil ? nil : Double(result.correct) / Double(data.count))
  }
}

/// One run of a study: a batch size and a seed.
struct BatchJob: Sendable {
  let batch: Int
  let seed: UInt64
}
