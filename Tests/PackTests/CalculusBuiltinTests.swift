import Language
import MathCore
import Testing
import _LanguageTestSupport

/// The calculus builtins through the interpreter: values, displays and error paths.
struct CalculusBuiltinTests: CellRunner {
  let runtime = Runtime(builtins: .withPacks)

  init() throws {
    _ = try runtime.run(
      "L(w1, w2) = (1 - w1*w2)^2\nu(x, y) = log(x) + y", host: RecordingHost())
  }

  @Test func classifyShowsTheLecturesSaddle() throws {
    guard case .record(let r)? = try run("classify(L, at: [0, 0])") else {
      throw CalculusTestFailure("no record")
    }
    guard case .string(let kind)? = r["classification"],
      case .vector(let values)? = r["eigenvalues"],
      case .vector(let escape)? = r["escape_direction"], case .text(let why)? = r["explanation"]
    else { throw CalculusTestFailure("missing fields") }
    #expect(kind == "saddle point")
    #expect(values.elements == [2, -2], "largest first, like eig and the slide")
    let r2 = (0.5).squareRoot()
    #expect(escape.elements.allSatisfy { abs($0 - r2) < 1e-15 })
    #expect(why.contains("vᵀHv"))
    let bundle = Value.record(r).representations
    #expect(bundle["text/html"]?.contains("<table>") == true)
    #expect(bundle["text/plain"]?.contains("saddle point") == true)
  }

  @Test func degenerateExplainsWhyTheTestIsInconclusive() throws {
    guard case .record(let r)? = try run("classify(L, at: [1, 1])"),
      case .text(let why)? = r["explanation"]
    else {
      throw CalculusTestFailure("no record")
    }
    #expect(r["classification"].map { $0.plainText } == "\"degenerate\"")
    #expect(why.contains("inconclusive") && why.contains("4, 0"))
  }

  @Test func notACriticalPointReportsTheGradientNorm() throws {
    guard case .record(let r)? = try run("classify(L, at: [0.5, 0.5])"),
      case .text(let why)? = r["explanation"]
    else {
      throw CalculusTestFailure("no record")
    }
    #expect(why.hasPrefix("Not a critical point") && why.contains("1.060660171779821"))
    #expect(r["escape_direction"] == nil)
  }

  @Test func symbolicDerivativeReadsLikeTheSlide() throws {
    let d = try #require(try run("diff(L, w1)"))
    #expect(d.plainText == "∂L/∂w1(w1, w2) = 2*(1 - w1*w2)*(-w2)")
    #expect(
      d.latex
        == "$$\\frac{\\partial L}{\\partial w_1}(w_1, w_2) = 2\\left(1 - w_1 w_2\\right)\\left(-w_2\\right)$$"
    )
    let second = try #require(try run("diff(diff(L, \"w1\"), \"w1\")"))
    #expect(second.plainText == "∂²L/∂w1²(w1, w2) = 2*w2^2")
  }

  @Test func symbolicAndExactHessiansAgree() throws {
    _ = try run("H = hessian(L)")
    for point in ["[0.3, -1.7]", "[2, 0.5]"] {
      let symbolic = try #require(try run("H(\(point))"))
      let exact = try #require(try run("hessian(L, at: \(point))"))
      guard case .matrix(let a) = symbolic, case .matrix(let b) = exact else {
        throw CalculusTestFailure("not matrices")
      }
      #expect(zip(a.elements, b.elements).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
      #expect(b[0, 1] == b[1, 0])
    }
  }

  @Test func taylorModelMatchesTheLossToSecondOrder() throws {
    _ = try run("T = taylor(L, at: [0.5, 0.5])")
    guard case .number(let t)? = try run("T(0.51, 0.49)"),
      case .number(let l)? = try run("L(0.51, 0.49)")
    else {
      throw CalculusTestFailure("not numbers")
    }
    #expect(abs(t - l) < 1e-5 && t != l)
    guard case .number(let centre)? = try run("T(0.5, 0.5)") else {
      throw CalculusTestFailure("not a number")
    }
    #expect(centre == 0.5625)
  }

  // MARK: error paths required by the issue

  @Test func eigOfANonSquareMatrixIsAShapeError() {
    let e = error("eig([[1, 2, 3]])")
    #expect(e?.kind == .shape && e?.message == "eig needs a square matrix, got 1×3")
  }

  @Test func solveWithASingularMatrixIsAValueError() {
    let e = error("solve([[1, 2], [2, 4]], [1, 1])")
    #expect(e?.kind == .value && e?.message.contains("singular") == true)
    #expect(e?.range == SourceRange(6, 22))
  }

  @Test func classifyWhereTheFormulaIsUndefinedNamesThePoint() {
    let e = error("classify(u, at: [-1, 2])")
    #expect(e?.kind == .value)
    #expect(
      e?.message
        == "u(x, y) is undefined at x = -1, y = 2: log(x) is nan (log needs a positive number, got -1)"
    )
    #expect(e?.range == SourceRange(12, 23))
  }

  @Test func freeVariablesAreReportedClearly() throws {
    let unknown = error("q(x) = x * w")
    #expect(unknown?.kind == .name && unknown?.message.contains("unknown name 'w'") == true)
    _ = try run("v = [1, 2]\nk(x) = x * v")
    let captured = error("grad(k, at: [1])")
    #expect(captured?.message.contains("uses 'v', a vector defined outside it") == true)
    let notParameter = error("diff(L, \"w3\")")
    #expect(
      notParameter?.kind == .name
        && notParameter?.message.contains("'w3' is not a parameter of L(w1, w2)") == true)
  }

  @Test func wrongDimensionsAreShapeErrors() {
    #expect(error("grad(L, at: [1, 2, 3])")?.kind == .shape)
    #expect(error("critical_points(L, in: (-1...1, -1...1, -1...1))")?.kind == .shape)
  }
}

