import JupyterKernel
import JupyterProtocol

/// Collects one cell's outputs the way nbclient records IOPub messages into a notebook.
///
/// Streams of the same name coalesce into the previous output when it is that stream;
/// `display_data` appends (and, with a display id, also refreshes earlier outputs with that
/// id); `update_display_data` only refreshes them; `clear_output(wait:)` clears now or at
/// the next output. Pager payloads are not outputs, and stdin is not available (as with
/// nbclient's default `allow_stdin = False`).
final class NotebookOutputs: OutputSink {
  private(set) var outputs: [JSONValue] = []
  private var displayIndices: [String: [Int]] = [:]
  private var clearPending = false

  func stream(_ name: StreamName, _ text: String) {
    flushClear()
    if case .object(var last)? = outputs.last, last["output_type"] == .string("stream"),
      last["name"] == .string(name.rawValue), let previous = last["text"]?.multilineText
    {
      last["text"] = .string(previous + text)
      outputs[outputs.count - 1] = .object(last)
      return
    }
    outputs.append(
      .object([
        "output_type": .string("stream"), "name": .string(name.rawValue), "text": .string(text),
      ]))
  }

  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {
    if let id = displayID {
      for i in displayIndices[id] ?? [] where i < outputs.count {
        outputs[i] = NotebookOutputs.displayData(bundle)
      }
      if update { return }
    } else if update {
      return
    }
    flushClear()
    outputs.append(NotebookOutputs.displayData(bundle))
    if let id = displayID { displayIndices[id, default: []].append(outputs.count - 1) }
  }

  func clearOutput(wait: Bool) {
    if wait {
      clearPending = true
    } else {
      clear()
    }
  }

  func page(_ bundle: MimeBundle) {}

  func input(prompt: String, password: Bool) throws(ExecutionError) -> String {
    throw ExecutionError(
      name: "StdinNotImplementedError",
      message: "input is not available when running a notebook with saddle run")
  }

  /// Appends the cell's result (`execute_result`).
  func result(_ bundle: MimeBundle, count: Int) {
    flushClear()
    outputs.append(
      .object([
        "output_type": .string("execute_result"), "execution_count": .int(count),
        "data": NotebookOutputs.data(bundle), "metadata": NotebookOutputs.metadata(bundle),
      ]))
  }

  /// Appends the cell's error (`error` with ename, evalue, traceback).
  func error(_ e: ExecutionError) {
    flushClear()
    outputs.append(
      .object([
        "output_type": .string("error"), "ename": .string(e.name), "evalue": .string(e.message),
        "traceback": .array(e.traceback.map { .string($0) }),
      ]))
  }

  private func flushClear() {
    if clearPending { clear() }
  }

  private func clear() {
    outputs.removeAll()
    displayIndices.removeAll()
    clearPending = false
  }

  static func displayData(_ bundle: MimeBundle) -> JSONValue {
    .object([
      "output_type": .string("display_data"), "data": data(bundle), "metadata": metadata(bundle),
    ])
  }

  static func data(_ bundle: MimeBundle) -> JSONValue {
    .object(bundle.data.mapValues { .string($0) })
  }

  static func metadata(_ bundle: MimeBundle) -> JSONValue {
    .object(bundle.metadata.mapValues { .object($0.mapValues { .int($0) }) })
  }
}
