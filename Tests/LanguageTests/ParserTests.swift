import Testing

@testable import Language

private func plain(_ s: String) -> String {
  let (e, d) = Parser.parseExpression(s)
  return d.isEmpty ? ExprPrinter.plain(e) : "error: \(d[0].message)"
}

@Test func precedenceAndAssociativity() {
  #expect(plain("1 + 2 * 3") == "1 + 2*3")
  #expect(plain("(1 + 2) * 3") == "(1 + 2)*3")
  #expect(plain("2 ^ 3 ^ 2") == "2^3^2")
  #expect(plain("(2 ^ 3) ^ 2") == "(2^3)^2")
  #expect(plain("-2 ^ 2") == "-2^2")
  #expect(plain("(-2) ^ 2") == "(-2)^2")
  #expect(plain("a - (b - c)") == "a - (b - c)")
  #expect(plain("(a - b) - c") == "a - b - c")
  #expect(plain("a / (b * c)") == "a/(b*c)")
  #expect(plain("f(x, n: 2)[0].values") == "f(x, n: 2)[0].values")
  #expect(plain("v[1:3, :]") == "v[1:3, :]")
  #expect(plain("-2...2") == "-2...2")
}

@Test func statementsOfEveryForm() {
  let cell = Parser.parse("x = 1\nf(a, b) = a + b; (p, q) = (1, 2)\n?print\nf(1, 2);")
  #expect(cell.diagnostics.isEmpty)
  #expect(cell.statements.count == 5)
  guard cell.statements.count == 5 else { return }
  if case .assign(let name, _, _) = cell.statements[0].statement {
    #expect(name == "x")
  } else {
    Issue.record("assign")
  }
  if case .define(let name, _, let params, _, _) = cell.statements[1].statement {
    #expect(name == "f")
    #expect(params == ["a", "b"])
  } else {
    Issue.record("define")
  }
  if case .destructure(let names, _) = cell.statements[2].statement {
    #expect(names.map(\.0) == ["p", "q"])
  } else {
    Issue.record("destructure")
  }
  if case .help(let name, _) = cell.statements[3].statement {
    #expect(name == "print")
  } else {
    Issue.record("help")
  }
  #expect(cell.statements[4].silenced)
  #expect(!cell.statements[0].silenced)
}

@Test func recoveryReportsEveryBadStatementAndKeepsGoodOnes() {
  let cell = Parser.parse("x = 1 +\ny = )\nz = 3\nw = [1, 2\n")
  #expect(cell.diagnostics.count == 2)
  #expect(
    cell.statements.contains { if case .assign("z", _, _) = $0.statement { true } else { false } })
}

@Test func deepNestingIsAnErrorNotACrash() {
  let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
  let cell = Parser.parse(deep)
  #expect(cell.diagnostics.first?.message.contains("nested too deeply") == true)
  let minus = String(repeating: "-", count: 100_000) + "1"
  #expect(Parser.parse(minus).diagnostics.first?.message.contains("nested too deeply") == true)
  let powers = Array(repeating: "2", count: 50_000).joined(separator: "^")
  #expect(Parser.parse(powers).diagnostics.first?.message.contains("nested too deeply") == true)
}

@Test func parserAlwaysTerminatesOnGarbageTokens() {
  // Progress guard: each loop iteration consumes a token, so even closers-only input ends.
  for garbage in [
    ")))))", "]]]", ",,,,", "= = =", "...", ":::", "?? ?", ";;;", "))(((", "f(,)", "[,]",
  ] {
    let cell = Parser.parse(garbage)
    #expect(!cell.diagnostics.isEmpty || cell.statements.isEmpty || garbage == ";;;", "\(garbage)")
  }
}

@Test func longFlatExpressionsAreFine() {
  let sum = Array(repeating: "1", count: 200).joined(separator: " + ")
  #expect(Parser.parse(sum).diagnostics.isEmpty)
  let huge = Array(repeating: "1", count: 20_000).joined(separator: " + ")
  #expect(Parser.parse(huge).diagnostics.first?.message.contains("too long") == true)
}
