/// Where a running cell's side effects go: the kernel turns them into IOPub and stdin
/// messages (`CellSink`), `saddle run` into notebook outputs, the REPL into terminal text.
///
/// This is Jupyter's output model (streams, displays with ids and updates, clear_output, the
/// pager, input), so every consumer of a cell shares one vocabulary and nothing is translated
/// between layers.
public protocol OutputSink: AnyObject {
  /// Text written to stdout or stderr (the kernel coalesces it before publishing).
  func stream(_ name: StreamName, _ text: String)
  /// A rich output (display_data); with `update`, replaces earlier outputs that carry
  /// `displayID` (update_display_data).
  func display(_ bundle: MimeBundle, displayID: String?, update: Bool)
  /// Clears the cell's output now, or (with `wait`) when the next output arrives.
  func clearOutput(wait: Bool)
  /// Text for the pager (`?name`; the kernel sends it as a `page` payload of the reply).
  func page(_ bundle: MimeBundle)
  /// Asks the frontend for a line of input; throws when the request does not allow stdin
  /// or when the cell is interrupted while waiting (`ExecutionError.interrupted`).
  func input(prompt: String, password: Bool) throws(ExecutionError) -> String
}

/// The two output streams.
public enum StreamName: String, Sendable {
  case stdout, stderr
}

/// A value's representations by MIME type, as Jupyter's display messages carry them.
public struct MimeBundle: Sendable, Equatable {
  /// MIME type → content: "text/plain" always; "text/latex", "text/html", "image/png" (base64).
  public var data: [String: String]
  /// Per-type metadata, e.g. ["image/png": ["width": 400, "height": 300]].
  public var metadata: [String: [String: Int]]

  public init(data: [String: String], metadata: [String: [String: Int]] = [:]) {
    self.data = data
    self.metadata = metadata
  }

  /// A bundle with only text/plain.
  public init(plainText: String) {
    self.init(data: ["text/plain": plainText])
  }
}

/// A failed cell as the user sees it (the protocol's ename, evalue, traceback).
public struct ExecutionError: Error, Sendable, Equatable {
  /// The error class, e.g. "SyntaxError", "NameError", "ShapeError", "Interrupted".
  public var name: String
  public var message: String
  /// Plain-text lines: the source line, a caret line, and last "Name: message".
  public var traceback: [String]

  /// Without a traceback, the traceback is the one line "Name: message".
  public init(name: String, message: String, traceback: [String] = []) {
    self.name = name
    self.message = message
    self.traceback = traceback.isEmpty ? ["\(name): \(message)"] : traceback
  }

  /// The error a cell ends with when it is interrupted.
  public static let interrupted = ExecutionError(name: "Interrupted", message: "the cell was interrupted")
}
