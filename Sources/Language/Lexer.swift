/// Splits a cell into tokens.
///
/// Line breaks are tokens (they separate statements) except inside `(…)` and `[…]` and
/// after a binary operator or comma, where the expression continues on the next line
/// (directly inside a block `{…}` they separate statements again).
/// `//` starts a comment to the end of the line. Problems become `.invalid` tokens with
/// a message; the lexer never fails.
struct Lexer {
  private let source: [Unicode.Scalar]
  private var position = 0
  /// The open brackets, innermost last: a line break ends a statement only at the top level
  /// or directly inside `{…}` (a block), never inside `(…)` or `[…]`.
  private var open: [TokenKind] = []
  private(set) var tokens: [Token] = []

  init(_ text: String) {
    source = Array(text.unicodeScalars)
  }

  /// Tokenizes the whole source; the last token is `.end`.
  static func tokenize(_ text: String) -> [Token] {
    var lexer = Lexer(text)
    lexer.run()
    return lexer.tokens
  }

  private mutating func run() {
    while true {
      skipSpaceAndComments()
      guard position < source.count else { break }
      let start = position
      let kind = scanToken()
      if kind == .newline {
        let inBrackets = open.last.map { $0 != .leftBrace } ?? false
        if inBrackets || (tokens.last?.kind.continuesLine ?? true) || tokens.last?.kind == .newline {
          continue
        }
      }
      switch kind {
      case .leftParen, .leftBracket, .leftBrace: open.append(kind)
      case .rightParen, .rightBracket, .rightBrace: _ = open.popLast()
      default: break
      }
      tokens.append(Token(kind: kind, range: SourceRange(start, position)))
    }
    tokens.append(Token(kind: .end, range: SourceRange(source.count, source.count)))
  }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    position + offset < source.count ? source[position + offset] : nil
  }

  private mutating func skipSpaceAndComments() {
    while let c = peek() {
      if c == " " || c == "\t" || c == "\r" || Lexer.isPastedSpace(c) {
        position += 1
      } else if c == "/", peek(1) == "/" {
        while let d = peek(), d != "\n" { position += 1 }
      } else {
        return
      }
    }
  }

  private mutating func scanToken() -> TokenKind {
    let c = source[position]
    if Lexer.isDigit(c) || (c == "." && peek(1).map(Lexer.isDigit) == true) { return scanNumber() }
    if Lexer.isIdentifierStart(c) { return scanIdentifier() }
    if c == "\"" { return scanString() }
    position += 1
    return scanOperator(c)
  }

  private mutating func scanOperator(_ c: Unicode.Scalar) -> TokenKind {
    func two(_ next: Unicode.Scalar, _ yes: TokenKind, _ no: TokenKind) -> TokenKind {
      if peek() == next {
        position += 1
        return yes
      }
      return no
    }
    switch c {
    case "\n": return .newline
    case "+": return .plus
    case "-", "−": return .minus
    case "*", "·", "×": return .star
    case "/": return .slash
    case "^": return .caret
    case "=": return two("=", .equalEqual, .equal)
    case "!": return two("=", .bangEqual, .bang)
    case "<": return two("=", .lessEqual, .less)
    case ">": return two("=", .greaterEqual, .greater)
    case "&": return two("&", .ampAmp, .invalid("unexpected character '&' (did you mean '&&'?)"))
    case "|": return two("|", .pipePipe, .invalid("unexpected character '|' (did you mean '||'?)"))
    case ":": return .colon
    case ",": return .comma
    case ";": return .semicolon
    case "?": return .question
    case "(": return .leftParen
    case ")": return .rightParen
    case "[": return .leftBracket
    case "]": return .rightBracket
    case "{": return .leftBrace
    case "}": return .rightBrace
    case "$": return scanShorthandParameter()
    case "…": return .ellipsis
    case ".":
      if peek() == ".", peek(1) == "." {
        position += 2
        return .ellipsis
      }
      return .dot
    default:
      return .invalid("unexpected character \(Lexer.describe(c))")
    }
  }

  /// `$0`, `$1`, …: a closure's parameters by position (a name the parser treats specially).
  private mutating func scanShorthandParameter() -> TokenKind {
    let start = position
    while let c = peek(), Lexer.isDigit(c) { position += 1 }
    guard position > start else { return .invalid("unexpected character '$'") }
    return .identifier("$" + String(String.UnicodeScalarView(source[start..<position])))
  }

  private mutating func scanNumber() -> TokenKind {
    let start = position
    while let c = peek(), Lexer.isDigit(c) || c == "_" { position += 1 }
    if peek() == ".", let d = peek(1), Lexer.isDigit(d) {
      position += 1
      while let c = peek(), Lexer.isDigit(c) { position += 1 }
    }
    if let e = peek(), e == "e" || e == "E" {
      let signed = peek(1) == "+" || peek(1) == "-"
      if let d = peek(signed ? 2 : 1), Lexer.isDigit(d) {
        position += signed ? 2 : 1
        while let c = peek(), Lexer.isDigit(c) { position += 1 }
      }
    }
    guard let value = Double(Lexer.text(source[start..<position].lazy.filter { $0 != "_" })) else {
      return .invalid("malformed number")
    }
    if let c = peek(), Lexer.isIdentifierStart(c) {
      return .invalid("a number cannot be followed by a name (write '2*x' for a product)")
    }
    return .number(value)
  }

  private mutating func scanIdentifier() -> TokenKind {
    let start = position
    while let c = peek(), Lexer.isIdentifierContinue(c) { position += 1 }
    let name = Lexer.text(source[start..<position])
    switch name {
    case "true": return .trueKeyword
    case "false": return .falseKeyword
    default: return .identifier(name)
    }
  }

  private mutating func scanString() -> TokenKind {
    position += 1
    var text = String.UnicodeScalarView()
    while let c = peek() {
      if c == "\n" { break }
      position += 1
      if c == "\"" { return .string(String(text)) }
      if c == "\\", let e = peek() {
        position += 1
        switch e {
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "\"": text.append("\"")
        case "\\": text.append("\\")
        default:
          return .invalid(
            Lexer.isInvisible(e)
              ? "unknown escape: '\\' followed by \(Lexer.describe(e)) in string"
              : "unknown escape '\\\(Character(e))' in string")
        }
      } else {
        text.append(c)
      }
    }
    return .invalid("unterminated string (strings end with '\"' on the same line)")
  }

  static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  /// The text of some scalars, written as UTF-8 straight into the new string (in place for
  /// names and numbers of up to 15 bytes): appending them to a `String.UnicodeScalarView`
  /// one by one was half the time a short cell such as `hessian(R, at: [-1.2, 1])` takes.
  static func text<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> String {
    String(unsafeUninitializedCapacity: 4 * scalars.count) { buffer in
      var count = 0
      for scalar in scalars {
        UTF8.encode(scalar) { byte in
          buffer[count] = byte
          count += 1
        }
      }
      return count
    }
  }

  /// Spaces that arrive with code pasted from slides and web pages: no-break space (U+00A0),
  /// figure space (U+2007) and narrow no-break space (U+202F). They separate tokens like ' '.
  static func isPastedSpace(_ c: Unicode.Scalar) -> Bool {
    c.value == 0xA0 || c.value == 0x2007 || c.value == 0x202F
  }

  /// Characters that print as nothing or as blank space (controls, format characters such as
  /// U+200B, other spaces and separators, unassigned and private-use code points).
  static func isInvisible(_ c: Unicode.Scalar) -> Bool {
    switch c.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse,
      .unassigned, .surrogate:
      return true
    default:
      return c.properties.isWhitespace || c.properties.isDefaultIgnorableCodePoint
    }
  }

  /// A character as an error message shows it: `'@'`, or for an invisible one its code point
  /// and name, `U+200B ZERO WIDTH SPACE`, never the raw character.
  static func describe(_ c: Unicode.Scalar) -> String {
    guard isInvisible(c) else { return "'\(Character(c))'" }
    let hex = String(c.value, radix: 16, uppercase: true)
    let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    let name = c.properties.name ?? c.properties.nameAlias ?? controlNames[c.value] ?? "(unnamed)"
    return "\(code) \(name)"
  }

  /// Names of the C0 controls a paste can carry (Unicode gives controls no `name`).
  private static let controlNames: [UInt32: String] = [
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
    0x1B: "ESCAPE", 0x7F: "DELETE",
  ]

  static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    // ASCII first: the Unicode property look-up was a tenth of the time a short cell takes.
    if c.isASCII { return c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
    return c.properties.isAlphabetic && !isSubscriptDigit(c)
  }

  static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
    isIdentifierStart(c) || isDigit(c) || isSubscriptDigit(c) || c == "′"
  }

  static func isSubscriptDigit(_ c: Unicode.Scalar) -> Bool {
    c.value >= 0x2080 && c.value <= 0x2089
  }
}
