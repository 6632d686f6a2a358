import Formula
import MathCore
import Testing
import _LanguageTestSupport

@testable import Language

private func run(_ source: String, _ runtime: Runtime = Runtime()) throws(LanguageError)
  -> Value?
{
  try runtime.run(source, host: RecordingHost())
}

@Test func lastExpressionIsTheResultUnlessSilenced() throws {
  #expect(try run("1 + 5")?.plainText == "6")
  #expect(try run("1 + 5;") == nil)
  #expect(try run("x = 2") == nil)
  #expect(try run("print(1)") == nil)
}

@Test func failingCellDefinesNothingAndEarlierDefinitionsSurvive() throws {
  let i = Runtime()
  _ = try run("a = 1", i)
  #expect(throws: LanguageError.self) { try run("a = 2\nb = 3\nundefined_name", i) }
  #expect(try run("a", i)?.plainText == "1")
  #expect(throws: LanguageError.self) { try run("b", i) }
  #expect(try run("a + 1", i)?.plainText == "2")
}

@Test func functionsUseTheCompiledFormulaAndTheTreeWalkConsistently() throws {
  let i = Runtime()
  _ = try run("L(w1, w2) = (1 - w1*w2)^2", i)
  guard case .function(let f)? = i.globals["L"] else {
    Issue.record("L is not a function")
    return
  }
  let formula = try #require(f.formula)
  #expect(try formula.evaluate([2.0, 3.0]) == 25)
  #expect(formula.evaluate(columns: [[0, 1, 2], [0, 1, 3]]) == [1, 0, 25])
  #expect(try run("L([2, 0], [3, 1])", i)?.plainText == "[25,  1]")
  #expect(throws: FormulaError.self) { try formula.evaluate([1.0]) }  // the formula layer's own error
}

@Test func gridMatchesPointwiseEvaluationAcrossBlockBoundaries() throws {
  let i = Runtime()
  _ = try run("L(w1, w2) = sin(w1) * exp(-w2^2) + w1/(1 + w2^2) - relu(w1 - w2)", i)
  guard case .function(let f)? = i.globals["L"], let formula = f.formula else {
    Issue.record("no formula")
    return
  }
  let xs = Vector.linspace(-2, 2, count: 1030).elements  // > 2 blocks per row
  let ys = Vector.linspace(-1, 3, count: 7).elements
  let m = try formula.grid(xs: xs, ys: ys)
  for (r, y) in ys.enumerated() {
    for (c, x) in xs.enumerated() where c % 97 == 0 || c == xs.count - 1 {
      #expect(m[r, c] == (try formula.evaluate([x, y])))
    }
  }
}

@Test func gridStopsWhenCancelled() throws {
  let formula = Formula(parameters: ["x", "y"], root: .binary(.add, .parameter(0), .parameter(1)))
  let flag = CancellationFlag()
  flag.set()
  #expect(throws: FormulaError(.interrupted, "interrupted by the user")) {
    try formula.grid(xs: [1, 2], ys: [1, 2], cancellation: flag)
  }
}

@Test func formulaGenericEvaluationAgreesWithDoubleOperators() throws {
  let root = FormulaNode.binary(
    .power, .binary(.subtract, .constant(1), .binary(.multiply, .parameter(0), .parameter(1))),
    .constant(2))
  let f = Formula(parameters: ["w1", "w2"], root: root)
  #expect(try f.evaluate([0.5, 0.5]) == 0.5625)
}

@Test func interruptStopsALongSleep() throws {
  let i = Runtime()
  let flag = i.cancellation
  DispatchQueueHelper.after(0.05) { flag.set() }
  do throws(LanguageError) {
    _ = try run("sleep(10)", i)
    Issue.record("sleep was not interrupted")
  } catch {
    #expect(error.kind == .interrupted)
  }
}

@Test func displaysAndPagerGoThroughTheHost() throws {
  let host = RecordingHost()
  let i = Runtime()
  _ = try i.run("display([1, 2], id: \"a\")\n?sum\nclear_output(wait: true)", host: host)
  #expect(host.displays.count == 1)
  #expect(host.displays.first?.1 == "a")
  #expect(host.pages.first?.hasPrefix("sum(") == true)
  #expect(host.clears == [true])
}

@Test func rangesPointAtTheOffendingSpan() throws {
  do throws(LanguageError) {
    _ = try run("x = [1, 2] + [1, 2, 3]")
    Issue.record("expected a shape error")
  } catch {
    #expect(error.kind == .shape)
    #expect(error.range == SourceRange(4, 22))
    #expect(
      error.render(source: "x = [1, 2] + [1, 2, 3]") == [
        "  x = [1, 2] + [1, 2, 3]", "      ^~~~~~~~~~~~~~~~~~",
        "ShapeError: cannot apply '+' to shapes (2,) and (3,) (shapes must match)",
      ])
  }
}

@Test func multiLineCellsNameTheLineInTheTraceback() {
  let error = LanguageError(.name, "unknown name 'q'", at: SourceRange(6, 7))
  #expect(
    error.render(source: "a = 1\nq + 1") == [
      "line 2:", "  q + 1", "  ^", "NameError: unknown name 'q'",
    ])
  #expect(LanguageError(.interrupted, "stop").render(source: "x") == ["Interrupted: stop"])
}

@Test func aSessionCanAddABuiltinWithOneEntry() throws {
  let x = ParameterKey.positional("x", .number)
  let plus = ParameterKey.number("plus", default: 0)
  let twice = Builtin(
    "twice", [x.parameter, plus.parameter],
    returns: "number",
    summary: "Doubles x.", example: "twice(2)"
  ) { args, _ in .number(2 * args.number(x) + args[plus]) }
  let i = Runtime(builtins: BuiltinTable.shared.adding([twice]))
  #expect(try i.run("twice(3, plus: 1)", host: RecordingHost())?.plainText == "7")
  #expect(i.completions("twi", cursor: 3).matches == ["twice"])
  #expect(i.completions("twice(1, ", cursor: 9).matches.first == "plus: ")
  #expect(
    i.inspection("twice", cursor: 2)?.hasPrefix("twice(_ x: number, plus: number = 0) -> number")
      == true)
  #expect(throws: LanguageError.self) { try Runtime().run("twice(1)", host: RecordingHost()) }
}

@Test func bareHelpListsEveryBuiltin() throws {
  let text = try #require(try Runtime().run("help", host: RecordingHost())?.plainText)
  #expect(text.hasPrefix("Builtins"))
  for name in BuiltinTable.shared.names { #expect(text.contains("\n  \(name) ")) }
}

@Test func userFunctionsOfferGenericEvaluationAndGrids() throws {
  let runtime = Runtime()
  _ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2\nn(v) = sum(v^2)", host: RecordingHost())
  guard case .function(let l)? = runtime.globals["L"], case .function(let n)? = runtime.globals["n"]
  else {
    Issue.record("functions missing")
    return
  }
  #expect(try l.evaluate([1.0, 3.0]) == 4)
  #expect(try l.grid(xs: [0, 1], ys: [2]) == Matrix(rows: 1, columns: 2, elements: [1, 1]))
  #expect(throws: LanguageError.self) { try n.evaluate([1.0]) }
  #expect(throws: LanguageError.self) { try n.grid(xs: [0], ys: [0]) }
}
