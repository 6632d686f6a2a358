import Language

/// An EvaluationHost that records every side effect, for tests.
final class RecordingHost: EvaluationHost {
  var stdout = ""
  var stderr = ""
  var displays: [(Value, String?, Bool)] = []
  var clears: [Bool] = []
  var pages: [String] = []
  var inputs: [String] = []
  var prompts: [String] = []

  func write(_ text: String, error: Bool) {
    if error { stderr += text } else { stdout += text }
  }

  func display(_ value: Value, id: String?, update: Bool) { displays.append((value, id, update)) }

  func clearOutput(wait: Bool) { clears.append(wait) }

  func page(_ text: String) { pages.append(text) }

  func readInput(prompt: String, password: Bool) throws -> String {
    prompts.append(prompt)
    guard !inputs.isEmpty else { throw LanguageError(.stdin, "input is not available here") }
    return inputs.removeFirst()
  }
}
