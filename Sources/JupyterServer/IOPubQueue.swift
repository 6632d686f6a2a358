import Foundation
import ZeroMQ

/// The single owner of the IOPub PUB socket.
///
/// libzmq sockets must not be shared between threads, yet shell, control and the stream
/// flusher all publish. So they enqueue already-signed frames here (in order, under a
/// lock), and one dedicated thread sends them. `waitUntilDrained` lets shutdown make sure
/// the final shutdown_reply and idle left the process.
///
/// Design note (latency): waking the publisher thread costs a context switch, and a cell
/// produces a burst (busy, execute_input, outputs, result, idle). Messages therefore only
/// wake the publisher when they complete a request (idle); anything else waits at most until
/// the control thread's next `nudge()` (every 5 ms, right after it flushes old stream text).
/// Waking on every message was measured at about 25 % more round-trip latency under load.
///
/// The one wake-up a client waits for is the idle right after a reply, so the transport
/// calls `prime()` just before it sends a reply: the publisher wakes while the reply goes
/// out, sends what is queued and then briefly polls (yielding the core) for the idle instead
/// of sleeping, so the idle leaves without a second context switch. The poll is bounded by
/// `primedWindow`, so a reply that is not followed by an idle costs at most that much CPU.
final class IOPubQueue: @unchecked Sendable {
  private struct Entry {
    var frames: [Data]
    var completes: Bool
  }
  private let condition = NSCondition()
  private var queue: [Entry] = []
  private var inFlight = 0
  /// Set by `prime()`, cleared once a completing message went out or the window passed.
  private var primed = false
  private let socket: Socket
  /// How long the primed publisher polls for the request's idle before it sleeps again.
  static let primedWindow: Duration = .microseconds(500)

  init(socket: Socket) {
    self.socket = socket
  }

  /// Queues one message's frames; never blocks on the network. With `wake`, the publisher
  /// sends everything queued now; otherwise at the next wake or `nudge()`.
  func enqueue(_ frames: [Data], wake: Bool) {
    condition.lock()
    queue.append(Entry(frames: frames, completes: wake))
    if wake { condition.signal() }
    condition.unlock()
  }

  /// Wakes the publisher ahead of a request's idle (called just before a reply is sent).
  func prime() {
    condition.lock()
    primed = true
    condition.signal()
    condition.unlock()
  }

  /// Wakes the publisher if messages are waiting (called every few milliseconds).
  func nudge() {
    condition.lock()
    if !queue.isEmpty { condition.signal() }
    condition.unlock()
  }

  /// Starts the publisher thread, which runs for the life of the process.
  func start() {
    let thread = Thread { [self] in self.run() }
    thread.name = "saddle-iopub"
    thread.start()
  }

  /// Blocks until everything queued so far has been handed to libzmq, or `timeout` passes.
  func waitUntilDrained(timeout: TimeInterval) {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    condition.signal()
    while !queue.isEmpty || inFlight > 0, condition.wait(until: deadline) {}
    condition.unlock()
  }

  private func run() {
    while true {
      condition.lock()
      while queue.isEmpty && !primed { condition.wait() }
      if queue.isEmpty {
        condition.unlock()
        awaitPrimed()
        continue
      }
      let batch = queue
      queue.removeAll(keepingCapacity: true)
      inFlight = batch.count
      condition.unlock()
      for entry in batch {
        do {
          try socket.send(entry.frames)
        } catch {
          JupyterServerLog.warning("IOPub send failed: \(error)")
        }
      }
      condition.lock()
      inFlight = 0
      if batch.contains(where: \.completes) { primed = false }
      condition.broadcast()
      condition.unlock()
    }
  }

  /// Polls for the next message while primed, yielding the core between looks; gives up
  /// (and un-primes) after `primedWindow`, so the publisher then sleeps on the condition.
  private func awaitPrimed() {
    let deadline = ContinuousClock.now + Self.primedWindow
    while ContinuousClock.now < deadline {
      condition.lock()
      let ready = !queue.isEmpty || !primed
      condition.unlock()
      if ready { return }
      sched_yield()
    }
    condition.lock()
    if queue.isEmpty { primed = false }
    condition.unlock()
  }
}
