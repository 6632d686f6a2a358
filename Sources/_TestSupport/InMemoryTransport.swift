import Foundation
import JupyterKernel
import JupyterProtocol
import Synchronization

/// A `Transport` that records what the kernel sends and serves queued input from memory,
/// so the kernel state machine can be tested without sockets or threads.
public final class InMemoryTransport: Transport, Sendable {
  /// One recorded outgoing message, with its content decoded for assertions.
  public struct Sent: Sendable {
    public var channel: Channel
    public var msgType: String
    public var identities: [Data]
    public var parentMsgID: String?
    public var content: JSONValue
    public var metadata: JSONValue
    public var completesRequest: Bool
  }

  private struct State {
    var sent: [Sent] = []
    var shellQueue: [IncomingMessage] = []
    var stdinQueue: [IncomingMessage] = []
    var shutdowns: [Bool] = []
    var drains = 0
  }
  private let state = Mutex(State())

  public init() {}

  public func send(_ message: OutgoingMessage) {
    let parent = try? JSONDecoder().decode(JSONValue.self, from: message.parentBytes)
    let content = (try? JSONDecoder().decode(JSONValue.self, from: message.contentBytes)) ?? .null
    let metadata = (try? JSONDecoder().decode(JSONValue.self, from: message.metadataBytes)) ?? .null
    let sent = Sent(
      channel: message.channel, msgType: message.msgType, identities: message.identities,
      parentMsgID: parent?["msg_id"]?.stringValue, content: content, metadata: metadata,
      completesRequest: message.completesRequest)
    state.withLock { $0.sent.append(sent) }
  }

  /// The queued requests (counting the drain, for assertions).
  public func drainShell() -> [IncomingMessage] {
    state.withLock { $0.drains += 1 }
    return takeShellQueue()
  }

  /// Removes and returns the queued shell requests (for assertions).
  public func takeShellQueue() -> [IncomingMessage] {
    state.withLock { s in
      defer { s.shellQueue.removeAll() }
      return s.shellQueue
    }
  }

  public func receiveStdin(shouldStop: () -> Bool) -> IncomingMessage? {
    if shouldStop() { return nil }
    return state.withLock { s in s.stdinQueue.isEmpty ? nil : s.stdinQueue.removeFirst() }
  }

  public func shutdown(restart: Bool) {
    state.withLock { $0.shutdowns.append(restart) }
  }

  /// Queues shell requests that "arrived" while the kernel was busy (seen by `drainShell()`).
  public func queueShell(_ messages: [IncomingMessage]) {
    state.withLock { $0.shellQueue.append(contentsOf: messages) }
  }

  /// Queues messages the client will "send" on stdin.
  public func queueStdin(_ messages: [IncomingMessage]) {
    state.withLock { $0.stdinQueue.append(contentsOf: messages) }
  }

  /// Everything sent so far, in order.
  public var sent: [Sent] { state.withLock { $0.sent } }

  /// How many times the kernel drained the shell queue.
  public var drainCount: Int { state.withLock { $0.drains } }

  /// The `restart` flags of shutdowns requested so far.
  public var shutdowns: [Bool] { state.withLock { $0.shutdowns } }

  /// Forgets recorded messages.
  public func clear() { state.withLock { $0.sent.removeAll() } }

  /// The IOPub messages, as `msgType` or `status:state` strings, for sequence assertions.
  public var iopubSequence: [String] {
    sent.filter { $0.channel == .iopub }.map { m in
      m.msgType == "status" ? "status:\(m.content["execution_state"]?.stringValue ?? "?")" : m.msgType
    }
  }
}

/// Builds a request as a client would send it, already "authenticated".
public func makeRequest(
  _ msgType: String, _ content: JSONValue = [:], id: String = UUID().uuidString, identity: String = "client-1",
  date: String? = ISODate.now()
) -> IncomingMessage {
  let header = MessageHeader(
    msgID: id, msgType: msgType, session: "test-session", username: "test", date: date, version: "5.3")
  let headerBytes = (try? JSONEncoder().encode(header)) ?? Data()
  let contentBytes = (try? JSONEncoder().encode(content)) ?? Data("{}".utf8)
  return IncomingMessage(
    identities: [Data(identity.utf8)], header: header, headerBytes: headerBytes, contentBytes: contentBytes)
}
