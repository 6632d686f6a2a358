import Foundation
import JupyterProtocol
import Synchronization

/// Publishes IOPub messages in order and coalesces stream writes.
///
/// A chatty loop that prints every iteration would flood IOPub (jupyter_server drops
/// above 1000 msg/s), so stream text is buffered and published at most every
/// `flushInterval`, and always before any other IOPub message, so ordering is kept.
/// The buffer is guarded by a lock because `tick()` flushes from the control thread.
final class IOPubPublisher: Sendable {
  private struct Pending {
    var name: StreamName
    var parent: Data
    var text: String
    var since: ContinuousClock.Instant
  }
  private let pending = Mutex<Pending?>(nil)
  private let transport: any Transport
  let flushInterval: Duration

  init(transport: any Transport, flushInterval: Duration = .milliseconds(50)) {
    self.transport = transport
    self.flushInterval = flushInterval
  }

  /// Publishes `content` as `msgType` with `parent` as its parent header, after any buffered stream text.
  func publish<T: Encodable>(_ msgType: String, _ content: T, parent: Data) {
    publish(msgType, contentBytes: encodeJSON(content), parent: parent)
  }

  /// Publishes already-encoded content (status messages reuse their bytes).
  func publish(_ msgType: String, contentBytes: Data, parent: Data, completesRequest: Bool = false) {
    let message = OutgoingMessage(
      channel: .iopub, msgType: msgType, parentBytes: parent, contentBytes: contentBytes,
      completesRequest: completesRequest)
    pending.withLock { p in
      flushLocked(&p)
      transport.send(message)
    }
  }

  /// Buffers stream text; publishes the buffer when the stream or parent changes or it is old enough.
  func stream(_ name: StreamName, _ text: String, parent: Data) {
    pending.withLock { p in
      if let current = p, current.name != name || current.parent != parent { flushLocked(&p) }
      if p == nil {
        p = Pending(name: name, parent: parent, text: text, since: .now)
      } else {
        p!.text += text
      }
      if ContinuousClock.now - p!.since >= flushInterval { flushLocked(&p) }
    }
  }

  /// Publishes any buffered stream text now (before a reply, an input request, idle).
  func flush() {
    pending.withLock { flushLocked(&$0) }
  }

  /// Publishes buffered text that has waited `flushInterval`; called periodically by the server.
  func tick() {
    pending.withLock { p in
      if let current = p, ContinuousClock.now - current.since >= flushInterval { flushLocked(&p) }
    }
  }

  private func flushLocked(_ p: inout Pending?) {
    guard let current = p else { return }
    p = nil
    let content = StreamContent(name: current.name.rawValue, text: current.text)
    transport.send(
      OutgoingMessage(
        channel: .iopub, msgType: "stream", parentBytes: current.parent, contentBytes: encodeJSON(content)))
  }
}

/// Encodes a protocol struct to JSON bytes; the structs hold only strings, ints, bools
/// and finite-or-null JSON values, so encoding cannot fail in practice.
/// Contents that write their own JSON skip `JSONEncoder` (see `JSONWritable`).
func encodeJSON<T: Encodable>(_ value: T) -> Data {
  if let writable = value as? any JSONWritable { return writable.jsonBytes }
  do {
    return try JSONEncoder().encode(value)
  } catch {
    KernelLog.warning("could not encode \(T.self): \(error)")
    return Data("{}".utf8)
  }
}
