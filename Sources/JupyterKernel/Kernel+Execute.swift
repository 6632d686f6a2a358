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
    do throws(InterpreterError) {
      let value = try interpreter.execute(request.code, sink: sink)
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
      if !request.silent {
        iopub.publish(
          "error", ErrorContent(ename: error.name, evalue: error.message, traceback: error.traceback),
          parent: m.headerBytes)
      }
      if request.storeHistory { history.append(line: count, input: request.code, output: nil) }
      let content = ErrorContent(
        ename: error.name, evalue: error.message, traceback: error.traceback, status: "error", executionCount: count)
      reply(m, on: c, "execute_reply", content)
      return request.stopOnError && !request.silent ? .abortQueue : .none
    }
  }

  /// Answers every execute_request already queued on shell with an abort reply
  /// (busy → `{status: "aborted"}` without a count → idle, as ipykernel does);
  /// other queued requests are handled normally, in order.
  func abortQueuedExecutes() {
    for queued in transport.drainShell(grace: abortGrace) {
      guard queued.header.msgType == "execute_request" else {
        handle(queued, on: .shell)
        continue
      }
      KernelLog.debug("aborting queued execute_request \(queued.header.msgID)")
      publishStatus(Self.busy, parent: queued.headerBytes)
      reply(
        queued, on: .shell, "execute_reply", StatusReply(status: "aborted"),
        metadata: encodeJSON(["status": "aborted"]))
      publishStatus(Self.idle, parent: queued.headerBytes)
    }
  }

  /// Evaluates `user_expressions` after the cell: each key gets its own ok or error dict.
  func evaluate(_ expressions: [String: String]) -> [String: JSONValue] {
    var results: [String: JSONValue] = [:]
    for (name, code) in expressions {
      let quiet = QuietSink()
      do throws(InterpreterError) {
        let value = try interpreter.execute(code, sink: quiet) ?? .text("")
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
  static func metadata(_ bundle: DisplayBundle) -> [String: JSONValue] {
    bundle.metadata.mapValues { .object($0.mapValues(JSONValue.int)) }
  }
}
