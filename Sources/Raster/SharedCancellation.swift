import Synchronization

/// The caller's stop check, shared by the threads of one parallel job (stamping a scatter's
/// bands, deflating a large PNG's bands).
///
/// Why: the caller's closure need not be thread-safe, so it is called under a lock (never
/// from two threads at once), and once it has said stop every thread stops at its next check.
final class SharedCancellation: Sendable {
  private let stopped = Mutex(false)
  nonisolated(unsafe) private let ask: () -> Bool

  init(_ ask: @escaping () -> Bool) { self.ask = ask }

  /// Whether a stop has been seen (without asking the caller again).
  var hasStopped: Bool { stopped.withLock { $0 } }

  /// Whether the job should stop (asks the caller until it once says yes).
  func shouldStop() -> Bool {
    stopped.withLock { stopped in
      if !stopped { stopped = ask() }
      return stopped
    }
  }
}
