/// Everything that can go wrong when building geometry, encoding images or reading fonts.
///
/// Each case says what was wrong and where, so a caller can show it to a user unchanged.
public enum RasterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A coordinate or parameter was NaN or infinite; `what` names it.
  case nonFinite(what: String)
  /// A path had no drawable content (no segment after its first point).
  case emptyPath
  /// A path segment was added before any `move(to:)`.
  case missingMoveTo(element: Int)
  /// A size or parameter was outside its valid range.
  case invalidParameter(String)
  /// A transform could not be inverted (it collapses the plane).
  case singularTransform
  /// zlib reported an error while compressing.
  case compression(code: Int32)
  /// A font file was malformed; `table` names the table, `detail` says what failed.
  case malformedFont(table: String, detail: String)
  /// Drawing stopped because the caller's cancellation check said so (an interrupt).
  case cancelled

  public var description: String {
    switch self {
    case .nonFinite(let what): return "non-finite value (NaN or ∞) in \(what)"
    case .emptyPath: return "path has no segments"
    case .missingMoveTo(let element): return "path element \(element) is not preceded by move(to:)"
    case .invalidParameter(let message): return "invalid parameter: \(message)"
    case .singularTransform: return "transform is not invertible"
    case .compression(let code): return "zlib compression failed with code \(code)"
    case .malformedFont(let table, let detail): return "malformed font: table '\(table)': \(detail)"
    case .cancelled: return "drawing was cancelled"
    }
  }
}
