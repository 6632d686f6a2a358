import Language

/// An EvaluationHost that records every side effect, for tests.
public final class RecordingHost: EvaluationHost {
  public var stdout = ""
  public var stderr = ""
  public var displays: [(Value, String?, Bool)] = []
  public var clears: [Bool] = []
  public var pages: [String] = []
  public var inputs: [String] = []
  public var prompts: [String] = []

  public init() {}

  public func write(_ text: String, error: Bool) {
    if error { stderr += text } else { stdout += text }
  }

  public func display(_ value: Value, id: String?, update: Bool) { displays.append((value, id, update)) }

  public func clearOutput(wait: Bool) { clears.append(wait) }

  public func page(_ text: String) { pages.append(text) }

  public func readInput(prompt: String, password: Bool) throws -> String {
    prompts.append(prompt)
    guard !inputs.isEmpty else { throw LanguageError(.stdin, "input is not available here") }
    return inputs.removeFirst()
  }
}
