import JupyterProtocol

/// The kernel's view of its sockets, so the state machine never touches ZeroMQ.
///
/// The server implements it over libzmq; tests use an in-memory one. Threading contract:
/// shell and stdin messages are sent from the shell thread, control replies from the
/// control thread; IOPub messages may be sent from any thread and must keep their order.
public protocol Transport: AnyObject, Sendable {
  /// Sends (or publishes, for `.iopub`) one message.
  func send(_ message: OutgoingMessage)
  /// The shell requests already received but not yet handled, removed from the queue in
  /// arrival order (used to abort queued executes after an error). Never blocks.
  func drainShell() -> [IncomingMessage]
  /// Waits for the next message on stdin; returns nil when `shouldStop` becomes true first.
  func receiveStdin(shouldStop: () -> Bool) -> IncomingMessage?
  /// Called once the shutdown reply is sent: flush and end the process (or the test run).
  func shutdown(restart: Bool)
}
