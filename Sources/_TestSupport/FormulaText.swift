import Formula
import Foundation

/// Reads a formula written as text (`(1 - w1*w2)^2`, sympy's `**` too) into the tree the
/// language lowers the same text to, so tests below the language (Autodiff, Optim) need none.
///
/// The grammar is the language's arithmetic: `+ -` then `* /` (left-associative), unary
/// `-`/`+`, then `^` (right-associative; its exponent may be negated, `2^-x`), numbers,
/// parameter names, `pi`/`e`, parentheses and the elementwise functions (`exp(x)`).
public struct FormulaText {
  private let chars: [Character]
  private let parameters: [String]
  private var at = 0

  /// The tree for `text` in `parameters`; throws on anything outside the grammar.
  public static func parse(_ text: String, _ parameters: [String]) throws -> FormulaNode {
    var reader = FormulaText(chars: Array(text), parameters: parameters)
    let node = try reader.sum()
    reader.skipSpaces()
    guard reader.at == reader.chars.count else { throw reader.failure("unexpected text") }
    return node
  }

  /// The tree and parameter count of a definition `F(x, y) = body`.
  public static func definition(_ cell: String) throws -> (root: FormulaNode, parameters: [String]) {
    guard let open = cell.firstIndex(of: "("), let close = cell.firstIndex(of: ")"),
      let equals = cell.range(of: " = ")
    else { throw Failure(description: "not a definition: \(cell)") }
    let parameters = cell[cell.index(after: open)..<close].split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    return (try parse(String(cell[equals.upperBound...]), parameters), parameters)
  }

  /// Text the grammar does not cover, with the place.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  private init(chars: [Character], parameters: [String]) {
    self.chars = chars
    self.parameters = parameters
  }

  private mutating func sum() throws -> FormulaNode {
    var lhs = try product()
    while let op = take(["+", "-"]) {
      lhs = .binary(op == "+" ? .add : .subtract, lhs, try product())
    }
    return lhs
  }

  private mutating func product() throws -> FormulaNode {
    var lhs = try unary()
    while let op = take(["*", "/"]) {
      lhs = .binary(op == "*" ? .multiply : .divide, lhs, try unary())
    }
    return lhs
  }

  private mutating func unary() throws -> FormulaNode {
    if take(["-"]) != nil { return .negate(try unary()) }
    if take(["+"]) != nil { return try unary() }
    return try power()
  }

  private mutating func power() throws -> FormulaNode {
    let base = try atom()
    guard take(["^", "**"]) != nil else { return base }
    return .binary(.power, base, try unary())
  }

  private mutating func atom() throws -> FormulaNode {
    skipSpaces()
    guard at < chars.count else { throw failure("unexpected end") }
    if take(["("]) != nil {
      let inner = try sum()
      guard take([")"]) != nil else { throw failure("missing )") }
      return inner
    }
    if chars[at].isNumber || chars[at] == "." { return .constant(try number()) }
    let name = word()
    if let i = parameters.firstIndex(of: name) { return .parameter(i) }
    if name == "pi" { return .constant(Double.pi) }
    if name == "e" { return .constant(2.718281828459045) }
    guard let f = ElementwiseFunction(rawValue: name), take(["("]) != nil else {
      throw failure("unknown name '\(name)'")
    }
    let argument = try sum()
    guard take([")"]) != nil else { throw failure("missing )") }
    return .function(f, argument)
  }

  private mutating func number() throws -> Double {
    let start = at
    while at < chars.count, chars[at].isNumber || chars[at] == "." { at += 1 }
    if at < chars.count, chars[at] == "e" || chars[at] == "E" {
      at += 1
      if at < chars.count, chars[at] == "-" || chars[at] == "+" { at += 1 }
      while at < chars.count, chars[at].isNumber { at += 1 }
    }
    guard let x = Double(String(chars[start..<at])) else { throw failure("bad number") }
    return x
  }

  private mutating func word() -> String {
    let start = at
    while at < chars.count, chars[at].isLetter || chars[at].isNumber || chars[at] == "_" { at += 1 }
    return String(chars[start..<at])
  }

  /// Consumes the first of `tokens` that comes next (after spaces), longest first.
  private mutating func take(_ tokens: [String]) -> String? {
    skipSpaces()
    for token in tokens.sorted(by: { $0.count > $1.count }) {
      let t = Array(token)
      if at + t.count <= chars.count, Array(chars[at..<(at + t.count)]) == t {
        // `*` must not eat the first half of `**`.
        if token == "*", at + 1 < chars.count, chars[at + 1] == "*" { continue }
        at += t.count
        return token
      }
    }
    return nil
  }

  private mutating func skipSpaces() {
    while at < chars.count, chars[at] == " " { at += 1 }
  }

  private func failure(_ what: String) -> Failure {
    Failure(description: "\(what) at \(at) in \(String(chars))")
  }
}
