/// A half-open span of a cell's source, in Unicode code points (unicodeScalars) from the start.
///
/// Code points (not bytes, not grapheme clusters) so Jupyter cursor positions and carets
/// under Unicode names like `θ` agree.
public struct SourceRange: Sendable, Equatable, Hashable {
  public var start: Int
  public var end: Int

  public init(_ start: Int, _ end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(min(start, other.start), max(end, other.end))
  }
}

/// The line (1-based), column (1-based, code points) and line text of an offset.
struct SourceLocation {
  let line: Int
  let column: Int
  let lineText: String
  let lineStart: Int

  init(offset: Int, in source: [Unicode.Scalar]) {
    var line = 1
    var lineStart = 0
    let clamped = min(max(0, offset), source.count)
    for i in 0..<clamped where source[i] == "\n" {
      line += 1
      lineStart = i + 1
    }
    var lineEnd = lineStart
    while lineEnd < source.count, source[lineEnd] != "\n" { lineEnd += 1 }
    self.line = line
    self.column = clamped - lineStart + 1
    self.lineStart = lineStart
    var text = String.UnicodeScalarView()
    text.append(contentsOf: source[lineStart..<lineEnd])
    self.lineText = String(text)
  }
}
