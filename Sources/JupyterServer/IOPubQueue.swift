import Foundation
import Synchronization
import ZeroMQ

/// The IOPub PUB socket, shared by the threads that publish (shell, control).
///
/// libzmq sockets are not thread-safe, but a socket may be used by several threads one at a
/// time when each hand-over is a full memory barrier; `sendLock` (a mutex) is exactly that,
/// so every use of the socket happens under it. A PUB socket never blocks on send (it drops
/// above its high-water mark), so holding the lock while sending cannot stall a thread on a
/// slow subscriber.
///
/// Design note (latency): a cell produces a burst (busy, execute_input, outputs, result,
/// idle). Messages are queued, in order, and sent together by the thread that publishes the
/// burst's last message: before a reply (`flush()`), or with a request's final `idle`.
/// Messages queued in between (stream text of a long cell) go out at the control thread's
/// next `nudge()` (every 5 ms). Sending on the publishing thread costs no context switch;
/// the earlier design, a dedicated owner thread woken for each burst, paid one (or a
/// yielding poll) per request on the round trip's critical path.
final class IOPubQueue: @unchecked Sendable {
  private let queue = Mutex<[[Data]]>([])
  /// Serializes every use of the socket and keeps batches in queue order.
  private let sendLock = NSLock()
  private let socket: Socket

  init(socket: Socket) {
    self.socket = socket
  }

  /// Queues one message's frames; with `sendNow`, sends it and everything queued before it.
  func enqueue(_ frames: [Data], sendNow: Bool) {
    queue.withLock { $0.append(frames) }
    if sendNow { flush() }
  }

  /// Sends everything queued so far, in order, on the calling thread.
  func flush() {
    sendLock.lock()
    defer { sendLock.unlock() }
    let batch = queue.withLock { queue in
      let batch = queue
      queue.removeAll(keepingCapacity: true)
      return batch
    }
    for frames in batch {
      do {
        try socket.send(frames)
      } catch {
        JupyterServerLog.warning("IOPub send failed: \(error)")
      }
    }
  }

  /// Sends queued messages, if any (called every few milliseconds).
  func nudge() {
    if queue.withLock({ !$0.isEmpty }) { flush() }
  }
}
