import Foundation
import Synchronization

/// Runs a call that cannot poll the flag itself (one LAPACK routine) so that a stop still
/// ends the wait promptly.
///
/// Design note: LAPACK's `dsyevd` and `dgetrf` have no cancellation hook, and a blocked
/// reimplementation (divide and conquer split into pollable phases) would mean writing our
/// own eigensolver. Instead the call runs on a worker thread over its own copy of the data,
/// and the caller waits in 5 ms slices, checking the flag between them. On a stop the caller
/// returns `Interrupted` at once and the worker finishes in the background, its result
/// discarded: the cell stops within milliseconds at the price of the CPU finishing the
/// routine (at most a few seconds for the largest matrices the builtins accept). Small
/// problems (`cost` below `inlineCost`) run inline: a thread would cost more than the call.
extension CancellationFlag {
  /// Work below this many flops runs on the calling thread (about 10 ms).
  static let inlineCost = 1e8

  /// The result of `work`, computed on a worker when `cost` (flops) is large; throws
  /// `Interrupted` as soon as the flag is set while waiting.
  public func runDetached<T: Sendable>(cost: Double, _ work: @escaping @Sendable () -> T)
    throws(Interrupted) -> T
  {
    try check()
    guard cost >= Self.inlineCost else { return work() }
    let box = DetachedResult<T>()
    let thread = Thread { box.finish(work()) }
    thread.stackSize = 1 << 22
    thread.start()
    while true {
      if let value = box.wait(milliseconds: 5) { return value }
      try check()
    }
  }
}

/// The hand-over slot between a detached worker and the waiting caller.
private final class DetachedResult<T: Sendable>: Sendable {
  private let value = Mutex<T?>(nil)
  private let done = DispatchSemaphore(value: 0)

  func finish(_ result: T) {
    value.withLock { $0 = result }
    done.signal()
  }

  /// The result if it arrives within `milliseconds`, else nil.
  func wait(milliseconds: Int) -> T? {
    guard done.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return nil }
    return value.withLock { $0 }
  }
}
