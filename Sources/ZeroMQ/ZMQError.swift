import CZeroMQ

/// A failed libzmq call: which operation, the errno, and libzmq's text for it.
public struct ZMQError: Error, CustomStringConvertible, Equatable {
  public var operation: String
  public var code: Int32

  public init(operation: String, code: Int32) {
    self.operation = operation
    self.code = code
  }

  /// The error for the current `zmq_errno()`.
  static func last(_ operation: String) -> ZMQError {
    ZMQError(operation: operation, code: zmq_errno())
  }

  public var description: String {
    "\(operation) failed: \(String(cString: zmq_strerror(code))) (errno \(code))"
  }

  /// Whether a signal interrupted the call (retry it).
  public var isInterrupted: Bool { code == EINTR }
  /// Whether a non-blocking call had nothing to do.
  public var isWouldBlock: Bool { code == EAGAIN }
}