/// Regression guard: nested symbolic derivatives grow by the product rule; a huge one is a
/// clear error, not a hang or a page of formula.
@Test func hugeSymbolicDerivativesAreRefused() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run(
    "f(x, y) = sin(x*y)*cos(x+y)*exp(x*y)*tanh(x-y)*sigmoid(x*y)*log(1+x^2)", host: RecordingHost())
  var source = "f"
  var refused: LanguageError?
  for k in 0..<12 {
    source = "diff(\(source), \"\(k % 2 == 0 ? "x" : "y")\")"
    do {
      _ = try runtime.run(source, host: RecordingHost())
    } catch {
      refused = error
      break
    }
  }
  #expect(refused?.message.contains("too large to show") == true)
}

@Test func bodiesThatAreNotScalarFormulasAreExplained() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run("N(x, y) = norm([x, y])\nV(w) = w[1]^2 + w[2]^2", host: RecordingHost())
  for (cell, phrase) in [
    ("grad(N, at: [1, 2])", "calls the builtin 'norm'"),
    ("hessian(V, at: [1, 2])", "builds or indexes vectors"),
  ] {
    do {
      _ = try runtime.run(cell, host: RecordingHost())
      Issue.record("\(cell) should fail")
    } catch {
      #expect(error.kind == .type && error.message.contains(phrase), "\(error.message)")
    }
  }
}

@Test func escapeExplainsWhenThereIsNoNegativeEigenvalue() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2", host: RecordingHost())
  guard case .record(let r)? = try runtime.run("escape(L, from: [1, 1])", host: RecordingHost()),
    case .text(let why)? = r["explanation"]
  else { throw CalculusTestFailure("no record") }
  #expect(why.hasPrefix("No escape direction") && why.contains("degenerate"))
  #expect(r["direction"] == nil && r["loss"].map(\.plainText) == "0")
}

@Test func quadraticModelsTooLargeToShowAreRefused() throws {
  let runtime = Runtime(builtins: .withPacks)
  let names = (1...30).map { "p\($0)" }
  _ = try runtime.run(
    "Big(\(names.joined(separator: ", "))) = (\(names.joined(separator: " + ")))^2",
    host: RecordingHost())
  let point = "[" + Array(repeating: "1", count: 30).joined(separator: ", ") + "]"
  #expect(throws: LanguageError.self) {
    try runtime.run("taylor(Big, at: \(point))", host: RecordingHost())
  }
  guard case .vector(let g)? = try runtime.run("grad(Big, at: \(point))", host: RecordingHost())
  else {
    throw CalculusTestFailure("no gradient")
  }
  #expect(g.elements == Array(repeating: 60, count: 30))
}

/// `help(name)` shows each entry's example, so every calculus example must run as written.
@Test func everyCalculusExampleRuns() throws {
  for name in [
    "grad", "hessian", "jacobian", "diff", "solve", "classify", "taylor", "critical_points",
    "escape",
  ] {
    let builtin = try #require(BuiltinTable.withPacks.lookup(name), "\(name) is in the table")
    let value = try Runtime(builtins: .withPacks).run(builtin.example, host: RecordingHost())
    #expect(value != nil, "\(name)'s example shows a value")
  }
}
