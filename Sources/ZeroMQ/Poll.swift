import CZeroMQ

/// Waits until one of `sockets` has a message to read, or `timeoutMilliseconds` pass
/// (-1 waits forever). Returns which sockets are readable; a signal interrupting the
/// wait returns all false, so callers simply loop (and can check their flags).
public func pollReadable(_ sockets: [Socket], timeoutMilliseconds: Int) throws(ZMQError) -> [Bool] {
  var items = sockets.map { zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0) }
  let rc = zmq_poll(&items, Int32(items.count), timeoutMilliseconds)
  if rc < 0 {
    let error = ZMQError.last("zmq_poll")
    if error.isInterrupted { return Array(repeating: false, count: sockets.count) }
    throw error
  }
  return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
}
