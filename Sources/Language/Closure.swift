/// A closure `{ x in x^2 }` or a `func`: parameters, a block of statements and the values
/// of the names it used when it was made.
///
/// Captured by value, like formula functions: later assignments outside do not change it,
/// and assignments inside stay inside. A closure whose body is one scalar formula keeps a
/// compiled `UserFunction` too, so `xs.map { x in x^2 }` runs the formula program. A `func`
/// sees itself by name, so it may recurse (bounded by the evaluation-depth limit).
public final class Closure: Sendable {
  /// The `func`'s name; nil for an anonymous closure.
  public let name: String?
  public let parameters: [String]
  let body: Block
  let captures: [String: Value]
  /// The single-expression body as a formula function (compiled when it is scalar).
  let expression: UserFunction?
  /// The cell evaluation that made it (errors in its body point into that cell's source).
  let cell: CellToken
  /// Whether a `return` appears in the body: such a `func` must return on every path.
  let returns: Bool

  init(
    name: String?, parameters: [String], body: Block, captures: [String: Value], cell: CellToken
  ) {
    self.cell = cell
    self.returns = Closure.containsReturn(body)
    self.name = name
    self.parameters = parameters
    self.body = body
    self.captures = captures
    if name == nil, body.statements.count == 1,
      case .expression(let e) = body.statements[0].statement
    {
      expression = UserFunction(
        name: "closure", parameters: parameters, body: e, captures: captures)
    } else {
      expression = nil
    }
  }

  private static func containsReturn(_ block: Block) -> Bool {
    block.statements.contains { line in
      switch line.statement {
      case .control(.returnValue): return true
      case .control(.forLoop(_, _, _, let body, _)), .control(.whileLoop(_, let body, _)):
        return containsReturn(body)
      case .expression(let e):
        if case .conditional(_, let a, let b) = e.kind {
          return containsReturn(a) || b.map(containsReturn) == true
        }
        return false
      default: return false
      }
    }
  }

  /// Whether calls run a compiled formula program (a closure whose body is one scalar formula).
  public var isCompiledFormula: Bool { expression?.formula != nil }

  /// "func" or "closure", as in messages.
  var typeName: String { name == nil ? "closure" : "func" }

  /// `func f(x, y)` or `closure(x)`, for messages.
  public var signature: String {
    "\(name.map { "func \($0)" } ?? "closure")(\(parameters.joined(separator: ", ")))"
  }

  /// `{ x in x^2 }`, `func f(x) { … }`.
  public var plainText: String {
    if let name { return "func \(name)(\(parameters.joined(separator: ", "))) { … }" }
    return ExprPrinter.closureText(parameters, body)
  }

  /// "1 parameter (x)", for arity messages.
  var parameterPhrase: String {
    let n = parameters.count
    let names = n == 0 ? "" : " (\(parameters.joined(separator: ", ")))"
    return "\(n) parameter\(n == 1 ? "" : "s")\(names)"
  }
}

extension ExprPrinter {
  static func closure(_ c: ClosureLiteral) -> String { closureText(c.parameters, c.body) }

  /// `{ x in x^2 }`; `{ $0 + 1 }`; a body of several statements prints as `…`.
  static func closureText(_ parameters: [String], _ body: Block) -> String {
    let header =
      parameters.isEmpty || parameters.allSatisfy({ $0.hasPrefix("$") })
      ? "" : parameters.joined(separator: ", ") + " in "
    return "{ \(header)\(blockText(body)) }"
  }

  static func conditional(_ test: Expr, _ then: Block, _ orElse: Block?) -> String {
    "if \(plain(test)) { \(blockText(then)) }" + (orElse.map { " else { \(blockText($0)) }" } ?? "")
  }

  private static func blockText(_ b: Block) -> String {
    if b.statements.count == 1, case .expression(let e) = b.statements[0].statement {
      return plain(e)
    }
    return b.statements.isEmpty ? "" : "…"
  }
}
