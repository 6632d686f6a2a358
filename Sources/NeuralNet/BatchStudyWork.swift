import Dispatch
import Foundation
import MathCore

/// The runs of a batch study and their results, shared by its worker threads under one lock.
///
/// Design note: workers are threads of their own (not `concurrentPerform`, which would make
/// the calling thread a worker too) so the calling thread stays free to deliver progress: it
/// waits on a semaphore that every finished run signals, with a timeout of the fit's
/// progress interval, and calls `progress` itself. So the caller's callback needs no
/// thread-safety and a language host's output is only ever touched from the cell's thread.
final class BatchStudyWork: @unchecked Sendable {
  let template: MLP
  let data: Dataset
  /// The fixed subset λmax and ε-sharpness are measured on.
  let subset: Dataset
  let options: BatchStudyOptions
  let jobs: [BatchJob]
  /// The study's batch sizes in table order (for progress reports).
  let batches: [Int]
  let cancellation: CancellationFlag?

  private let lock = NSLock()
  private let wake = DispatchSemaphore(value: 0)
  private var results: [BatchStudyRun?]
  private var queue: [Int] = []
  private var running = 0
  private var latest: (batch: Int, seed: UInt64, fit: FitProgress)?
  private var changed = false
  private var error: Error?

  init(
    template: MLP, data: Dataset, subset: Dataset, options: BatchStudyOptions, jobs: [BatchJob],
    cancellation: CancellationFlag?
  ) {
    self.template = template
    self.data = data
    self.subset = subset
    self.options = options
    self.jobs = jobs
    self.batches = jobs.reduce(into: [Int]()) { if !$0.contains($1.batch) { $0.append($1.batch) } }
    self.cancellation = cancellation
    results = Array(repeating: nil, count: jobs.count)
  }

  /// The finished runs, in study order.
  var finished: [BatchStudyRun] { lock.withLock { results.compactMap { $0 } } }
  /// The first error a run threw.
  var failure: Error? { lock.withLock { error } }

  /// Runs the jobs at `indices` on `workers` threads and returns when all have ended,
  /// delivering progress on the calling thread meanwhile.
  func run(_ indices: [Int], workers: Int, progress: ((BatchStudyProgress) -> Void)?) {
    lock.withLock {
      queue = indices.reversed()
      running = workers
    }
    for _ in 0..<workers {
      let thread = Thread { [self] in work() }
      thread.stackSize = 8 << 20
      thread.start()
    }
    let interval = min(max(options.fit.progressInterval, 0.01), 1)
    while true {
      _ = wake.wait(timeout: .now() + interval)
      let (done, report) = snapshot()
      if let report { progress?(report) }
      if done { return }
    }
  }

  /// Whether every worker has ended, and a report when something changed.
  private func snapshot() -> (Bool, BatchStudyProgress?) {
    lock.withLock {
      defer { changed = false }
      let runs = results.compactMap { $0 }
      let report =
        changed
        ? BatchStudyProgress(
          finished: runs.count, total: jobs.count, batches: batches, runs: runs, current: latest) : nil
      return (running == 0, report)
    }
  }

  /// A worker's loop: take the next job until none is left, a stop is asked or a run failed.
  private func work() {
    while cancellation?.isSet != true, let index = next() {
      let job = jobs[index]
      do {
        let run = try template.batchStudyRun(job, self) { [self] p in
          lock.withLock {
            latest = (job.batch, job.seed, p)
            changed = true
          }
        }
        lock.withLock {
          results[index] = run
          changed = true
        }
      } catch {
        lock.withLock { if self.error == nil { self.error = error } }
      }
      wake.signal()
    }
    lock.withLock { running -= 1 }
    wake.signal()
  }

  private func next() -> Int? {
    lock.withLock {
      guard error == nil else { return nil }
      return queue.popLast()
    }
  }
}
