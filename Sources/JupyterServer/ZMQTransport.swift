import Foundation
import JupyterKernel
import JupyterProtocol
import ZeroMQ

/// The kernel's `Transport` over the five ZeroMQ sockets.
///
/// Ownership: shell and stdin sockets belong to the shell thread, the control socket to the
/// control thread; IOPub is shared under its queue's lock. `send` picks the socket by
/// channel, and the kernel only sends on a channel from that channel's thread.
final class ZMQTransport: Transport, @unchecked Sendable {
  let codec: WireCodec
  let shell: Socket
  let control: Socket
  let stdin: Socket
  let iopub: IOPubQueue

  init(codec: WireCodec, shell: Socket, control: Socket, stdin: Socket, iopub: IOPubQueue) {
    self.codec = codec
    self.shell = shell
    self.control = control
    self.stdin = stdin
    self.iopub = iopub
  }

  func send(_ message: OutgoingMessage) {
    let frames = codec.encode(message)
    JupyterServerLog.debug("\(message.channel.rawValue) → \(message.msgType)")
    do {
      switch message.channel {
      case .iopub: iopub.enqueue(frames, sendNow: message.completesRequest)
      case .shell:
        // A request's outputs leave before its reply.
        iopub.flush()
        try shell.send(frames)
      case .control:
        iopub.flush()
        try control.send(frames)
      case .stdin:
        // Output printed before the prompt should reach the frontend first.
        iopub.flush()
        discardStaleStdin()
        try stdin.send(frames)
      }
    } catch {
      JupyterServerLog.warning("sending \(message.msgType) on \(message.channel.rawValue) failed: \(error)")
    }
  }

  func drainShell() -> [IncomingMessage] {
    var drained: [IncomingMessage] = []
    while true {
      let frames: [Data]?
      do { frames = try shell.receive(wait: false) } catch {
        JupyterServerLog.warning("shell receive failed: \(error)")
        break
      }
      guard let frames else { break }
      if let message = decode(frames, on: .shell) { drained.append(message) }
    }
    return drained
  }

  func receiveStdin(shouldStop: () -> Bool) -> IncomingMessage? {
    while !shouldStop() {
      do {
        guard try pollReadable([stdin], timeoutMilliseconds: 10)[0],
          let frames = try stdin.receive(wait: false)
        else { continue }
        if let message = decode(frames, on: .stdin) { return message }
      } catch {
        JupyterServerLog.warning("stdin receive failed: \(error)")
        return nil
      }
    }
    return nil
  }

  /// Drops replies left on stdin by an earlier, abandoned input request, so the next
  /// input_request is answered by its own reply (ipykernel does the same).
  func discardStaleStdin() {
    while let frames = try? stdin.receive(wait: false) {
      JupyterServerLog.debug("discarding a stale stdin message (\(frames.count) frames)")
    }
  }

  /// Flushes IOPub, gives libzmq a moment to put the last replies on the wire, and exits;
  /// the manager starts a new process on the same ports for a restart.
  func shutdown(restart: Bool) {
    JupyterServerLog.debug("shutting down (restart: \(restart))")
    iopub.flush()
    usleep(100_000)
    // _exit, not exit: other threads are still inside libzmq and the interpreter, and
    // running atexit handlers and static destructors under them risks a hang at shutdown.
    _exit(0)
  }

  /// Authenticates and parses frames; a bad message is logged and dropped, never fatal.
  func decode(_ frames: [Data], on channel: Channel) -> IncomingMessage? {
    do {
      let message = try codec.decode(frames)
      JupyterServerLog.debug("\(channel.rawValue) ← \(message.header.msgType) \(message.header.msgID)")
      return message
    } catch {
      JupyterServerLog.warning("dropped a message on \(channel.rawValue): \(error)")
      return nil
    }
  }
}
