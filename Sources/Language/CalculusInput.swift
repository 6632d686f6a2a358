import Autodiff
import Formula
import MathCore

/// Reading and checking the arguments of the calculus builtins: the function, the point,
/// the search box, and clear errors when a formula is undefined somewhere.
public enum CalculusInput {
  /// The user function in `key`'s argument and its compiled scalar formula.
  public static func formula(_ args: BoundArguments, _ key: ParameterKey<Value?>) throws -> (UserFunction, Formula) {
    let name = args.builtin.name
    if case .closure(let c)? = args[key] {
      throw args.error(
        key,
        "\(name) cannot see inside \(c.signature): a \(c.typeName) is opaque to derivatives; define a formula such as f(x) = x^2 to differentiate",
        kind: .type)
    }
    guard case .function(let f)? = args[key] else {
      throw args.error(
        key, "\(name) needs a function defined by a formula, such as L(w1, w2) = (1 - w1*w2)^2",
        kind: .type)
    }
    guard let formula = f.formula else { throw args.error(key, notScalar(f, name, in: args.table), kind: .type) }
    guard !f.parameters.isEmpty else {
      throw args.error(key, "\(f.signature) has no parameters to differentiate by")
    }
    return (f, formula)
  }

  /// Why a function has no scalar formula, naming the part that is not a number.
  public static func notScalar(_ f: UserFunction, _ builtin: String, in table: BuiltinTable) -> String {
    if let refusal = f.formulaRefusal { return "\(builtin): \(f.signature) is \(refusal)" }
    for (name, _) in FreeNames.collect(f.body) where !f.parameters.contains(name) {
      if let v = f.captures[name] {
        if case .number = v { continue }
        if case .function(let g) = v, g.formula != nil { continue }
        return
          "\(builtin) needs a scalar formula in the parameters of \(f.signature), but it uses '\(name)', a \(v.typeName) defined outside it; make '\(name)' a parameter or a number"
      }
      if ElementwiseFunction(rawValue: name) == nil, table.lookup(name) != nil {
        return
          "\(builtin) needs a scalar formula, but \(f.signature) calls the builtin '\(name)'; formulas can use numbers, + - * / ^ and \(functionList)"
      }
    }
    return
      "\(builtin) needs a scalar formula of the parameters of \(f.signature) (numbers, + - * / ^ and \(functionList)), but its body builds or indexes vectors; give each coordinate its own parameter, as in L(w1, w2) = …"
  }

  private static var functionList: String {
    ElementwiseFunction.allCases.map(\.rawValue).joined(separator: ", ")
  }

  /// The point in `key`'s argument: a vector with one component per parameter (a number for
  /// a one-parameter function).
  public static func point(_ args: BoundArguments, _ key: ParameterKey<Value?>, _ f: UserFunction) throws -> [Double] {
    let x: [Double]
    switch args[key] {
    case .number(let v)?: x = [v]
    case .vector(let v)?: x = v.elements
    default:
      throw args.error(
        key, "the point must be a vector with one number per parameter of \(f.signature)", kind: .type
      )
    }
    guard x.count == f.parameters.count else {
      throw args.error(
        key,
        "\(f.signature) has \(f.parameters.count) parameter\(f.parameters.count == 1 ? "" : "s") but the point has \(x.count) component\(x.count == 1 ? "" : "s")",
        kind: .shape)
    }
    if let bad = x.firstIndex(where: { !$0.isFinite }) {
      throw args.error(
        key, "component \(bad + 1) of the point is \(NumberFormat.plain(x[bad])), not a finite number"
      )
    }
    return x
  }

  /// The search box in `key`'s argument: one range per parameter, given as a tuple of ranges
  /// `(-2...2, -2...2)`, a matrix with rows `[lo, hi]`, or one range used for every parameter.
  public static func box(_ args: BoundArguments, _ key: ParameterKey<Value?>, _ f: UserFunction) throws -> [(
    Double, Double
  )] {
    let n = f.parameters.count
    var box: [(Double, Double)]
    switch args[key] {
    case .range(let lo, let hi)?: box = Array(repeating: (lo, hi), count: n)
    case .tuple(let items)?:
      box = try items.map { item in
        guard case .range(let lo, let hi) = item else {
          throw args.error(key, "each item of the box must be a range lo...hi", kind: .type)
        }
        return (lo, hi)
      }
    case .matrix(let m)? where m.columns == 2: box = (0..<m.rows).map { (m[$0, 0], m[$0, 1]) }
    default:
      throw args.error(
        key,
        "the box must be ranges, one per parameter, such as (-2...2, -2...2), or one range for all",
        kind: .type)
    }
    guard box.count == n else {
      throw args.error(
        key, "\(f.signature) has \(n) parameter(s) but the box has \(box.count) range(s)",
        kind: .shape)
    }
    for (k, r) in box.enumerated() where !(r.0.isFinite && r.1.isFinite && r.0 < r.1) {
      throw args.error(
        key,
        "range \(k + 1) of the box must be finite with lo < hi, got \(NumberFormat.plain(r.0))...\(NumberFormat.plain(r.1))"
      )
    }
    return box
  }

  /// A clear error for a point where `f` or its derivatives are not finite, naming the point
  /// and the innermost part of the formula that fails there.
  public static func undefined(_ f: UserFunction, _ formula: Formula, at x: [Double], range: SourceRange)
    -> LanguageError
  {
    let place = zip(f.parameters, x).map { "\($0) = \(NumberFormat.plain($1))" }.joined(
      separator: ", ")
    let value = formula.root.evaluate(x)
    guard !value.isFinite else {
      return LanguageError(
        .value,
        "\(f.signature) is not differentiable at \(place): its derivative is infinite or undefined there (value \(NumberFormat.plain(value)))",
        at: range)
    }
    var reason = "its value is \(NumberFormat.plain(value))"
    if let (node, inner) = formula.root.firstFailure(at: x) {
      let text = ExprPrinter.plain(CalculusFunctions.expr(node, f.parameters))
      reason =
        "\(text) is \(NumberFormat.plain(node.evaluate(x)))" + (inner.map { " (\($0))" } ?? "")
    }
    return LanguageError(.value, "\(f.signature) is undefined at \(place): \(reason)", at: range)
  }

  /// The components of a vector-valued formula `F(x, y) = [f1, f2]` (or the one formula of a scalar function).
  public static func vectorComponents(_ f: UserFunction, _ args: BoundArguments, _ key: ParameterKey<Value?>) throws
    -> [FormulaNode]
  {
    guard !f.parameters.isEmpty else {
      throw args.error(key, "\(f.signature) has no parameters to differentiate by")
    }
    if let formula = f.formula { return [formula.root] }
    var body = f.body
    while case .parenthesized(let inner) = body.kind { body = inner }
    let lowering = FormulaLowering(parameters: f.parameters, captures: f.captures)
    guard case .vector(let items) = body.kind, !items.isEmpty else {
      throw args.error(
        key,
        CalculusInput.notScalar(f, "jacobian", in: args.table)
          + " (a vector-valued function is written F(x, y) = [f1, f2])", kind: .type)
    }
    return try items.map { item in
      guard let node = lowering.lower(item) else {
        throw args.error(
          key,
          "component \(ExprPrinter.plain(item)) of \(f.signature) is not a scalar formula of its parameters",
          kind: .type)
      }
      return node
    }
  }
}
