/// An error of the formula layer: a message and the class of error users see, which the
/// language maps to its own `LanguageError` (placed at the builtin call) at its boundary.
///
/// Why its own type: the formula IR sits below the language and knows no source ranges; the
/// kinds are the few a formula operation can raise.
public struct FormulaError: Error, Sendable, Equatable {
  /// What went wrong, in the language's error classes.
  public enum Kind: Sendable, Equatable {
    /// Wrong number of arguments for the formula's parameters.
    case argument
    /// A derivative that cannot be written (relu) or would be too large to show.
    case value
    /// The cancellation flag was set during a long evaluation.
    case interrupted
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }
}

extension FormulaNode {
  /// Most nodes a formula may have to be compiled and shown (inlining can grow formulas
  /// exponentially; the language lowers nothing larger).
  public static let maxSize = 20_000
  /// Deepest formula tree, the same bound as the parser's tree height, so evaluating or
  /// releasing a formula never recurses deeply.
  public static let maxHeight = 300
}
