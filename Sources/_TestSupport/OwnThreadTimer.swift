import Foundation

/// Runs `body` after `seconds` on a thread of its own (for stop-button tests).
///
/// Why not `DispatchQueue.global().asyncAfter`: on Linux, Swift's cooperative pool (where the
/// tests themselves run) and the global queues share one thread limit, the number of cores. Two
/// tests spinning in endless loops on a 2-core machine then leave no thread for the closure
/// that would stop them, and the suite hangs (seen here). A detached thread always runs.
public func afterOnOwnThread(_ seconds: Double, _ body: @escaping @Sendable () -> Void) {
  Thread.detachNewThread {
    Thread.sleep(forTimeInterval: seconds)
    body()
  }
}
