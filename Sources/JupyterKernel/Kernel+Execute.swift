import Foundation
import JupyterProtocol

/// execute_request: counting, execute_input, outputs, the reply, history and aborting.
extension Kernel {
  /// Runs a cell: busy (by `handle`) → execute_input → outputs → reply → idle (by `handle`).
  ///
  /// The count increments only for `store_history` (forced off when silent), and the same
  /// number goes into execute_input, execute_result and the reply, also on error.
  func executeRequest(_ m: IncomingMessage, on c: Channel) throws(ProtocolError) -> FollowUp {
    let request = try m.decodeContent(ExecuteRequest.self)
    if request.storeHistory { executionCount += 1 }
    let count = executionCount
    if !request.silent {
      iopub.publish("execute_input", ExecuteInput(code: request.code, executionCount: count), parent: m.headerBytes)
    }
    interruptRequested.store(false, ordering: .sequentiallyConsistent)
    let sink = CellSink(kernel: self, request: m, silent: request.silent, allowStdin: request.allowStdin)
    do throws(ExecutionError) {
      let value = try interpreter.execute(request.code, output: sink)
      if let value, !request.silent {
        let content = DisplayContent(data: value.data, metadata: Self.metadata(value), executionCount: count)
        iopub.publish("execute_result", content, parent: m.headerBytes)
      }
      if request.storeHistory { history.append(line: count, input: request.code, output: value?.data["text/plain"]) }
      let expressions = evaluate(request.userExpressions)
      reply(
        m, on: c, "execute_reply",
        ExecuteOkReply(executionCount: count, payload: sink.payload, userExpressions: expressions))
      return .none
    } catch {
      let stops = request.stopOnError && !request.silent
      if stops { lastErrorTime = wallClock() }
      if !request.silent {
        iopub.publish(
          "error", ErrorContent(ename: error.name, evalue: error.message, traceback: error.traceback),
          parent: m.headerBytes)
      }
      if request.storeHistory { history.append(line: count, input: request.code, output: nil) }
      let content = ErrorContent(
        ename: error.name, evalue: error.message, traceback: error.traceback, status: "error", executionCount: count)
      reply(m, on: c, "execute_reply", content)
      return stops ? .abortQueue : .none
    }
  }

  /// Answers every execute_request already queued on shell with an abort reply; other
  /// queued requests are handled normally, in order. Never waits: requests still in flight
  /// are recognised when they arrive (`sentBeforeLastError`).
  func abortQueuedExecutes() {
    for queued in transport.drainShell() {
      guard queued.header.msgType == "execute_request" else {
        handle(queued, on: .shell)
        continue
      }
      abort(queued)
    }
  }

  /// busy → `{status: "aborted"}` without a count → idle, as ipykernel answers an aborted request.
  func abort(_ request: IncomingMessage) {
    KernelLog.debug("aborting execute_request \(request.header.msgID)")
    publishStatus(Self.busy, parent: request.headerBytes)
    reply(
      request, on: .shell, "execute_reply", StatusReply(status: "aborted"),
      metadata: encodeJSON(["status": "aborted"]))
    publishStatus(Self.idle, parent: request.headerBytes)
  }

  /// Whether `m` is an execute_request that was in flight when the last cell failed: its
  /// header's `date` is before that error, so its client sent it before it could know of the
  /// error (a "Run All" whose first cell failed at once), and it took at most `inFlightLimit`
  /// to arrive, which also shows that the client's clock agrees with ours.
  ///
  /// Why dates and not a wait: a fixed wait for stragglers after every error made the error
  /// path ~50× slower than success, and any wait also catches a request a fast client sent
  /// after seeing the error. A request without a readable date is never aborted this way
  /// (ipykernel's default behaviour). A client whose clock lags ours by at most
  /// `inFlightLimit` and that sends its next cell within that lag of seeing an error could
  /// see that cell aborted; no interactive client is that fast.
  func sentBeforeLastError(_ m: IncomingMessage) -> Bool {
    guard let errorTime = lastErrorTime, m.header.msgType == "execute_request" else { return false }
    let now = wallClock()
    guard now - errorTime <= inFlightLimit else {
      // Nothing sent before the error can arrive in time any more.
      lastErrorTime = nil
      return false
    }
    guard let sent = m.header.date.flatMap(ISODate.seconds) else { return false }
    return sent < errorTime && now - sent <= inFlightLimit
  }

  /// Evaluates `user_expressions` after the cell: each key gets its own ok or error dict.
  func evaluate(_ expressions: [String: String]) -> [String: JSONValue] {
    var results: [String: JSONValue] = [:]
    for (name, code) in expressions {
      let quiet = QuietSink()
      do throws(ExecutionError) {
        let value = try interpreter.execute(code, output: quiet) ?? MimeBundle(plainText: "")
        results[name] = [
          "status": "ok", "data": .object(value.data.mapValues(JSONValue.string)),
          "metadata": .object(Self.metadata(value)),
        ]
      } catch {
        results[name] = [
          "status": "error", "ename": .string(error.name), "evalue": .string(error.message),
          "traceback": .array(error.traceback.map(JSONValue.string)),
        ]
      }
    }
    return results
  }

  /// A bundle's per-MIME metadata as JSON (numbers stay integers).
  static func metadata(_ bundle: MimeBundle) -> [String: JSONValue] {
    bundle.metadata.mapValues { .object($0.mapValues(JSONValue.int)) }
  }
}
