import JupyterProtocol

/// What the kernel drives: a language that runs cells and answers editor queries.
///
/// The kernel owns all protocol bookkeeping (counts, busy/idle, execute_input, error
/// replies, aborting the queue); an interpreter only interprets and reports side effects
/// through the `OutputSink` it is handed. The sink, bundle and error types are the same ones
/// the language session uses for `saddle run` and the REPL, so a session conforms without an
/// adapter. `execute`, `complete`, `inspect` and `isComplete` are called on the shell thread
/// only; `interrupt` may be called from any thread while `execute` runs and must make it throw
/// promptly; `languageInfo` and `banner` are read from the control thread too (kernel_info on
/// control), so they must be immutable.
public protocol Interpreter: AnyObject {
  /// Name, version, MIME type and editor modes of the language, for kernel_info_reply.
  var languageInfo: LanguageInfo { get }
  /// A short greeting shown by consoles.
  var banner: String { get }
  /// Runs one cell and returns the value of its last expression, if it has one to show.
  func execute(_ code: String, output: OutputSink) throws(ExecutionError) -> MimeBundle?
  /// Completions at `cursor` (Unicode code points).
  func complete(_ code: String, cursor: Int) -> Completion
  /// Help for the name at or left of `cursor` (code points), or nil when there is none.
  func inspect(_ code: String, cursor: Int, detailLevel: Int) -> MimeBundle?
  /// Whether `code` is ready to run, needs more lines, or can never parse.
  func isComplete(_ code: String) -> Completeness
  /// Asks the running cell to stop; thread-safe, harmless when idle.
  func interrupt()
}

/// The answer to is_complete.
public enum Completeness: Sendable, Equatable {
  case complete
  case incomplete(indent: String)
  case invalid
  case unknown
}

/// Completion matches and the code-point range `[start, end)` they replace.
public struct Completion: Sendable, Equatable {
  public var matches: [String]
  public var cursorStart: Int
  public var cursorEnd: Int

  public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
    self.matches = matches
    self.cursorStart = cursorStart
    self.cursorEnd = cursorEnd
  }
}
