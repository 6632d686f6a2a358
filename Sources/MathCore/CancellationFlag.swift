import Synchronization

/// A thread-safe stop request that long loops poll.
///
/// Set from another thread (an interrupt request, SIGINT); the running computation checks
/// `isSet` at least every few milliseconds and stops with an `Interrupted` error.
public final class CancellationFlag: Sendable {
  private let flag = Atomic<Bool>(false)

  public init() {}

  /// Whether a stop was requested since the last `reset()`.
  public var isSet: Bool { flag.load(ordering: .acquiring) }

  /// Requests a stop; safe from any thread.
  public func set() { flag.store(true, ordering: .releasing) }

  /// Clears the request (at the start of each execution).
  public func reset() { flag.store(false, ordering: .releasing) }

  /// Throws `Interrupted` when a stop was requested: the one-line check long loops make.
  public func check() throws(Interrupted) {
    if isSet { throw Interrupted() }
  }
}

/// A computation stopped because its `CancellationFlag` was set; the language layer shows it
/// as `Interrupted: interrupted by the user`.
public struct Interrupted: Error, Equatable, Sendable {
  public init() {}
}
