import Session
import Testing

/// Drives the REPL loop with lines in and captured text out.
private func repl(_ input: String, prompts: Bool = false) -> (out: String, err: String) {
  var lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  if lines.last == "" { lines.removeLast() }
  var out = ""
  var err = ""
  Repl(
    session: Session(), showPrompts: prompts,
    readLine: { lines.isEmpty ? nil : lines.removeFirst() },
    write: { stream, text in if stream == .stdout { out += text } else { err += text } }
  ).run()
  return (out, err)
}

@Test func replPrintsResultsAndContinuesIncompleteCells() {
  let r = repl("1 + 5\nx = [1,\n 2]\nx * 2\nprint(\"hi\")\n")
  #expect(r.out == "6\n[2, 4]\nhi\n")
  #expect(r.err == "")
}

@Test func replRendersErrorsAndKeepsGoing() {
  let r = repl("L(w1, w2) = (1 - w1*w3)^2\n1\n")
  #expect(r.out == "1\n")
  #expect(
    r.err
      == "  L(w1, w2) = (1 - w1*w3)^2\n                      ^~\nNameError: unknown name 'w3' (did you mean 'w1' or 'w2'?)\n"
  )
}

@Test func replShowsPromptsAndContinuationPrompts() {
  let r = repl("[1,\n2]\n", prompts: true)
  #expect(r.out == "saddle>    ...> [1, 2]\nsaddle> ")
}

@Test func replRunsAPendingIncompleteCellAtEndOfInput() {
  let r = repl("1 +\n")
  #expect(r.err.hasSuffix("SyntaxError: expected an expression, found end of input\n"))
}

@Test func replReadsInputFromTheSameStream() {
  let r = repl("name = input(\"? \")\nAda\nname\n")
  #expect(r.out == "? \"Ada\"\n")
}
