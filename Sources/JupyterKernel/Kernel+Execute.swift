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
  /// are recognised when they arrive (`sentBeforeAbort`).
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

  /// Whether `m` is an execute_request that was in flight when the last failed cell's queue
  /// was aborted (`abortCutoff`, taken before the first abort reply): its header's `date` is
  /// before that moment, so it belongs to the
  /// queue the error aborts (a "Run All" whose first cell failed at once), and it took at most
  /// `inFlightLimit` to arrive, which also shows that its client's clock agrees with ours.
  ///
  /// Why dates and not a wait: a fixed 20 ms wait for stragglers made every failing cell
  /// ~50× slower than a successful one, and a wait of any length either misses stragglers or
  /// also catches the next cell of a client that waited for the idle. A request without a
  /// readable date is never aborted this way (ipykernel's default behaviour). A client whose
  /// clock lags ours by up to `inFlightLimit` and that sends its next cell within that lag
  /// of the idle could see that cell aborted; clients on the kernel's machine share its clock.
  func sentBeforeAbort(_ m: IncomingMessage) -> Bool {
    guard let cutoff = abortCutoff, m.header.msgType == "execute_request" else { return false }
    let now = wallClock()
    guard now - cutoff <= inFlightLimit else {
      // Nothing sent before the cutoff can arrive in time any more.
      abortCutoff = nil
      return false
    }
    guard let sent = m.header.date.flatMap(ISODate.seconds) else { return false }
    return sent < cutoff && now - sent <= inFlightLimit
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
