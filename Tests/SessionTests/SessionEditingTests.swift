import Session
import Testing

@Test func completesBuiltinsAndVariables() throws {
  let s = Session()
  #expect(
    s.complete("pri", cursor: 3) == Completion(matches: ["print"], cursorStart: 0, cursorEnd: 3))
  _ = try s.execute("prize = 1", output: RecordingSink())
  #expect(
    s.complete("x = pri", cursor: 7)
      == Completion(matches: ["print", "prize"], cursorStart: 4, cursorEnd: 7))
  #expect(s.complete("lins", cursor: 4).matches == ["linspace"])
}

@Test func completesArgumentLabelsInsideACall() {
  let s = Session()
  let c = s.complete("linspace(0, 1, ", cursor: 15)
  #expect(c.matches.first == "n: ")
  #expect(c.cursorStart == 15)
  let d = s.complete("display(x, u", cursor: 12)
  #expect(d.matches.first == "update: ")
  #expect(d.cursorStart == 11)
}

@Test func completesRecordMembersAfterDot() throws {
  let s = Session()
  _ = try s.execute("e = eig([[2, 0], [0, 1]])", output: RecordingSink())
  #expect(
    s.complete("e.", cursor: 2)
      == Completion(matches: ["values", "vectors"], cursorStart: 2, cursorEnd: 2))
  #expect(s.complete("e.va", cursor: 4).matches == ["values"])
}

@Test func completionCursorCountsCodePoints() throws {
  let s = Session()
  _ = try s.execute("θ_value = 1", output: RecordingSink())
  let c = s.complete("θ + θ_v", cursor: 7)
  #expect(c == Completion(matches: ["θ_value"], cursorStart: 4, cursorEnd: 7))
}

@Test func inspectShowsHelpOfTheNameOrTheEnclosingCall() throws {
  let s = Session()
  #expect(
    s.inspect("print", cursor: 5, detailLevel: 0)?.data["text/plain"]?.hasPrefix("print(_ items")
      == true)
  #expect(
    s.inspect("linspace(0, ", cursor: 12, detailLevel: 0)?.data["text/plain"]?.hasPrefix(
      "linspace(") == true)
  #expect(s.inspect("nothing_here", cursor: 4, detailLevel: 0) == nil)
  _ = try s.execute("f(x) = x^2", output: RecordingSink())
  #expect(
    s.inspect("f", cursor: 1, detailLevel: 1)?.data["text/plain"]?.hasPrefix("f(x) = x^2") == true)
}

@Test func isCompleteAnswersForTheConsole() {
  let s = Session()
  #expect(s.isComplete("[1, 2") == .incomplete(indent: "  "))
  #expect(s.isComplete("1 +") == .incomplete(indent: ""))
  #expect(s.isComplete("1 + 2") == .complete)
  #expect(s.isComplete("1 + )") == .invalid)
  #expect(s.isComplete("") == .complete)
  #expect(s.isComplete("f(x) =") == .incomplete(indent: ""))
  #expect(s.isComplete("\"abc") == .invalid)
  #expect(s.isComplete("sum([1,\n 2") == .incomplete(indent: "    "))
}

@Test func completesAFunctionsParameterNamesAsGridLabels() throws {
  let s = Session()
  _ = try s.execute("L(w1, w2) = (1 - w1*w2)^2", output: RecordingSink())
  #expect(s.complete("grid(L, ", cursor: 8).matches.prefix(3) == ["w1: ", "w2: ", "n: "])
  #expect(s.complete("grid(L, w1: -2...2, w", cursor: 21).matches.prefix(2) == ["w1: ", "w2: "])
}
