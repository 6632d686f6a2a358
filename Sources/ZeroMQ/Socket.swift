import CZeroMQ
import Foundation

/// A libzmq socket that owns its handle.
///
/// libzmq sockets are not thread-safe: a socket is created on one thread and then used
/// by exactly one thread at a time (ownership is handed over, never shared), which is why
/// it is `@unchecked Sendable`. Blocking calls are retried when a signal interrupts them.
public final class Socket: @unchecked Sendable {
  /// Socket types used by a Jupyter kernel.
  public enum Kind: Int32, Sendable {
    case router, pub, rep, dealer, sub, req
    var raw: Int32 {
      switch self {
      case .router: return ZMQ_ROUTER
      case .pub: return ZMQ_PUB
      case .rep: return ZMQ_REP
      case .dealer: return ZMQ_DEALER
      case .sub: return ZMQ_SUB
      case .req: return ZMQ_REQ
      }
    }
  }

  let handle: UnsafeMutableRawPointer
  private var closed = false

  public init(_ context: Context, _ kind: Kind) throws(ZMQError) {
    guard let handle = zmq_socket(context.handle, kind.raw) else { throw ZMQError.last("zmq_socket") }
    self.handle = handle
  }

  deinit { close() }

  /// Closes the socket; pending outgoing messages are flushed for up to the linger time.
  public func close() {
    guard !closed else { return }
    closed = true
    zmq_close(handle)
  }

  /// Integer socket options a kernel sets, so callers need not import the C module.
  public enum Option: Sendable {
    /// Milliseconds pending messages may still be sent after `close` (`ZMQ_LINGER`).
    case linger
    /// 1: a new peer with a known identity takes over its ROUTER route (`ZMQ_ROUTER_HANDOVER`).
    case routerHandover

    var raw: Int32 {
      switch self {
      case .linger: return ZMQ_LINGER
      case .routerHandover: return ZMQ_ROUTER_HANDOVER
      }
    }
  }

  /// Sets an integer option.
  public func setOption(_ option: Option, _ value: Int32) throws(ZMQError) {
    var v = value
    guard zmq_setsockopt(handle, option.raw, &v, MemoryLayout<Int32>.size) == 0 else {
      throw ZMQError.last("zmq_setsockopt(\(option))")
    }
  }

  /// Binds to `endpoint` (e.g. `tcp://127.0.0.1:5555`, `tcp://127.0.0.1:*`, `ipc:///tmp/k-1`).
  public func bind(_ endpoint: String) throws(ZMQError) {
    guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError.last("zmq_bind(\(endpoint))") }
  }

  /// Connects to `endpoint` (used by tests and clients).
  public func connect(_ endpoint: String) throws(ZMQError) {
    guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError.last("zmq_connect(\(endpoint))") }
  }

  /// The endpoint actually bound last (resolves a `*` port).
  public func lastEndpoint() throws(ZMQError) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    var size = buffer.count
    guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else {
      throw ZMQError.last("zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
    }
    return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Sends a multipart message (`ZMQ_SNDMORE` on all but the last frame).
  public func send(_ frames: [Data]) throws(ZMQError) {
    for (index, frame) in frames.enumerated() {
      let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
      try sendFrame(frame, flags: flags)
    }
  }

  private func sendFrame(_ frame: Data, flags: Int32) throws(ZMQError) {
    while true {
      let rc = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
      if rc >= 0 { return }
      let error = ZMQError.last("zmq_send")
      if !error.isInterrupted { throw error }
    }
  }

  /// Receives one multipart message; with `wait == false` returns nil when none is queued.
  public func receive(wait: Bool = true) throws(ZMQError) -> [Data]? {
    var frames: [Data] = []
    repeat {
      guard let frame = try receiveFrame(flags: wait || !frames.isEmpty ? 0 : ZMQ_DONTWAIT) else { return nil }
      frames.append(frame)
    } while hasMore()
    return frames
  }

  private func receiveFrame(flags: Int32) throws(ZMQError) -> Data? {
    var message = zmq_msg_t()
    zmq_msg_init(&message)
    defer { zmq_msg_close(&message) }
    while zmq_msg_recv(&message, handle, flags) < 0 {
      let error = ZMQError.last("zmq_msg_recv")
      if error.isWouldBlock { return nil }
      if !error.isInterrupted { throw error }
    }
    return Data(bytes: zmq_msg_data(&message), count: zmq_msg_size(&message))
  }

  private func hasMore() -> Bool {
    var more: Int32 = 0
    var size = MemoryLayout<Int32>.size
    return zmq_getsockopt(handle, ZMQ_RCVMORE, &more, &size) == 0 && more != 0
  }
}
