import Dispatch

/// Runs a closure on a background queue after a delay (for interrupt tests).
enum DispatchQueueHelper {
  static func after(_ seconds: Double, _ body: @escaping @Sendable () -> Void) {
    DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: body)
  }
}
