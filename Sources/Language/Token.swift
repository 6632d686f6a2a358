/// The kinds of token the lexer produces.
enum TokenKind: Equatable, Sendable {
  case number(Double)
  case string(String)
  case identifier(String)
  case trueKeyword, falseKeyword
  case plus, minus, star, slash, caret
  case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
  case ampAmp, pipePipe, bang
  case ellipsis, colon, comma, semicolon, dot, question
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case newline
  case invalid(String)
  case end

  /// Binary operators after which a line break continues the expression.
  var continuesLine: Bool {
    switch self {
    case .plus, .minus, .star, .slash, .caret, .equal, .equalEqual, .bangEqual, .less, .lessEqual,
      .greater, .greaterEqual, .ampAmp, .pipePipe, .ellipsis, .comma, .dot:
      return true
    default: return false
    }
  }

  /// How the token reads in source, for messages and the fuzzer.
  var spelling: String {
    switch self {
    case .number(let x): return "\(x)"
    case .string(let s): return "\"\(s)\""
    case .identifier(let n): return n
    case .trueKeyword: return "true"
    case .falseKeyword: return "false"
    case .plus: return "+"
    case .minus: return "-"
    case .star: return "*"
    case .slash: return "/"
    case .caret: return "^"
    case .equal: return "="
    case .equalEqual: return "=="
    case .bangEqual: return "!="
    case .less: return "<"
    case .lessEqual: return "<="
    case .greater: return ">"
    case .greaterEqual: return ">="
    case .ampAmp: return "&&"
    case .pipePipe: return "||"
    case .bang: return "!"
    case .ellipsis: return "..."
    case .colon: return ":"
    case .comma: return ","
    case .semicolon: return ";"
    case .dot: return "."
    case .question: return "?"
    case .leftParen: return "("
    case .rightParen: return ")"
    case .leftBracket: return "["
    case .rightBracket: return "]"
    case .leftBrace: return "{"
    case .rightBrace: return "}"
    case .newline: return "\n"
    case .invalid(let s): return s
    case .end: return ""
    }
  }
}

/// A token and where it is.
struct Token: Equatable, Sendable {
  let kind: TokenKind
  let range: SourceRange
}
