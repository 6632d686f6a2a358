import Dispatch
import Session
import Testing
import _TestSupport

@Test func printAndEprintStream() throws {
  let s = Session()
  let sink = RecordingSink()
  #expect(try s.execute("print(\"hello, world\")", output: sink) == nil)
  #expect(sink.stdout == "hello, world\n")
  _ = try s.execute("eprint(\"oops\")", output: sink)
  #expect(sink.stderr == "oops\n")
}

@Test func resultBundleIsPlainTextSix() throws {
  let s = Session()
  let bundle = try s.execute("1 + 5", output: RecordingSink())
  #expect(bundle?.data["text/plain"] == "6")
  #expect(bundle?.data["text/latex"] == "$$6$$")
  #expect(try s.execute("1 + 5;", output: RecordingSink()) == nil)
}

@Test func displayCarriesPlainAndLatexAndDisplayIDs() throws {
  let s = Session()
  let sink = RecordingSink()
  _ = try s.execute(
    "display([1, 2])\ndisplay(3, id: \"d1\")\ndisplay(4, id: \"d1\", update: true)", output: sink)
  #expect(sink.displays.count == 3)
  #expect(sink.displays[0].0.data["text/plain"] == "[1, 2]")
  #expect(sink.displays[0].0.data["text/latex"] == "$$\\begin{bmatrix}1 \\\\ 2\\end{bmatrix}$$")
  #expect(sink.displays[0].1 == nil)
  #expect(sink.displays[1].1 == "d1" && !sink.displays[1].2)
  #expect(sink.displays[2].1 == "d1" && sink.displays[2].2)
}

@Test func clearOutputPassesWait() throws {
  let s = Session()
  let sink = RecordingSink()
  _ = try s.execute("clear_output()\nclear_output(wait: true)", output: sink)
  #expect(sink.clears == [false, true])
}

@Test func questionMarkPagesHelpAndHelpShowsInline() throws {
  let s = Session()
  let sink = RecordingSink()
  #expect(try s.execute("?print", output: sink) == nil)
  #expect(try s.execute("print?", output: sink) == nil)
  #expect(sink.pages.count == 2)
  #expect(sink.pages[0].data["text/plain"]?.hasPrefix("print(") == true)
  let inline = try s.execute("help(print)", output: sink)
  #expect(inline?.data["text/plain"] == sink.pages[0].data["text/plain"])
  #expect(sink.streams.isEmpty)
}

@Test func inputAsksTheSinkAndReturnsTheString() throws {
  let s = Session()
  let sink = RecordingSink()
  sink.answers = ["Ada"]
  let bundle = try s.execute("input(\"Your name: \")", output: sink)
  #expect(bundle?.data["text/plain"] == "\"Ada\"")
  #expect(sink.prompts.first?.0 == "Your name: ")
  sink.allowInput = false
  #expect(throws: ExecutionError.self) { try s.execute("input(\"x\")", output: sink) }
  do {
    _ = try s.execute("input(\"x\")", output: sink)
  } catch {
    #expect(error.name == "StdinNotImplementedError")
  }
}

/// Regression: an interrupt while `input` waits was reported as StdinNotImplementedError.
@Test func interruptDuringInputEndsTheCellAsInterrupted() {
  let s = Session()
  let sink = RecordingSink()
  sink.interruptInput = true
  do {
    _ = try s.execute("x = input(\"name: \")", output: sink)
    Issue.record("expected an error")
  } catch {
    #expect(error.name == "Interrupted")
  }
}

@Test func unknownNameRaisesNameErrorWithCaretAndNoStreams() {
  let s = Session()
  let sink = RecordingSink()
  do {
    _ = try s.execute("undefined_name", output: sink)
    Issue.record("expected an error")
  } catch {
    #expect(error.name == "NameError")
    #expect(error.message == "unknown name 'undefined_name'")
    #expect(
      error.traceback == [
        "  undefined_name", "  ^~~~~~~~~~~~~~", "NameError: unknown name 'undefined_name'",
      ])
  }
  #expect(sink.streams.isEmpty)
}

@Test func variablesSurviveAFailingCell() throws {
  let s = Session()
  let sink = RecordingSink()
  _ = try s.execute("a = 1", output: sink)
  #expect(throws: ExecutionError.self) {
    try s.execute("a = 5\nb = [1, 2] + [1, 2, 3]", output: sink)
  }
  #expect(try s.execute("a", output: sink)?.data["text/plain"] == "1")
  #expect(throws: ExecutionError.self) { try s.execute("b", output: sink) }
}

@Test func interruptStopsSleepFromAnotherThread() {
  let s = Session()
  let sink = RecordingSink()
  afterOnOwnThread(0.05) { s.interrupt() }
  do {
    _ = try s.execute("sleep(10)", output: sink)
    Issue.record("sleep(10) was not interrupted")
  } catch {
    #expect(error.name == "Interrupted")
    #expect(error.traceback.last?.hasPrefix("Interrupted:") == true)
  }
  // The flag is cleared at the start of the next execution.
  #expect(throws: Never.self) { try s.execute("sleep(0.01)", output: sink) }
}

@Test func functionsShowTheirFormulaAsLatex() throws {
  let s = Session()
  let b = try s.execute("L(w1, w2) = (1 - w1*w2)^2\nL", output: RecordingSink())
  #expect(b?.data["text/latex"] == "$$L(w_1, w_2) = \\left(1 - w_1 w_2\\right)^{2}$$")
  #expect(b?.data["text/plain"] == "L(w1, w2) = (1 - w1*w2)^2")
}

@Test func recordsCarryAnHtmlTable() throws {
  let b = try Session().execute("eig([[0, -2], [-2, 0]])", output: RecordingSink())
  #expect(b?.data["text/html"]?.contains("<table>") == true)
  #expect(b?.data["text/plain"]?.hasPrefix("eigen\n  values:") == true)
}

@Test func languageInfoAndBanner() {
  #expect(Session.languageInfo.name == "saddle")
  #expect(Session.languageInfo.fileExtension == ".saddle")
  #expect(Session.banner.contains("Saddle"))
}
