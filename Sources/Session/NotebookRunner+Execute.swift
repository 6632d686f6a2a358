import Foundation
import JupyterKernel
import JupyterProtocol

/// Running one cell with an optional timeout, and nbclient's execution timestamps.
extension NotebookRunner {
  /// Runs `source` as execution `count`; returns its outputs, the error (if any) and
  /// the `metadata.execution` timestamps. A cell over `timeout` seconds is interrupted and
  /// fails with `CellTimeoutError`, as in nbclient.
  static func execute(_ source: String, count: Int, session: Session, timeout: Double?)
    -> ([JSONValue], ExecutionError?, JSONValue)
  {
    let started = timestamp()
    let box = CellBox(NotebookOutputs())
    let done = DispatchSemaphore(value: 0)
    Thread {
      do throws(ExecutionError) {
        box.value = try session.execute(source, output: box.sink)
      } catch {
        box.error = error
      }
      done.signal()
    }.start()
    var timedOut = false
    if let timeout, done.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      session.interrupt()
      done.wait()
    } else if timeout == nil {
      done.wait()
    }
    if timedOut {
      box.error = ExecutionError(
        name: "CellTimeoutError",
        message: "A cell timed out while it was being executed, after \(NotebookRunner.seconds(timeout!)) seconds.",
        traceback: ["CellTimeoutError: the cell was interrupted after \(NotebookRunner.seconds(timeout!)) seconds"])
    }
    if let error = box.error {
      box.sink.error(error)
    } else if let value = box.value {
      box.sink.result(value, count: count)
    }
    let finished = timestamp()
    let timing = JSONValue.object([
      "iopub.execute_input": .string(started), "iopub.status.busy": .string(started),
      "iopub.status.idle": .string(finished), "shell.execute_reply": .string(finished),
    ])
    return (box.sink.outputs, box.error, timing)
  }

  static func seconds(_ s: Double) -> String {
    s == s.rounded() ? String(Int(s)) : String(s)
  }

  /// Now in ISO 8601 UTC with microseconds, as nbclient records it.
  static func timestamp() -> String {
    let now = Date().timeIntervalSince1970
    let whole = Date(timeIntervalSince1970: now.rounded(.down))
    let micro = Int((now - now.rounded(.down)) * 1_000_000)
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withFullTime]
    let base = formatter.string(from: whole).replacingOccurrences(of: "Z", with: "")
    let fraction = String(micro)
    return base + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
  }
}

/// Carries a cell's sink and result across the worker thread; the semaphore orders access.
private final class CellBox: @unchecked Sendable {
  let sink: NotebookOutputs
  var value: MimeBundle?
  var error: ExecutionError?
  init(_ sink: NotebookOutputs) { self.sink = sink }
}
