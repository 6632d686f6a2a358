import Synchronization

/// The caller's stop check, shared by the threads that deflate a large image's bands.
///
/// Why: a 2× figure of a dense scatter takes about a second to compress, and the stop button
/// must not wait for it. The caller's closure is called under a lock (never from two
/// threads at once) and, once it has said stop, every band stops at its next block.
final class EncodingCancellation: Sendable {
  private let stopped = Mutex(false)
  nonisolated(unsafe) private let ask: () -> Bool

  init(_ ask: @escaping () -> Bool) { self.ask = ask }

  /// Whether encoding should stop (asks the caller until it once says yes).
  func shouldStop() -> Bool {
    stopped.withLock { stopped in
      if !stopped { stopped = ask() }
      return stopped
    }
  }
}
