import _TestSupport

/// Runs a closure after a delay on a thread of its own (for interrupt tests; see
/// `afterOnOwnThread` for why not a dispatch queue).
public enum DispatchQueueHelper {
  public static func after(_ seconds: Double, _ body: @escaping @Sendable () -> Void) {
    afterOnOwnThread(seconds, body)
  }
}
