import Dispatch

/// Seconds per call of `body`: the fastest of `repetitions` batches of `batch` calls, divided
/// by the batch size. The fastest, not the mean: on a shared machine, slower runs measure the
/// other load, not the code.
public func secondsPerCall(batch: Int = 1, repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
  var fastest = Double.infinity
  for _ in 0..<repetitions {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<batch { try body() }
    fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(batch))
  }
  return fastest
}
