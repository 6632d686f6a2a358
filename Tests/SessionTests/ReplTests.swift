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

@Test func onATerminalAnUpdateOfTheLastLineRewritesItInPlace() {
  let cell =
    "display(1, id: \"d\"); display(2, id: \"d\", update: true); print(\"x\"); display(3, id: \"d\", update: true)\n"
  let terminal = repl(cell, prompts: true).out
  #expect(terminal == Repl.prompt + "1\n\u{1B}[1A\u{1B}[2K2\nx\n3\n" + Repl.prompt)
  #expect(repl(cell).out == "1\n2\nx\n3\n")  // not a terminal: every line stays
  // The next cell's prompt stands between: its update adds a line.
  let twoCells = repl("display(1, id: \"d\")\ndisplay(2, id: \"d\", update: true)\n", prompts: true).out
  #expect(twoCells == Repl.prompt + "1\n" + Repl.prompt + "2\n" + Repl.prompt)
  // Display ids carry no meaning: any id shows (a run's live figure is left out by the
  // session, which the REPL asks for no companion displays; see RunDisplayTests).
  #expect(repl("display(1, id: \"saddle-run-9-figure\")\ndisplay(2, id: \"a-figure\")\n").out == "1\n2\n")
}
