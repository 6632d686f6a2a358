import Foundation

/// Runs parsing and evaluation on a thread with a large stack.
///
/// Why: the parser and evaluator recurse once per nesting level (a dozen frames per bracket
/// in the parser), and debug builds use kilobytes per frame, so the deepest cells the
/// language allows need a few megabytes of stack — more than a kernel's worker thread or a
/// dispatch queue may have. The calling thread blocks until the work is done, so calls into
/// the caller's `OutputSink` never overlap with the caller (the semaphore orders memory).
/// Rejected: much lower nesting limits (would reject legitimate cells) and an explicit
/// work stack in the evaluator (large rewrite for no user-visible gain).
extension Session {
  /// 64 MiB of address space; only the pages actually used are committed.
  static let stackSize = 64 << 20

  /// Runs `body` on a fresh thread with `stackSize` bytes of stack and returns its result.
  func onLargeStack<T>(_ body: @escaping () -> T) -> T {
    let box = UncheckedBox<T>(body)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.result = box.body()
      done.signal()
    }
    thread.stackSize = Session.stackSize
    thread.start()
    done.wait()
    return box.result!
  }
}

/// Carries a closure and its result across the thread hop in `onLargeStack`; safe because
/// the two threads never touch it at the same time (the semaphore orders them).
private final class UncheckedBox<T>: @unchecked Sendable {
  let body: () -> T
  var result: T?

  init(_ body: @escaping () -> T) { self.body = body }
}
