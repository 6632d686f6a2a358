import JupyterKernel
import Language

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

  /// The bundle a value describes itself with: its representations and their metadata.
  init(value: Value) {
    self.init(data: value.representations, metadata: value.displayMetadata)
  }

  /// A bundle with only text/plain.
  public init(plainText: String) {
    self.init(data: ["text/plain": plainText])
  }
}

/// The two output streams.
public enum StreamName: String, Sendable { case stdout, stderr }

/// A failed cell as the kernel reports it (ename, evalue, traceback).
public struct ExecutionError: Error, Sendable, Equatable {
  /// The error class, e.g. "SyntaxError", "NameError", "ShapeError", "Interrupted".
  public var name: String
  public var message: String
  /// Plain-text lines: the source line, a caret line, and last "Name: message".
  public var traceback: [String]

  public init(name: String, message: String, traceback: [String]) {
    self.name = name
    self.message = message
    self.traceback = traceback
  }
}

/// Where a running cell sends its side effects; the kernel implements it over IOPub/stdin.
public protocol OutputSink: AnyObject {
  func stream(_ name: StreamName, _ text: String)
  /// display_data, or update_display_data when `update` is true.
  func display(_ bundle: MimeBundle, displayID: String?, update: Bool)
  func clearOutput(wait: Bool)
  /// A pager payload (`?name`).
  func page(_ bundle: MimeBundle)
  /// Reads a line from the frontend; throws ExecutionError when stdin is not allowed.
  func input(prompt: String, password: Bool) throws -> String
}

/// Whether a cell can run as typed (for the console's is_complete): the kernel's own type,
/// so the interpreter adapter passes it through. Sessions never answer `.unknown`.
public typealias Completeness = CodeCompleteness

/// Completion matches and the span (in code points) they replace: the kernel's own type.
public typealias Completion = CompletionResult
