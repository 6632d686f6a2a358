import JupyterProtocol

/// What the kernel drives: a language that runs cells and answers editor queries.
///
/// Method names differ from the language's own (`completions(for:)`, not `complete(_:)`) so an
/// adapter can add them to the language's session type without creating ambiguous overloads.
/// The kernel owns all protocol bookkeeping (counts, busy/idle, execute_input, error
/// replies, aborting the queue); an interpreter only interprets and reports side effects
/// through the `ExecutionSink` it is handed. `execute`, `completions`, `help` and
/// `completeness` are called on the shell thread only; `interrupt` may be called from any
/// thread while `execute` runs and must make it throw promptly; `languageInfo` and `banner`
/// are read from the control thread too (kernel_info on control), so they must be immutable.
public protocol Interpreter: AnyObject {
  /// Name, version, MIME type and editor modes of the language, for kernel_info_reply.
  var languageInfo: LanguageInfo { get }
  /// A short greeting shown by consoles.
  var banner: String { get }
  /// Runs one cell and returns the value of its last expression, if it has one to show.
  func execute(_ code: String, sink: any ExecutionSink) throws(InterpreterError) -> DisplayBundle?
  /// Completions at `cursor` (Unicode code points).
  func completions(for code: String, cursor: Int) -> CompletionResult
  /// Help for the name at or left of `cursor` (code points), or nil when there is none.
  func help(for code: String, cursor: Int, detailLevel: Int) -> DisplayBundle?
  /// Whether `code` is ready to run, needs more lines, or can never parse.
  func completeness(of code: String) -> CodeCompleteness
  /// Asks the running cell to stop; thread-safe, harmless when idle.
  func interrupt()
}

/// Where a running cell's side effects go; the kernel turns them into IOPub and stdin messages.
public protocol ExecutionSink: AnyObject {
  /// Text written to stdout or stderr (coalesced before publishing).
  func stream(_ stream: StreamKind, _ text: String)
  /// A rich output; with `update`, replaces earlier outputs that carry `displayID`.
  func display(_ bundle: DisplayBundle, displayID: String?, update: Bool)
  /// Clears the cell's output now, or (with `wait`) when the next output arrives.
  func clearOutput(wait: Bool)
  /// Text for the pager (sent as a `page` payload of the execute reply).
  func page(_ bundle: DisplayBundle)
  /// Asks the frontend for a line of input; throws when the request does not allow stdin
  /// or when the cell is interrupted while waiting.
  func input(prompt: String, password: Bool) throws(InterpreterError) -> String
}

/// The two output streams.
public enum StreamKind: String, Sendable {
  case stdout, stderr
}

/// A MIME bundle: `text/plain` always, plus richer types; image metadata holds width/height.
public struct DisplayBundle: Sendable, Equatable {
  public var data: [String: String]
  public var metadata: [String: [String: Int]]

  public init(data: [String: String], metadata: [String: [String: Int]] = [:]) {
    self.data = data
    self.metadata = metadata
  }

  /// A bundle with only a plain-text representation.
  public static func text(_ s: String) -> DisplayBundle { DisplayBundle(data: ["text/plain": s]) }
}

/// A cell's failure, as the user sees it: name, message and rendered traceback lines.
public struct InterpreterError: Error, Sendable, Equatable {
  public var name: String
  public var message: String
  public var traceback: [String]

  public init(name: String, message: String, traceback: [String] = []) {
    self.name = name
    self.message = message
    self.traceback = traceback.isEmpty ? ["\(name): \(message)"] : traceback
  }

  /// The error a cell ends with when it is interrupted.
  public static let interrupted = InterpreterError(name: "Interrupted", message: "the cell was interrupted")
}

/// The answer to is_complete.
public enum CodeCompleteness: Sendable, Equatable {
  case complete
  case incomplete(indent: String)
  case invalid
  case unknown
}

/// Completion matches and the code-point range `[start, end)` they replace.
public struct CompletionResult: Sendable, Equatable {
  public var matches: [String]
  public var cursorStart: Int
  public var cursorEnd: Int

  public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
    self.matches = matches
    self.cursorStart = cursorStart
    self.cursorEnd = cursorEnd
  }
}
