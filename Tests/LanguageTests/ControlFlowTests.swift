import Foundation
import Language
import Testing
import _LanguageTestSupport

/// Loops, closures and `func` at the runtime's API: interruption from another thread, the
/// console's completeness check and completion, and the compiled-closure path. The cells'
/// values and error messages are in Corpus/15-closures-loops.saddle.
@Suite struct ControlFlowTests: CellRunner {
  let runtime = Runtime()

  @Test func anEndlessLoopStopsWhenInterruptedFromAnotherThread() throws {
    let flag = runtime.cancellation
    let started = Date()
    DispatchQueueHelper.after(0.05) { flag.set() }
    let error = self.error("n = 0\nwhile true { n = n + 1 }")
    #expect(error?.kind == .interrupted)
    #expect(Date().timeIntervalSince(started) < 60)  // ended at all (no timing asserted)
    // A failing cell commits nothing, not even the loop's counter.
    flag.reset()
    #expect(self.error("n")?.kind == .name)
  }

  @Test func anEndlessRangeLoopAndAMapStopWhenInterrupted() throws {
    let flag = runtime.cancellation
    DispatchQueueHelper.after(0.05) { flag.set() }
    #expect(error("for i in 0...inf { }")?.kind == .interrupted)
    flag.reset()
    _ = try run("func spin(x) { while true { }; return x }")
    DispatchQueueHelper.after(0.05) { flag.set() }
    #expect(error("[1, 2].map { x in spin(x) }")?.kind == .interrupted)
  }

  @Test func anOpenBraceContinuesTheCell() {
    #expect(Runtime.readiness("for i in 1...3 {") == .incomplete(indent: "  "))
    #expect(Runtime.readiness("func f(x) {\n  if x > 0 {") == .incomplete(indent: "    "))
    #expect(Runtime.readiness("xs.map { x in") == .incomplete(indent: "  "))
    #expect(Runtime.readiness("for i in 1...3 {\n  s = i\n}") == .complete)
    #expect(Runtime.readiness("}") == .invalid)
    #expect(Runtime.readiness("(1 + 2}") == .invalid)
  }

  @Test func completionOffersTheListMethodsAfterADot() throws {
    _ = try run("xs = [1, 2, 3]; runs = [\"a\", \"b\"]; M = [[1, 2], [3, 4]]")
    #expect(runtime.completions("xs.", cursor: 3).matches == ["map", "filter", "reduce"])
    #expect(runtime.completions("xs.fi", cursor: 5).matches == ["filter"])
    #expect(runtime.completions("runs.re", cursor: 7).matches == ["reduce"])
    #expect(runtime.completions("M.m", cursor: 3).matches == ["map"])
    _ = try run("n = 3")
    #expect(runtime.completions("n.", cursor: 2).matches.isEmpty)
  }

  @Test func aClosureThatIsAFormulaIsCompiled() throws {
    _ = try run("sq = { x in x^2 + 1 }; blockwise = { x in\n y = x^2\n y + 1\n }")
    guard case .closure(let sq)? = runtime.globals["sq"],
      case .closure(let blockwise)? = runtime.globals["blockwise"]
    else {
      Issue.record("closures were not stored as closures")
      return
    }
    #expect(sq.isCompiledFormula)
    #expect(!blockwise.isCompiledFormula)
    // Both paths agree, on numbers and elementwise on vectors.
    let a = try run("(1...5).map(sq)")
    let b = try run("(1...5).map(blockwise)")
    #expect(a?.plainText == "[ 2,  5, 10, 17, 26]")
    #expect(b?.plainText == a?.plainText)
    #expect(try run("sq([1, 2])")?.plainText == "[2, 5]")
  }

  @Test func aMillionIterationLoopComputesTheExactSum() throws {
    #expect(try run("s = 0; for i in 1...1000000 { s = s + i }; s")?.plainText == "500000500000")
  }

  @Test func aTrailingClosureFollowsTheCallsParentheses() throws {
    _ = try run("func twice(f, x) { return f(f(x)) }")
    #expect(try run("[1, 2].reduce(10) { a, x in a - x }")?.plainText == "7")
    #expect(try run("twice({ x in x * 3 }, 2)")?.plainText == "18")
  }

  @Test func deepRecursionIsAnErrorNotACrash() throws {
    _ = try run("func down(n) { if n == 0 { return 0 }; return down(n - 1) }")
    #expect(try run("down(50)")?.plainText == "0")
    let e = error("down(100000)")
    #expect(e?.kind == .value)
    #expect(e?.message.contains("nested too deeply") == true)
  }
}
