/// The tree of the structured constructs: blocks, closures, loops, jumps and `func`.

/// `{ statements }`: the body of a loop, an `if`, a closure or a `func`. Its value is the
/// value of its last statement when that is an expression.
public struct Block: Sendable {
  public var statements: [StatementLine]
  public var range: SourceRange
  /// Levels of nesting below this block (bounded by the parser like `Expr.height`).
  let height: Int

  init(_ statements: [StatementLine], _ range: SourceRange) {
    self.statements = statements
    self.range = range
    self.height = 1 + (statements.map(\.statement.height).max() ?? 0)
  }
}

/// `{ a, x in a + x }` or `{ $0 * 2 }`: an anonymous function written where it is used.
public struct ClosureLiteral: Sendable {
  /// The parameter names; for a shorthand closure `$0`, `$1`, … up to the highest one used.
  public var parameters: [String]
  public var body: Block
  public var range: SourceRange
}

/// `func name(params) { … }`: a function of several statements, opaque to calculus.
public struct FunctionDeclaration: Sendable {
  public var name: String
  public var nameRange: SourceRange
  public var parameters: [String]
  public var body: Block
  public var range: SourceRange
}

/// The statements that steer evaluation.
public enum ControlStatement: Sendable {
  case forLoop(
    variable: String, variableRange: SourceRange, sequence: Expr, body: Block, range: SourceRange)
  case whileLoop(condition: Expr, body: Block, range: SourceRange)
  case breakLoop(SourceRange)
  case continueLoop(SourceRange)
  case returnValue(Expr?, range: SourceRange)
  case function(FunctionDeclaration)

  var range: SourceRange {
    switch self {
    case .forLoop(_, _, _, _, let r), .whileLoop(_, _, let r), .breakLoop(let r),
      .continueLoop(let r), .returnValue(_, let r):
      return r
    case .function(let f): return f.range
    }
  }
}

extension Statement {
  /// Levels of nesting in the statement's expressions and blocks.
  var height: Int {
    switch self {
    case .expression(let e), .assign(_, _, let e), .define(_, _, _, let e, _),
      .destructure(_, let e):
      return e.height
    case .help: return 1
    case .control(let c):
      switch c {
      case .forLoop(_, _, let s, let b, _): return max(s.height, b.height)
      case .whileLoop(let c, let b, _): return max(c.height, b.height)
      case .breakLoop, .continueLoop: return 1
      case .returnValue(let e, _): return e?.height ?? 1
      case .function(let f): return f.body.height
      }
    }
  }
}
