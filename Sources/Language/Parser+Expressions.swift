/// The expression grammar, one method per precedence level (see `Parser`).
extension Parser {
  mutating func expression() throws(LanguageError) -> Expr {
    depth += 1
    defer { depth -= 1 }
    if depth > Parser.maxDepth {
      throw LanguageError(
        .syntax, "expression nested too deeply (limit \(Parser.maxDepth))", at: current.range)
    }
    return try rangeLevel()
  }

  /// Rejects trees taller than `Parser.maxHeight` (long operator chains build tall trees
  /// without recursing in the parser).
  func bounded(_ e: Expr) throws(LanguageError) -> Expr {
    if e.height > Parser.maxHeight {
      throw LanguageError(
        .syntax, "expression too long or nested too deeply (limit \(Parser.maxHeight) levels)",
        at: e.range)
    }
    return e
  }

  private mutating func rangeLevel() throws(LanguageError) -> Expr {
    let lower = try orLevel()
    guard current.kind == .ellipsis else { return lower }
    advance()
    let upper = try orLevel()
    return Expr(.range(lower, upper), lower.range.union(upper.range))
  }

  private mutating func orLevel() throws(LanguageError) -> Expr {
    var lhs = try andLevel()
    while current.kind == .pipePipe {
      advance()
      let rhs = try andLevel()
      lhs = try bounded(Expr(.binary(.or, lhs, rhs), lhs.range.union(rhs.range)))
    }
    return lhs
  }

  private mutating func andLevel() throws(LanguageError) -> Expr {
    var lhs = try comparison()
    while current.kind == .ampAmp {
      advance()
      let rhs = try comparison()
      lhs = try bounded(Expr(.binary(.and, lhs, rhs), lhs.range.union(rhs.range)))
    }
    return lhs
  }

  private mutating func comparison() throws(LanguageError) -> Expr {
    let lhs = try additive()
    let op: BinaryOperator
    switch current.kind {
    case .equalEqual: op = .equal
    case .bangEqual: op = .notEqual
    case .less: op = .less
    case .lessEqual: op = .lessEqual
    case .greater: op = .greater
    case .greaterEqual: op = .greaterEqual
    default: return lhs
    }
    advance()
    let rhs = try additive()
    return Expr(.binary(op, lhs, rhs), lhs.range.union(rhs.range))
  }

  private mutating func additive() throws(LanguageError) -> Expr {
    var lhs = try multiplicative()
    while current.kind == .plus || current.kind == .minus {
      let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
      let rhs = try multiplicative()
      lhs = try bounded(Expr(.binary(op, lhs, rhs), lhs.range.union(rhs.range)))
    }
    return lhs
  }

  private mutating func multiplicative() throws(LanguageError) -> Expr {
    var lhs = try unary()
    while current.kind == .star || current.kind == .slash {
      let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
      let rhs = try unary()
      lhs = try bounded(Expr(.binary(op, lhs, rhs), lhs.range.union(rhs.range)))
    }
    return lhs
  }

  private mutating func unary() throws(LanguageError) -> Expr {
    let op: UnaryOperator
    switch current.kind {
    case .minus: op = .negate
    case .plus: op = .plus
    case .bang: op = .not
    default: return try power()
    }
    let t = advance()
    depth += 1
    defer { depth -= 1 }
    if depth > Parser.maxDepth {
      throw LanguageError(
        .syntax, "expression nested too deeply (limit \(Parser.maxDepth))", at: t.range)
    }
    let operand = try unary()
    return Expr(.unary(op, operand), t.range.union(operand.range))
  }

  private mutating func power() throws(LanguageError) -> Expr {
    let base = try postfix()
    guard current.kind == .caret else { return base }
    advance()
    depth += 1
    defer { depth -= 1 }
    if depth > Parser.maxDepth {
      throw LanguageError(
        .syntax, "expression nested too deeply (limit \(Parser.maxDepth))", at: current.range)
    }
    let exponent = try unary()  // right-associative; allows 2^-1
    return Expr(.binary(.power, base, exponent), base.range.union(exponent.range))
  }

