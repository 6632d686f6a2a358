import Foundation
import Synchronization

/// Set by the SIGINT handler; read and cleared by the control thread, which then interrupts the kernel.
let sigintReceived = Atomic<Bool>(false)

/// SIGINT handling for `interrupt_mode: "signal"` and Ctrl-C.
///
/// The handler only stores to a lock-free atomic (async-signal-safe); the control thread
/// polls the flag every few milliseconds and calls `Kernel.interrupt()` outside signal
/// context. This also replaces the default action, which would kill the kernel.
enum Signals {
  static func installInterruptHandler() {
    signal(SIGINT) { _ in sigintReceived.store(true, ordering: .relaxed) }
  }

  /// Whether a SIGINT arrived since the last call.
  static func takeInterrupt() -> Bool {
    sigintReceived.exchange(false, ordering: .relaxed)
  }
}
