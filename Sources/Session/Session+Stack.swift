import Foundation

/// Runs parsing and evaluation on a thread with a large stack.
///
/// Why: the parser and evaluator recurse once per nesting level (a dozen frames per bracket
/// in the parser), and debug builds use kilobytes per frame, so the deepest cells the
/// language allows need a few megabytes of stack — more than a kernel's worker thread or a
/// dispatch queue may have. The calling thread blocks until the work is done, so calls into
/// the caller's `OutputSink` never overlap with the caller (the semaphores order memory).
/// Rejected: much lower nesting limits (would reject legitimate cells), an explicit work
/// stack in the evaluator (large rewrite for no user-visible gain), and a fresh thread per
/// call (270–415 µs each, most of a trivial execute's round trip).
extension Session {
  /// 64 MiB of address space; only the pages actually used are committed.
  static let stackSize = 64 << 20

  /// Runs `body` on the session's large-stack worker thread and returns its result.
  func onLargeStack<T>(_ body: @escaping () -> T) -> T {
    worker.run(body)
  }
}

/// One long-lived thread with a large stack that runs jobs for its callers, one at a time.
final class LargeStackWorker: @unchecked Sendable {
  private let callers = NSLock()
  private let requested = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  /// The pending job; written by a caller before `requested` is signalled, read by the worker.
  private var job: (() -> Void)?
  private var stopping = false
  private var thread: Thread?

  /// The stack size jobs need; a caller whose own stack is this large runs them inline.
  private let stackSize: Int

  init(stackSize: Int) {
    self.stackSize = stackSize
    let thread = Thread { [self] in loop() }
    thread.stackSize = stackSize
    thread.name = "saddle-session"
    self.thread = thread
    thread.start()
  }

  /// Runs `body` on the worker (directly when already on it, or when the calling thread
  /// itself has a stack at least as large) and waits for its result.
  func run<T>(_ body: @escaping () -> T) -> T {
    if Thread.current === thread || Self.callerHasStack(of: stackSize) { return body() }
    callers.lock()
    defer { callers.unlock() }
    let box = UncheckedBox<T>(body)
    job = { box.result = box.body() }
    requested.signal()
    finished.wait()
    return box.result!
  }

  /// Whether the calling thread was made (as a Foundation `Thread`) with a stack of at least
  /// `size` bytes. Why: the kernel runs cells on a shell thread made with a large stack, and
  /// skipping the hop to the worker saves two thread wake-ups per call. The main thread
  /// always hops (its stack is fixed by the launcher).
  private static func callerHasStack(of size: Int) -> Bool {
    !Thread.isMainThread && Thread.current.stackSize >= size
  }

  /// Ends the worker's loop after any job in progress; the thread then exits.
  func stop() {
    callers.lock()
    defer { callers.unlock() }
    stopping = true
    requested.signal()
    finished.wait()
  }

  private func loop() {
    while true {
      requested.wait()
      if stopping {
        thread = nil
        finished.signal()
        return
      }
      job?()
      job = nil
      finished.signal()
    }
  }
}

/// Carries a closure and its result across the thread hop; safe because the two threads
/// never touch it at the same time (the semaphores order them).
private final class UncheckedBox<T>: @unchecked Sendable {
  let body: () -> T
  var result: T?

  init(_ body: @escaping () -> T) { self.body = body }
}
