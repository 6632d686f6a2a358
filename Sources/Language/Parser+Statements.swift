/// Blocks, closures, `if`, loops, jumps and `func` (the grammar in docs/language.md).
///
/// Keywords are names the parser reserves (`if else for while func return break continue`);
/// `in` stays an ordinary name except in a closure's header and after `for NAME`. Misplaced
/// jumps are syntax errors, found before anything runs: `break`/`continue` outside a loop
/// (a closure body starts afresh), `return` outside a `func` or closure.
struct BlockContext {
  /// Loops enclosing the current statement within the current function or closure.
  var loops = 0
  /// Functions and closures enclosing the current statement.
  var functions = 0
  /// Parsing the condition of `if`/`while` or the sequence of `for`, where a `{` opens the
  /// body rather than a trailing closure (as in Swift).
  var inCondition = false
}

extension Parser {
  static let keywords: Set<String> = [
    "if", "else", "for", "while", "func", "return", "break", "continue",
  ]

  /// A statement that starts with a keyword, or nil for any other statement.
  mutating func controlStatement() throws(LanguageError) -> Statement? {
    guard case .identifier(let word) = current.kind else { return nil }
    switch word {
    case "for": return .control(try forLoop())
    case "while":
      let start = advance()
      let condition = try condition()
      let body = try loopBody("the body of the while loop")
      return .control(
        .whileLoop(condition: condition, body: body, range: start.range.union(body.range)))
    case "break", "continue":
      let t = advance()
      guard context.loops > 0 else {
        throw LanguageError(
          .syntax, "'\(word)' is only allowed inside a loop (for or while)", at: t.range)
      }
      return .control(word == "break" ? .breakLoop(t.range) : .continueLoop(t.range))
    case "return": return .control(try returnStatement())
    case "func": return .control(.function(try functionDeclaration()))
    default: return nil
    }
  }

  /// A keyword where a value is expected: `if` starts a conditional expression; the others
  /// cannot stand there.
  mutating func keywordExpression(_ word: String) throws(LanguageError) -> Expr {
    if word == "if" { return try conditional() }
    let message =
      word == "else"
      ? "'else' without 'if'" : "'\(word)' starts a statement and cannot be used as a value"
    throw LanguageError(.syntax, message, at: current.range)
  }

  private mutating func condition() throws(LanguageError) -> Expr {
    let saved = context.inCondition
    context.inCondition = true
    defer { context.inCondition = saved }
    return try expression()
  }

  private mutating func forLoop() throws(LanguageError) -> ControlStatement {
    let start = advance()
    guard case .identifier(let name) = current.kind, !Parser.keywords.contains(name) else {
      throw LanguageError(.syntax, "expected a name after 'for', as in 'for x in xs'", at: errorRange)
    }
    let variable = advance()
    guard case .identifier("in") = current.kind else {
      throw LanguageError(.syntax, "expected 'in' after 'for \(name)'", at: errorRange)
    }
    advance()
    let sequence = try condition()
    let body = try loopBody("the body of the for loop")
    return .forLoop(
      variable: name, variableRange: variable.range, sequence: sequence, body: body,
      range: start.range.union(body.range))
  }

  private mutating func loopBody(_ what: String) throws(LanguageError) -> Block {
    context.loops += 1
    defer { context.loops -= 1 }
    return try block(what)
  }

  private mutating func returnStatement() throws(LanguageError) -> ControlStatement {
    let t = advance()
    guard context.functions > 0 else {
      throw LanguageError(.syntax, "'return' is only allowed inside a func or a closure", at: t.range)
    }
    switch current.kind {
    case .newline, .semicolon, .rightBrace, .end: return .returnValue(nil, range: t.range)
    default:
      let value = try expression()
      return .returnValue(value, range: t.range.union(value.range))
    }
  }

  private mutating func functionDeclaration() throws(LanguageError) -> FunctionDeclaration {
    let start = advance()
    guard case .identifier(let name) = current.kind, !Parser.keywords.contains(name) else {
      throw LanguageError(.syntax, "expected the function's name after 'func'", at: errorRange)
    }
    let nameToken = advance()
    _ = try expect(.leftParen, "'(' and the parameters after 'func \(name)'")
    var parameters: [String] = []
    while case .identifier(let p) = current.kind {
      if parameters.contains(p) {
        throw LanguageError(.syntax, "parameter '\(p)' appears twice", at: current.range)
      }
      parameters.append(p)
      advance()
      if !match(.comma) { break }
    }
    _ = try expect(.rightParen, "')' after the parameters (plain names, as in 'func f(x, y)')")
    let body = try functionBody("the body of func \(name)")
    return FunctionDeclaration(
      name: name, nameRange: nameToken.range, parameters: parameters, body: body,
      range: start.range.union(body.range))
  }

  private mutating func functionBody(_ what: String) throws(LanguageError) -> Block {
    let saved = context
    context = BlockContext(loops: 0, functions: context.functions + 1, inCondition: false)
    defer { context = saved }
    return try block(what)
  }

