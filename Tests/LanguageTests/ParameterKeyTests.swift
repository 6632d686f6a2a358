import Language
import Testing

private let a = ParameterKey.number("a")
private let b = ParameterKey.number("b", default: 2)

/// Arguments are found by their parameter's identity, whatever the order of the list: moving
/// a parameter cannot make an implementation read another's argument.
@Test func parameterKeysReadTheirOwnArgumentInAnyOrder() throws {
  for order in [[a, b], [b, a]] {
    let minus = Builtin(
      "minus", order.map(\.parameter), returns: "number", summary: "a − b.", example: "minus(a: 3, b: 1)"
    ) { args, _ in .number(args[a] - args[b]) }
    let runtime = Runtime(builtins: BuiltinTable.shared.adding([minus]))
    #expect(try runtime.run("minus(a: 5, b: 1)", host: DiscardingHost())?.plainText == "4")
    #expect(try runtime.run("minus(b: 1, a: 5)", host: DiscardingHost())?.plainText == "4")
    #expect(try runtime.run("minus(a: 5)", host: DiscardingHost())?.plainText == "3")
  }
}

/// An error placed by key points at that argument.
@Test func parameterKeyErrorsPointAtTheirArgument() throws {
  let positive = Builtin(
    "positive", [a.parameter], returns: "number", summary: "a, if positive.", example: "positive(a: 1)"
  ) { args, _ in
    guard args[a] > 0 else { throw args.error(a, "a must be positive") }
    return .number(args[a])
  }
  let runtime = Runtime(builtins: BuiltinTable.shared.adding([positive]))
  let source = "positive(a: -1)"
  #expect(throws: LanguageError.self) { try runtime.run(source, host: DiscardingHost()) }
  do {
    _ = try runtime.run(source, host: DiscardingHost())
  } catch {
    // The source line is indented by two; the carets cover `a: -1` (columns 9–13), not the call.
    #expect(error.render(source: source).suffix(2) == ["           ^~~~~", "ValueError: a must be positive"])
  }
}
