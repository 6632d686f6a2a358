import Formula

/// The classes of error a cell can raise; the raw value is the name users see.
public enum ErrorKind: String, Sendable, Equatable, CaseIterable {
  case syntax = "SyntaxError"
  case name = "NameError"
  case type = "TypeError"
  case shape = "ShapeError"
  case argument = "ArgumentError"
  case index = "IndexError"
  case value = "ValueError"
  case interrupted = "Interrupted"
  case stdin = "StdinNotImplementedError"
}

/// An error raised by parsing or evaluating a cell, with the source span it is about.
///
/// `range` is nil only for errors without a place (an interrupt between statements).
public struct LanguageError: Error, Sendable, Equatable {
  public var kind: ErrorKind
  public var message: String
  public var range: SourceRange?

  public init(_ kind: ErrorKind, _ message: String, at range: SourceRange? = nil) {
    self.kind = kind
    self.message = message
    self.range = range
  }

  /// A formula-layer error in the language's terms (placed by the caller).
  public init(_ error: FormulaError) {
    switch error.kind {
    case .argument: self.init(.argument, error.message)
    case .value: self.init(.value, error.message)
    case .interrupted: self.init(.interrupted, error.message)
    }
  }

  /// The same error, placed at `range` if it has no place yet.
  func placed(at range: SourceRange) -> LanguageError {
    var copy = self
    if copy.range == nil { copy.range = range }
    return copy
  }

  /// The traceback: the offending line, a caret line under the span, then `Kind: message`.
  ///
  /// Cells with several lines get a leading `line N:` so the place is unambiguous.
  public func render(source: String) -> [String] {
    let last = "\(kind.rawValue): \(message)"
    guard let range else { return [last] }
    let scalars = Array(source.unicodeScalars)
    let loc = SourceLocation(offset: range.start, in: scalars)
    let lineEndOffset = loc.lineStart + loc.lineText.unicodeScalars.count
    let width = max(1, min(range.end, lineEndOffset) - range.start)
    let caret =
      String(repeating: " ", count: loc.column - 1) + "^" + String(repeating: "~", count: width - 1)
    var lines: [String] = []
    if scalars.contains("\n") { lines.append("line \(loc.line):") }
    lines.append("  " + loc.lineText)
    lines.append("  " + caret)
    lines.append(last)
    return lines
  }

  /// 1-based line and column of the error's start in `source` (for tests and tools).
  public func location(in source: String) -> (line: Int, column: Int)? {
    guard let range else { return nil }
    let loc = SourceLocation(offset: range.start, in: Array(source.unicodeScalars))
    return (loc.line, loc.column)
  }
}
