/// Console support: completeness, completion and inspection of partly typed cells.
extension Runtime {
  /// The answer to "can this cell run yet?".
  public enum Readiness: Sendable, Equatable {
    case complete
    /// More input may complete it; `indent` is a suggested indent for the next line.
    case incomplete(indent: String)
    /// An error that more input cannot fix.
    case invalid
  }

  /// Incomplete on unclosed brackets (also a block's `{`) or a trailing operator, invalid on errors more input
  /// cannot fix (a stray closing bracket, an unterminated string, a bad character).
  public static func readiness(_ code: String) -> Readiness {
    let tokens = Lexer.tokenize(code)
    var stack: [TokenKind] = []
    for t in tokens {
      switch t.kind {
      case .leftParen: stack.append(.rightParen)
      case .leftBracket: stack.append(.rightBracket)
      case .leftBrace: stack.append(.rightBrace)
      case .rightParen, .rightBracket, .rightBrace:
        guard stack.last == t.kind else { return .invalid }
        stack.removeLast()
      case .invalid: return .invalid
      default: break
      }
    }
    if !stack.isEmpty { return .incomplete(indent: String(repeating: "  ", count: stack.count)) }
    let meaningful = tokens.last { $0.kind != .newline && $0.kind != .end }
    if let last = meaningful, last.kind.continuesLine { return .incomplete(indent: "") }
    return Parser.parse(code).diagnostics.isEmpty ? .complete : .invalid
  }

  /// Completions for the word left of `cursor` (code points): builtin and variable names,
  /// argument labels (`n: `) inside a builtin call, record members after `.`.
  public func completions(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
    let scalars = Array(code.unicodeScalars)
    let end = min(max(0, cursor), scalars.count)
    var start = end
    while start > 0, Lexer.isIdentifierContinue(scalars[start - 1]) { start -= 1 }
    let prefix = String(String.UnicodeScalarView(scalars[start..<end]))
    if start > 0, scalars[start - 1] == "." {
      var baseStart = start - 1
      while baseStart > 0, Lexer.isIdentifierContinue(scalars[baseStart - 1]) { baseStart -= 1 }
      let base = String(String.UnicodeScalarView(scalars[baseStart..<(start - 1)]))
      let members: [String]
      switch globals[base] {
      case .record(let r)?: members = r.fields.map(\.name)
      case .custom(let c)?: members = c.memberNames
      case .table(let t)?: members = t.memberNames + ListMethod.allCases.map(\.rawValue)
      case let v? where v.hasListMethods: members = ListMethod.allCases.map(\.rawValue)
      default: return ([], start, end)
      }
      return (members.filter { $0.hasPrefix(prefix) }, start, end)
    }
    var candidates: [String] = []
    if let call = Runtime.enclosingCall(scalars, before: start) {
      candidates += labels(for: call).filter { $0.hasPrefix(prefix) }.map { $0 + ": " }
    }
    let names = Set(
      builtins.names + globals.keys + Constants.table.map(\.0) + ["true", "false"])
    candidates += names.filter { $0.hasPrefix(prefix) }.sorted()
    return (candidates, start, end)
  }

  /// The name of the call whose parentheses enclose `offset`, if any.
  static func enclosingCallee(_ scalars: [Unicode.Scalar], before offset: Int) -> String? {
    enclosingCall(scalars, before: offset)?.callee
  }

  /// The innermost unclosed call before `offset`: its callee and, when the first argument
  /// is a plain name, that name (to offer a function's parameter names as labels).
  static func enclosingCall(_ scalars: [Unicode.Scalar], before offset: Int) -> (
    callee: String, firstArgument: String?
  )? {
    let tokens = Lexer.tokenize(String(String.UnicodeScalarView(scalars[0..<offset])))
    var stack: [(String, String?)?] = []
    for (i, t) in tokens.enumerated() {
      switch t.kind {
      case .leftParen:
        guard i > 0, case .identifier(let n) = tokens[i - 1].kind else {
          stack.append(nil)
          continue
        }
        var first: String?
        if i + 2 < tokens.count, case .identifier(let a) = tokens[i + 1].kind,
          tokens[i + 2].kind == .comma
        {
          first = a
        }
        stack.append((n, first))
      case .leftBracket: stack.append(nil)
      case .rightParen, .rightBracket: if !stack.isEmpty { stack.removeLast() }
      default: break
      }
    }
    return (stack.last ?? nil).map { (callee: $0.0, firstArgument: $0.1) }
  }

  /// Labels a call may use: the builtin's own, plus the parameter names of the function
  /// given first when the builtin takes labels named after them (`grid(L, w1: …)`).
  private func labels(for call: (callee: String, firstArgument: String?)) -> [String] {
    guard let b = builtins.lookup(call.callee) else { return [] }
    var labels = b.labels
    if b.parameters.contains(where: \.wildcard), let first = call.firstArgument,
      case .function(let f)? = globals[first]
    {
      labels = f.parameters + labels
    }
    return labels
  }

  /// Help text for the name at or left of `cursor`, or for the call the cursor is in.
  public func inspection(_ code: String, cursor: Int) -> String? {
    let scalars = Array(code.unicodeScalars)
    let c = min(max(0, cursor), scalars.count)
    var start = c
    var end = c
    while start > 0, Lexer.isIdentifierContinue(scalars[start - 1]) { start -= 1 }
    while end < scalars.count, Lexer.isIdentifierContinue(scalars[end]) { end += 1 }
    var name = String(String.UnicodeScalarView(scalars[start..<end]))
    if name.isEmpty || value(named: name) == nil,
      let callee = Runtime.enclosingCallee(scalars, before: c)
    {
      name = callee
    }
    guard !name.isEmpty, let v = value(named: name) else { return nil }
    return try? Help.text(for: name, value: v)
  }
}
