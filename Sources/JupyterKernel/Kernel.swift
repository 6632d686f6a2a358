import Foundation
import JupyterProtocol
import Synchronization

/// The protocol engine: turns requests into replies and IOPub side effects.
///
/// Every request on shell and control is wrapped in busy → handler → idle with the
/// request's header as parent. Handlers live in per-channel tables (`Kernel+Dispatch`);
/// execution, counting and aborting live in `Kernel+Execute`. Threading: `handle(_:on: .shell)`
/// runs on the shell thread, which alone touches the count and history; control requests
/// and `interrupt()`/`tick()` come from other threads and touch only locked or atomic state.
public final class Kernel: @unchecked Sendable {
  let interpreter: any Interpreter
  let transport: any Transport
  let iopub: IOPubPublisher
  let implementation: String
  let implementationVersion: String
  /// How long (seconds) an execute_request may take from its client to this kernel and still
  /// count as in flight when a cell fails (see `sentBeforeAbort`).
  let inFlightLimit: Double
  /// The wall clock, seconds since 1970 (a parameter so tests can move it).
  let wallClock: @Sendable () -> Double
  /// When the idle of the last cell that failed with `stop_on_error` went out (wall clock):
  /// executes sent before it are aborted. Nil when there is none, or when no request sent
  /// before it can still arrive. Shell thread only.
  var abortCutoff: Double?
  /// Set by interrupt_request or SIGINT; cleared when a cell starts.
  let interruptRequested = Atomic<Bool>(false)
  /// Shell thread only.
  var executionCount = 0
  /// Shell thread only.
  let history: History

  /// What a handler asks the kernel to do once its reply is out.
  enum FollowUp {
    case none
    case abortQueue
    case shutdown(restart: Bool)
  }

  /// `history` defaults to the environment (`SADDLE_HISTORY`, else the XDG data file); only
  /// its path is resolved here: the file is first touched by a stored cell or history request.
  /// `inFlightLimit` is in seconds; `wallClock` gives seconds since 1970.
  public init(
    interpreter: any Interpreter, transport: any Transport, implementation: String = "saddle",
    implementationVersion: String, streamFlushInterval: Duration = .milliseconds(50),
    inFlightLimit: Double = 1, wallClock: @escaping @Sendable () -> Double = Kernel.now,
    history: HistoryLocation = .fromEnvironment()
  ) {
    self.inFlightLimit = inFlightLimit
    self.wallClock = wallClock
    self.history = History(location: history)
    self.interpreter = interpreter
    self.transport = transport
    self.iopub = IOPubPublisher(transport: transport, flushInterval: streamFlushInterval)
    self.implementation = implementation
    self.implementationVersion = implementationVersion
  }

  /// Publishes `status: starting` once, with an empty parent, when the sockets are up.
  public func announceStart() {
    iopub.publish("status", StatusContent("starting"), parent: Data("{}".utf8))
  }

  /// Handles one authenticated request that arrived on `channel` (shell or control).
  public func handle(_ message: IncomingMessage, on channel: Channel) {
    if channel == .shell, sentBeforeAbort(message) {
      abort(message)
      return
    }
    publishStatus(Self.busy, parent: message.headerBytes)
    let followUp = dispatch(message, on: channel)
    iopub.flush()
    // Queued executes are aborted before this request's idle (as ipykernel does); those
    // still on their way, sent before the first abort reply went out, when they arrive. The
    // cutoff is taken before those replies: a client that saw one and then sent its next cell
    // dates it after the cutoff, so that cell runs (taking it after them raced with such a client).
    if case .abortQueue = followUp {
      abortCutoff = wallClock()
      abortQueuedExecutes()
    }
    publishStatus(Self.idle, parent: message.headerBytes)
    if case .shutdown(let restart) = followUp { transport.shutdown(restart: restart) }
  }

  /// Status contents, encoded once: two of them go out for every request.
  static let busy = encodeJSON(StatusContent("busy"))
  static let idle = encodeJSON(StatusContent("idle"))

  /// Publishes `status` with pre-encoded content.
  func publishStatus(_ content: Data, parent: Data) {
    iopub.publish("status", contentBytes: content, parent: parent, completesRequest: content == Self.idle)
  }

  /// The system's wall clock in seconds since 1970.
  public static let now: @Sendable () -> Double = { Date().timeIntervalSince1970 }

  /// Stops the running cell (from interrupt_request or SIGINT); harmless when idle.
  public func interrupt() {
    interruptRequested.store(true, ordering: .sequentiallyConsistent)
    interpreter.interrupt()
  }

  /// Publishes stream text that has been buffered long enough; call every few milliseconds.
  public func tick() {
    iopub.tick()
  }

  /// Sends `content` as the reply `msgType` to `request`, on the channel it came from.
  func reply<T: Encodable>(
    _ request: IncomingMessage, on channel: Channel, _ msgType: String, _ content: T, metadata: Data = Data("{}".utf8)
  ) {
    iopub.flush()
    transport.send(
      OutgoingMessage(
        channel: channel, identities: request.identities, msgType: msgType, parentBytes: request.headerBytes,
        metadataBytes: metadata, contentBytes: encodeJSON(content)))
  }

  /// The reply type for a request type (which ends in `_request`): `x_request` → `x_reply`.
  static func replyType(for requestType: String) -> String {
    String(requestType.dropLast("_request".count)) + "_reply"
  }
}
