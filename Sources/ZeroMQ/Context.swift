import CZeroMQ

/// A libzmq context: owns the I/O threads; thread-safe, shared by every socket.
public final class Context: @unchecked Sendable {
  let handle: UnsafeMutableRawPointer

  public init() throws(ZMQError) {
    guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
    self.handle = handle
  }

  /// The libzmq version as "major.minor.patch".
  public static var version: String {
    var major: Int32 = 0
    var minor: Int32 = 0
    var patch: Int32 = 0
    zmq_version(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
  }
}
