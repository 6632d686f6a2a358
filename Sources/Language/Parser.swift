/// Turns tokens into statements, always returning a tree plus diagnostics.
///
/// One method per precedence level (lowest first): range `...`, `||`, `&&`, comparison,
/// `+ -`, `* /`, unary `- + !`, `^` (right-associative, binds tighter than unary minus so
/// `-2^2` is −4), postfix call/index/member, primary. After an error the parser skips to
/// the next statement separator and continues. Two guards make hangs and stack overflows
/// impossible: nesting deeper than `maxDepth` is an error, and the statement loop always
/// consumes at least one token per iteration.
public struct Parser {
  /// Deepest allowed nesting of brackets and operators.
  public static let maxDepth = 200
  /// Tallest allowed expression tree (operator chains like `1 + 1 + …` count each level).
  public static let maxHeight = 300

  var tokens: [Token]
  var position = 0
  var depth = 0
  var diagnostics: [LanguageError] = []
  /// Where the parser is among loops, functions and conditions (see `Parser+Statements`).
  var context = BlockContext()

  init(_ source: String) {
    tokens = Lexer.tokenize(source)
  }

  /// Parses a whole cell.
  public static func parse(_ source: String) -> ParsedCell {
    var parser = Parser(source)
    return parser.parseCell()
  }

  /// Parses one expression (for tests and round-trips); diagnostics if anything is left over.
  public static func parseExpression(_ source: String) -> (Expr, [LanguageError]) {
    var parser = Parser(source)
    let expr = (try? parser.expression()) ?? Expr(.invalid, SourceRange(0, 0))
    if parser.diagnostics.isEmpty, parser.current.kind != .end {
      parser.diagnostics.append(
        LanguageError(
          .syntax, "unexpected \(parser.describe(parser.current))", at: parser.current.range))
    }
    return (expr, parser.diagnostics)
  }

  var current: Token { tokens[position] }

  func peekKind(_ offset: Int = 1) -> TokenKind {
    tokens[min(position + offset, tokens.count - 1)].kind
  }

  @discardableResult
  mutating func advance() -> Token {
    let t = tokens[position]
    if position < tokens.count - 1 { position += 1 }
    return t
  }

  mutating func match(_ kind: TokenKind) -> Bool {
    if current.kind == kind {
      advance()
      return true
    }
    return false
  }

  mutating func expect(_ kind: TokenKind, _ what: String) throws(LanguageError) -> Token {
    if current.kind == kind { return advance() }
    throw LanguageError(.syntax, "expected \(what), found \(describe(current))", at: errorRange)
  }

  /// Where to point for an error at the current token: at end of input or of a line, just
  /// after the previous token (not after trailing comments).
  var errorRange: SourceRange {
    guard current.kind == .end || current.kind == .newline, position > 0 else {
      return current.range
    }
    let end = tokens[position - 1].range.end
    return SourceRange(end, end + 1)
  }

  func describe(_ token: Token) -> String {
    switch token.kind {
    case .end: return "end of input"
    case .newline: return "end of line"
    case .invalid(let message): return message
    case .identifier(let name): return "name '\(name)'"
    case .number: return "number"
    case .string: return "string"
    default: return "'\(token.kind.spelling)'"
    }
  }

  // MARK: statements

  mutating func parseCell() -> ParsedCell {
    var lines: [StatementLine] = []
    while current.kind != .end {
      let before = position
      if match(.newline) || match(.semicolon) { continue }
      do throws(LanguageError) {
        let statement = try parseStatement()
        let silenced = current.kind == .semicolon
        if case .invalid(let message) = current.kind {
          throw LanguageError(.syntax, message, at: current.range)
        }
        if current.kind != .end, current.kind != .newline, current.kind != .semicolon {
          throw LanguageError(
            .syntax, "unexpected \(describe(current)) after the statement", at: current.range)
        }
        lines.append(StatementLine(statement: statement, silenced: silenced))
      } catch {
        diagnostics.append(error)
        skipToSeparator()
      }
      if position == before { advance() }  // progress guard: never loop without consuming
    }
    return ParsedCell(statements: lines, diagnostics: diagnostics)
  }

  private mutating func skipToSeparator() {
    var nesting = 0
    while current.kind != .end {
      switch current.kind {
      case .leftParen, .leftBracket, .leftBrace: nesting += 1
      case .rightParen, .rightBracket, .rightBrace: nesting = max(0, nesting - 1)
      case .newline, .semicolon: if nesting == 0 { return }
      default: break
      }
      advance()
    }
  }

  mutating func parseStatement() throws(LanguageError) -> Statement {
    if let control = try controlStatement() { return control }
    if current.kind == .question {
      let q = advance()
      guard case .identifier(let name) = current.kind else {
        throw LanguageError(.syntax, "expected a name after '?'", at: current.range)
      }
      let t = advance()
      _ = q
      return .help(name: name, range: t.range)
    }
    if case .identifier(let name) = current.kind, peekKind() == .question {
      let t = advance()
      advance()
      return .help(name: name, range: t.range)
    }
    let lhs = try expression()
    guard current.kind == .equal else { return .expression(lhs) }
    let eq = advance()
    let rhs = try expression()
    return try assignment(lhs, rhs, equalRange: eq.range)
  }

  private func assignment(_ lhs: Expr, _ rhs: Expr, equalRange: SourceRange) throws(LanguageError)
    -> Statement
  {
    switch lhs.kind {
    case .name(let name):
      return .assign(name: name, nameRange: lhs.range, value: rhs)
    case .call(let callee, let args):
      guard case .name(let name) = callee.kind else { break }
      var params: [String] = []
      for arg in args {
        guard arg.label == nil, case .name(let p) = arg.value.kind else {
          throw LanguageError(
            .syntax, "function parameters must be plain names, as in 'f(x, y) = …'",
            at: arg.value.range)
        }
        if params.contains(p) {
          throw LanguageError(.syntax, "parameter '\(p)' appears twice", at: arg.value.range)
        }
        params.append(p)
      }
      try Parser.checkNoJumps(inFormula: rhs)
      return .define(
        name: name, nameRange: callee.range, parameters: params, body: rhs,
        range: lhs.range.union(rhs.range))
    case .tuple(let items):
      var names: [(String, SourceRange)] = []
      for item in items {
        guard case .name(let n) = item.kind else {
          throw LanguageError(
            .syntax, "can only unpack into names, as in '(a, b) = …'", at: item.range)
        }
        names.append((n, item.range))
      }
      return .destructure(names: names, value: rhs)
    default: break
    }
    throw LanguageError(
      .syntax, "cannot assign to this expression (assign to a name, 'f(x) = …' or '(a, b) = …')",
      at: lhs.range)
  }
}
