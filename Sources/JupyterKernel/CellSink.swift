import Foundation
import JupyterProtocol

/// The `OutputSink` of one running cell: publishes its outputs with the cell's
/// request as parent, collects pager pages for the reply, and routes input requests
/// over stdin to the same client. A silent cell's outputs are dropped.
final class CellSink: OutputSink {
  private let kernel: Kernel
  private let request: IncomingMessage
  private let silent: Bool
  private let allowStdin: Bool
  /// `page` payload entries for the execute reply.
  private(set) var payload: [JSONValue] = []

  init(kernel: Kernel, request: IncomingMessage, silent: Bool, allowStdin: Bool) {
    self.kernel = kernel
    self.request = request
    self.silent = silent
    self.allowStdin = allowStdin
  }

  func stream(_ stream: StreamName, _ text: String) {
    guard !silent, !text.isEmpty else { return }
    kernel.iopub.stream(stream, text, parent: request.headerBytes)
  }

  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {
    guard !silent else { return }
    let transient = displayID.map { ["display_id": $0] }
    let type = update && displayID != nil ? "update_display_data" : "display_data"
    let content = DisplayContent(data: bundle.data, metadata: Kernel.metadata(bundle), transient: transient)
    kernel.iopub.publish(type, content, parent: request.headerBytes)
  }

  func clearOutput(wait: Bool) {
    guard !silent else { return }
    kernel.iopub.publish("clear_output", ClearOutputContent(wait: wait), parent: request.headerBytes)
  }

  func page(_ bundle: MimeBundle) {
    payload.append(["source": "page", "data": .object(bundle.data.mapValues(JSONValue.string)), "start": 0])
  }

  /// Sends input_request on stdin to the requesting client and waits for its input_reply.
  func input(prompt: String, password: Bool) throws(ExecutionError) -> String {
    guard allowStdin else {
      throw ExecutionError(
        name: "StdinNotImplementedError",
        message: "input() is not available: this frontend does not accept input requests")
    }
    kernel.iopub.flush()
    kernel.transport.send(
      OutgoingMessage(
        channel: .stdin, identities: request.identities, msgType: "input_request", parentBytes: request.headerBytes,
        contentBytes: encodeJSON(InputRequest(prompt: prompt, password: password))))
    let interrupted = { self.kernel.interruptRequested.load(ordering: .sequentiallyConsistent) }
    while let answer = kernel.transport.receiveStdin(shouldStop: interrupted) {
      guard answer.header.msgType == "input_reply" else {
        KernelLog.warning("ignoring \(answer.header.msgType) on stdin while waiting for input_reply")
        continue
      }
      do {
        return try answer.decodeContent(InputReply.self).value
      } catch {
        throw ExecutionError(name: "InputError", message: error.description)
      }
    }
    throw .interrupted
  }
}

/// A sink that discards everything: user_expressions must not produce output.
final class QuietSink: OutputSink {
  func stream(_ stream: StreamName, _ text: String) {}
  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {}
  func clearOutput(wait: Bool) {}
  func page(_ bundle: MimeBundle) {}
  func input(prompt: String, password: Bool) throws(ExecutionError) -> String {
    throw ExecutionError(name: "StdinNotImplementedError", message: "input() is not available in user_expressions")
  }
}
