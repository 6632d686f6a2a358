/// Where a running cell sends its side effects (text streams, displays, the pager, input).
///
/// The session implements it over the kernel's output sink; tests record the calls.
public protocol EvaluationHost: AnyObject {
  /// Writes text to standard output, or to standard error when `error` is true.
  func write(_ text: String, error: Bool)
  /// Shows a value now (display_data), optionally under a display id, or replaces one.
  func display(_ value: Value, id: String?, update: Bool)
  /// Clears the cell's output, at once or (wait) when new output arrives.
  func clearOutput(wait: Bool)
  /// Sends help text to the pager (`?name`).
  func page(_ text: String)
  /// Asks the user for a line of input; throws a `LanguageError` when input is not possible.
  func readInput(prompt: String, password: Bool) throws -> String
}

/// A host that drops every side effect, for running cells where nobody watches (benchmarks,
/// tests of values). Input is not possible: `input()` fails with a stdin error.
public final class DiscardingHost: EvaluationHost {
  public init() {}
  public func write(_ text: String, error: Bool) {}
  public func display(_ value: Value, id: String?, update: Bool) {}
  public func clearOutput(wait: Bool) {}
  public func page(_ text: String) {}
  public func readInput(prompt: String, password: Bool) throws -> String {
    throw LanguageError(.stdin, "input() is not possible here: nothing reads the answers")
  }
}
