import Foundation
import Synchronization

/// Remembers recent signatures so a replayed message is rejected.
///
/// Mirrors jupyter_client's `digest_history`: up to `capacity` digests are kept, and when
/// full the oldest 10 % are forgotten, so memory stays bounded however long the kernel runs.
/// Shared by the shell, control and stdin threads, hence the lock.
public final class ReplayGuard: Sendable {
  private struct State {
    var seen: Set<Data> = []
    var order: [Data] = []
    var start = 0
  }
  private let state = Mutex(State())
  let capacity: Int

  public init(capacity: Int = 1 << 16) {
    precondition(capacity >= 10, "replay history too small")
    self.capacity = capacity
  }

  /// Records `signature`; returns false when it was already seen (a replay).
  public func admit(_ signature: Data) -> Bool {
    state.withLock { s in
      if s.seen.contains(signature) { return false }
      s.seen.insert(signature)
      s.order.append(signature)
      if s.seen.count > capacity { cull(&s) }
      return true
    }
  }

  /// The number of remembered signatures (for tests of the bound).
  public var count: Int { state.withLock { $0.seen.count } }

  private func cull(_ s: inout State) {
    let drop = max(1, capacity / 10)
    for digest in s.order[s.start..<(s.start + drop)] { s.seen.remove(digest) }
    s.start += drop
    if s.start > s.order.count / 2 {
      s.order.removeFirst(s.start)
      s.start = 0
    }
  }
}