  /// `if c { … } [else { … } | else if …]`; a line break may come before `else`.
  mutating func conditional() throws(LanguageError) -> Expr {
    let start = advance()
    let test = try condition()
    let then = try block("the body of the if")
    if current.kind == .newline, case .identifier("else") = peekKind() { advance() }
    guard case .identifier("else") = current.kind else {
      return Expr(.conditional(test, then: then, orElse: nil), start.range.union(then.range))
    }
    advance()
    let orElse: Block
    if case .identifier("if") = current.kind {
      let nested = try conditional()
      orElse = Block([StatementLine(statement: .expression(nested), silenced: false)], nested.range)
    } else {
      orElse = try block("the body of the else")
    }
    return Expr(.conditional(test, then: then, orElse: orElse), start.range.union(orElse.range))
  }

  /// `{ … }`, with `{` as the current token.
  mutating func block(_ what: String) throws(LanguageError) -> Block {
    let open = try expect(.leftBrace, "'{' to start \(what)")
    return try blockRest(open, what)
  }

  /// The statements of a block whose `{` was consumed, up to and including its `}`.
  private mutating func blockRest(_ open: Token, _ what: String) throws(LanguageError) -> Block {
    depth += 1
    let saved = context.inCondition
    context.inCondition = false
    defer {
      depth -= 1
      context.inCondition = saved
    }
    if depth > Parser.maxDepth {
      throw LanguageError(.syntax, "blocks nested too deeply (limit \(Parser.maxDepth))", at: open.range)
    }
    var lines: [StatementLine] = []
    while true {
      while match(.newline) || match(.semicolon) {}
      if current.kind == .rightBrace { break }
      if current.kind == .end {
        throw LanguageError(.syntax, "expected '}' to close \(what)", at: open.range)
      }
      let statement = try parseStatement()
      let silenced = current.kind == .semicolon
      switch current.kind {
      case .newline, .semicolon, .rightBrace: break
      case .invalid(let message): throw LanguageError(.syntax, message, at: current.range)
      default:
        throw LanguageError(
          .syntax, "unexpected \(describe(current)) after the statement", at: current.range)
      }
      lines.append(StatementLine(statement: statement, silenced: silenced))
    }
    let close = advance()
    return Block(lines, open.range.union(close.range))
  }

  /// `{ a, b in … }` or `{ … $0 … }`, with `{` as the current token.
  mutating func closureLiteral() throws(LanguageError) -> Expr {
    let open = advance()
    let named = closureHeader()
    let saved = context
    context = BlockContext(loops: 0, functions: context.functions + 1, inCondition: false)
    defer { context = saved }
    let body = try blockRest(open, "the closure")
    guard let parameters = named ?? Parser.shorthandParameters(body) else {
      throw LanguageError(
        .syntax, "shorthand parameters go from $0 to $9; name them instead ({ a, b in … })",
        at: body.range)
    }
    return Expr(.closure(ClosureLiteral(parameters: parameters, body: body, range: body.range)), body.range)
  }

  /// The names before `in` when the closure starts with `a, b in`; consumes them.
  private mutating func closureHeader() -> [String]? {
    var names: [String] = []
    var i = position
    while case .identifier(let n) = tokens[i].kind, n != "in", !Parser.keywords.contains(n) {
      names.append(n)
      i += 1
      if tokens[i].kind == .comma { i += 1 } else { break }
    }
    guard !names.isEmpty, case .identifier("in") = tokens[i].kind, Set(names).count == names.count
    else { return nil }
    position = i + 1
    return names
  }

  /// `$0 … $k` for the highest `$k` the body uses outside nested closures; nil above `$9`.
  static func shorthandParameters(_ body: Block) -> [String]? {
    var highest = -1
    for (name, _) in FreeNames.collect(body) where name.hasPrefix("$") {
      guard let k = Int(name.dropFirst()), k <= 9 else { return nil }
      highest = max(highest, k)
    }
    return highest < 0 ? [] : (0...highest).map { "$\($0)" }
  }

  /// `f(x) { … }` appends the closure to the call's arguments; `xs.map { … }` calls with it.
  mutating func trailingClosure(after expr: Expr) throws(LanguageError) -> Expr {
    let closedCall = position > 0 && tokens[position - 1].kind == .rightParen
    let closure = try closureLiteral()
    let argument = Argument(label: nil, labelRange: nil, value: closure)
    if closedCall, case .call(let callee, let args) = expr.kind {
      return Expr(.call(callee, args + [argument]), expr.range.union(closure.range))
    }
    return Expr(.call(expr, [argument]), expr.range.union(closure.range))
  }

  /// Rejects `break`, `continue` and `return` in the `if` blocks of a formula definition
  /// (`f(x) = if … { break } …`): a formula is called from anywhere, so its jumps would
  /// land in the caller's loop or function.
  static func checkNoJumps(inFormula e: Expr) throws(LanguageError) {
    guard case .conditional(let test, let then, let orElse) = e.kind else {
      if case .parenthesized(let inner) = e.kind { try checkNoJumps(inFormula: inner) }
      return
    }
    try checkNoJumps(inFormula: test)
    for line in then.statements + (orElse?.statements ?? []) {
      switch line.statement {
      case .control(.breakLoop(let r)), .control(.continueLoop(let r)),
        .control(.returnValue(_, let r)):
        throw LanguageError(
          .syntax, "a formula function cannot 'break', 'continue' or 'return'; use func", at: r)
      case .expression(let inner): try checkNoJumps(inFormula: inner)
      default: continue
      }
    }
  }
}
