import CLapack

/// How many threads OpenBLAS uses while a fit runs.
///
/// A small batch's products (one example: 100k multiply-adds) are too short to share: with
/// two threads OpenBLAS hands every `gemv` to a worker and waits for it, and on a busy
/// machine that wait costs more than the product (measured here: batch 1 at 19× the wall
/// time of one thread, batch 32 at 1.3×). So batches under `threshold` rows run on one
/// thread and larger ones on OpenBLAS's own count; the count is a function of the batch,
/// so the same seed and batch still give bit-identical runs. The setting is process-wide
/// and is restored when the fit ends.
enum BLASThreads {
  /// Batches of fewer rows than this run single-threaded.
  static let threshold = 512

  /// Runs `body` with one BLAS thread when `rows` is under the threshold.
  static func forBatch<R>(rows: Int, _ body: () throws -> R) rethrows -> R {
    guard rows < threshold else { return try body() }
    let previous = openblas_get_num_threads()
    // Already one thread (a critical study's workers): setting it again from one worker
    // while another is inside a BLAS call changed that call's results in the last digits.
    guard previous != 1 else { return try body() }
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(previous) }
    return try body()
  }
}
