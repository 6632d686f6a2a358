import Testing

@testable import Language

private func kinds(_ s: String) -> [TokenKind] { Lexer.tokenize(s).map(\.kind) }

@Test func lexesNumbersNamesAndOperators() {
  #expect(kinds("1 + 2.5e3") == [.number(1), .plus, .number(2500), .end])
  #expect(
    kinds("w1*θ^2") == [.identifier("w1"), .star, .identifier("θ"), .caret, .number(2), .end])
  #expect(
    kinds("a <= b != c") == [
      .identifier("a"), .lessEqual, .identifier("b"), .bangEqual, .identifier("c"), .end,
    ])
  #expect(kinds("-2...2") == [.minus, .number(2), .ellipsis, .number(2), .end])
  #expect(kinds("1.") == [.number(1), .dot, .end])
  #expect(kinds("w₁") == [.identifier("w₁"), .end])
  #expect(kinds("true false") == [.trueKeyword, .falseKeyword, .end])
}

@Test func rangesAreInCodePoints() {
  let tokens = Lexer.tokenize("θ + w₁")
  #expect(tokens[0].range == SourceRange(0, 1))
  #expect(tokens[2].range == SourceRange(4, 6))
}

@Test func newlinesSeparateStatementsExceptInsideBracketsOrAfterOperators() {
  #expect(kinds("a\nb") == [.identifier("a"), .newline, .identifier("b"), .end])
  #expect(kinds("[1,\n2]") == [.leftBracket, .number(1), .comma, .number(2), .rightBracket, .end])
  #expect(kinds("(1\n+ 2)") == [.leftParen, .number(1), .plus, .number(2), .rightParen, .end])
  #expect(kinds("1 +\n2") == [.number(1), .plus, .number(2), .end])
  #expect(kinds("\n\na\n\n") == [.identifier("a"), .newline, .end])
}

@Test func commentsAndStrings() {
  #expect(kinds("1 // two\n3") == [.number(1), .newline, .number(3), .end])
  #expect(kinds("\"a\\\"b\\n\"") == [.string("a\"b\n"), .end])
  if case .invalid(let m) = kinds("\"abc")[0] {
    #expect(m.contains("unterminated"))
  } else {
    Issue.record("expected invalid")
  }
  if case .invalid(let m) = kinds("$")[0] {
    #expect(m == "unexpected character '$'")
  } else {
    Issue.record("expected invalid")
  }
}