  private mutating func postfix() throws(LanguageError) -> Expr {
    var expr = try primary()
    while true {
      switch current.kind {
      case .leftParen:
        advance()
        let args = try arguments()
        let close = try expect(.rightParen, "')' to close the call")
        expr = try bounded(Expr(.call(expr, args), expr.range.union(close.range)))
      case .leftBracket:
        advance()
        let items = try indexItems()
        let close = try expect(.rightBracket, "']' to close the index")
        expr = try bounded(Expr(.index(expr, items), expr.range.union(close.range)))
      case .dot:
        advance()
        guard case .identifier(let name) = current.kind else {
          throw LanguageError(.syntax, "expected a member name after '.'", at: errorRange)
        }
        let t = advance()
        expr = try bounded(Expr(.member(expr, name), expr.range.union(t.range)))
      case .leftBrace where !context.inCondition:
        expr = try bounded(try trailingClosure(after: expr))
      default:
        return expr
      }
    }
  }

  private mutating func arguments() throws(LanguageError) -> [Argument] {
    var args: [Argument] = []
    while current.kind != .rightParen, current.kind != .end {
      var label: String?
      var labelRange: SourceRange?
      if case .identifier(let name) = current.kind, peekKind() == .colon {
        label = name
        labelRange = advance().range
        advance()
      }
      args.append(Argument(label: label, labelRange: labelRange, value: try expression()))
      if !match(.comma) { break }
    }
    return args
  }

  private mutating func indexItems() throws(LanguageError) -> [IndexItem] {
    var items: [IndexItem] = []
    repeat {
      let start = current.range
      var lower: Expr?
      if current.kind != .colon { lower = try expression() }
      if current.kind == .colon {
        let colon = advance()
        var upper: Expr?
        if current.kind != .comma, current.kind != .rightBracket { upper = try expression() }
        let end = upper?.range ?? colon.range
        items.append(.slice(lower: lower, upper: upper, range: (lower?.range ?? start).union(end)))
      } else if let lower {
        items.append(.index(lower))
      }
    } while match(.comma)
    return items
  }

  private mutating func primary() throws(LanguageError) -> Expr {
    let t = current
    switch t.kind {
    case .number(let x):
      advance()
      return Expr(.number(x), t.range)
    case .string(let s):
      advance()
      return Expr(.string(s), t.range)
    case .trueKeyword, .falseKeyword:
      advance()
      return Expr(.bool(t.kind == .trueKeyword), t.range)
    case .identifier(let name):
      if Parser.keywords.contains(name) { return try keywordExpression(name) }
      advance()
      return Expr(.name(name), t.range)
    case .leftBrace:
      return try closureLiteral()
    case .leftParen:
      return try parenthesized()
    case .leftBracket:
      advance()
      var items: [Expr] = []
      while current.kind != .rightBracket, current.kind != .end {
        items.append(try expression())
        if !match(.comma) { break }
      }
      let close = try expect(.rightBracket, "']' to close the vector")
      return Expr(.vector(items), t.range.union(close.range))
    case .invalid(let message):
      throw LanguageError(.syntax, message, at: t.range)
    default:
      throw LanguageError(.syntax, "expected an expression, found \(describe(t))", at: errorRange)
    }
  }

  private mutating func parenthesized() throws(LanguageError) -> Expr {
    let open = advance()
    if case .identifier = current.kind, peekKind() == .colon { return try recordLiteral(open) }
    var items: [Expr] = []
    var sawComma = false
    while current.kind != .rightParen, current.kind != .end {
      items.append(try expression())
      if !match(.comma) { break }
      sawComma = true
    }
    let close = try expect(.rightParen, "')'")
    let range = open.range.union(close.range)
    if items.isEmpty { throw LanguageError(.syntax, "empty parentheses", at: range) }
    if items.count == 1, !sawComma { return Expr(.parenthesized(items[0]), range) }
    return Expr(.tuple(items), range)
  }

  /// `(lr: 0.1, loss: 0.3)` after its `(`: every field labelled, each label once.
  private mutating func recordLiteral(_ open: Token) throws(LanguageError) -> Expr {
    let fields = try arguments()
    let close = try expect(.rightParen, "')' to close the record")
    var seen: Set<String> = []
    for f in fields {
      guard let label = f.label else {
        throw LanguageError(
          .syntax, "every field of a record needs a name, as in (lr: 0.1, loss: 0.3)", at: f.value.range)
      }
      guard seen.insert(label).inserted else {
        throw LanguageError(.syntax, "the field '\(label)' appears twice", at: f.labelRange ?? f.value.range)
      }
    }
    return Expr(.record(fields), open.range.union(close.range))
  }
}
