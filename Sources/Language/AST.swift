/// Operators with one operand.
public enum UnaryOperator: String, Sendable {
  case negate = "-"
  case plus = "+"
  case not = "!"
}

/// Operators with two operands, spelled as in source.
public enum BinaryOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case power = "^"
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case and = "&&"
  case or = "||"

  /// Binding strength: larger binds tighter. Mirrors the parser's precedence levels.
  var precedence: Int {
    switch self {
    case .or: return 1
    case .and: return 2
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return 3
    case .add, .subtract: return 5
    case .multiply, .divide: return 6
    case .power: return 8
    }
  }
}

/// One argument of a call: `x` or `label: x`.
public struct Argument: Sendable {
  public var label: String?
  public var labelRange: SourceRange?
  public var value: Expr
}

/// One item inside `v[…]`: an index expression or a slice `lo:hi` (either end optional).
public enum IndexItem: Sendable {
  case index(Expr)
  case slice(lower: Expr?, upper: Expr?, range: SourceRange)
}

/// An expression node with the source span it came from.
public struct Expr: Sendable {
  public indirect enum Kind: Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case name(String)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case range(Expr, Expr)
    case call(Expr, [Argument])
    case index(Expr, [IndexItem])
    case member(Expr, String)
    case vector([Expr])
    case tuple([Expr])
    /// `(lr: 0.1, loss: 0.3)`: a record literal, its fields as labelled arguments (labels unique).
    case record([Argument])
    case parenthesized(Expr)
    /// `{ x in x^2 }`, `{ $0 + 1 }` (see `ClosureLiteral`).
    case closure(ClosureLiteral)
    /// `if c { a } else { b }`, a statement or an expression; `else if` nests in `orElse`.
    case conditional(Expr, then: Block, orElse: Block?)
    /// A placeholder where parsing failed; evaluating it is a programmer error guarded by diagnostics.
    case invalid
  }

  public var kind: Kind
  public var range: SourceRange
  /// Levels of nesting below this node (1 for a leaf); the parser bounds it so evaluation,
  /// printing and destruction never recurse deeper than a few hundred frames.
  public let height: Int

  public init(_ kind: Kind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
    self.height = 1 + Expr.childHeight(kind)
  }

  private static func childHeight(_ kind: Kind) -> Int {
    switch kind {
    case .number, .string, .bool, .name, .invalid: return 0
    case .unary(_, let x), .parenthesized(let x), .member(let x, _): return x.height
    case .binary(_, let a, let b), .range(let a, let b): return max(a.height, b.height)
    case .call(let c, let args): return max(c.height, args.map(\.value.height).max() ?? 0)
    case .index(let b, let items):
      let inner = items.map { item -> Int in
        switch item {
        case .index(let e): return e.height
        case .slice(let lo, let hi, _): return max(lo?.height ?? 0, hi?.height ?? 0)
        }
      }
      return max(b.height, inner.max() ?? 0)
    case .vector(let items), .tuple(let items): return items.map(\.height).max() ?? 0
    case .record(let fields): return fields.map(\.value.height).max() ?? 0
    case .closure(let c): return c.body.height
    case .conditional(let c, let a, let b): return max(c.height, a.height, b?.height ?? 0)
    }
  }
}

/// One statement of a cell.
public enum Statement: Sendable {
  case expression(Expr)
  case assign(name: String, nameRange: SourceRange, value: Expr)
  case define(
    name: String, nameRange: SourceRange, parameters: [String], body: Expr, range: SourceRange)
  case destructure(names: [(String, SourceRange)], value: Expr)
  case help(name: String, range: SourceRange)
  /// `for`, `while`, `break`, `continue`, `return` and `func` (see `Statement+Control`).
  case control(ControlStatement)
}

extension Statement {
  /// The statement's whole span, where errors without a finer place point.
  var range: SourceRange {
    switch self {
    case .expression(let e): return e.range
    case .assign(_, let nameRange, let value): return nameRange.union(value.range)
    case .define(_, _, _, _, let range): return range
    case .destructure(let names, let value):
      return (names.first?.1 ?? value.range).union(value.range)
    case .help(_, let range): return range
    case .control(let c): return c.range
    }
  }
}

/// A statement plus whether a `;` after it hides its value.
public struct StatementLine: Sendable {
  public var statement: Statement
  public var silenced: Bool
}

/// A parsed cell: the statements, and the problems found (empty when it parsed cleanly).
public struct ParsedCell: Sendable {
  public var statements: [StatementLine]
  public var diagnostics: [LanguageError]
}
