import Session

/// An OutputSink that records everything a cell sends, for tests.
final class RecordingSink: OutputSink, @unchecked Sendable {
  var streams: [(StreamName, String)] = []
  var displays: [(MimeBundle, String?, Bool)] = []
  var clears: [Bool] = []
  var pages: [MimeBundle] = []
  var prompts: [(String, Bool)] = []
  var answers: [String] = []
  var allowInput = true
  /// When set, `input` fails as the kernel does when the user interrupts a pending prompt.
  var interruptInput = false

  var stdout: String { streams.filter { $0.0 == .stdout }.map(\.1).joined() }
  var stderr: String { streams.filter { $0.0 == .stderr }.map(\.1).joined() }

  func stream(_ name: StreamName, _ text: String) { streams.append((name, text)) }

  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {
    displays.append((bundle, displayID, update))
  }

  func clearOutput(wait: Bool) { clears.append(wait) }

  func page(_ bundle: MimeBundle) { pages.append(bundle) }

  func input(prompt: String, password: Bool) throws(ExecutionError) -> String {
    prompts.append((prompt, password))
    if interruptInput {
      throw ExecutionError(name: "Interrupted", message: "interrupted while waiting for input", traceback: [])
    }
    guard allowInput else {
      throw ExecutionError(
        name: "StdinNotImplementedError",
        message: "raw_input was called, but this frontend does not support input requests",
        traceback: [])
    }
    return answers.isEmpty ? "" : answers.removeFirst()
  }
}
