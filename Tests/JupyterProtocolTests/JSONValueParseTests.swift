import JupyterProtocol
import Testing

@Suite struct JSONValueParseTests {
  @Test func keepsIntegersApartFromFloatsAndBooleansApartFromNumbers() throws {
    let value = try JSONValue.parse(#"[1, 1.0, -0, 2e3, true, 0, false, null, "1"]"#)
    #expect(value == [.int(1), .double(1.0), .int(0), .double(2000), true, .int(0), false, nil, "1"])
  }

  @Test func reportsTheLineAndColumnOfTheFirstProblem() {
    let cases: [(String, Int, Int)] = [
      ("{\n  \"a\": 1,\n  \"b\": }", 3, 8),
      ("[1, 2", 1, 6),
      ("{\"a\": 1} x", 1, 10),
      ("\"unterminated", 1, 14),
      ("[1x]", 1, 3),
    ]
    for (text, line, column) in cases {
      do {
        _ = try JSONValue.parse(text)
        Issue.record("\(text) parsed")
      } catch {
        #expect(error.line == line && error.column == column, "\(text): \(error)")
      }
    }
  }

  @Test func refusesNestingDeeperThanItsLimitInsteadOfOverflowingTheStack() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(deep) }
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect((try? JSONValue.parse(fine)) != nil)
  }
}
