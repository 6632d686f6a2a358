import Autodiff
import Formula
import Language
import MathCore

/// The calculus pack: derivatives of formulas, exact values at a point (forward-mode
/// autodiff) and symbolic derivatives as new functions; the second-order analysis of points
/// (`classify`, `critical_points`, `escape`, `taylor`); plus `solve` for linear systems.
public enum CalculusPack {
  /// Every calculus builtin, in documentation order; a session adds them to its table.
  public static let entries: [Builtin] = derivativeEntries + analysisEntries

  /// The parameters, each declared once and read by key (`args[at]`).
  static let loss = ParameterKey.positional("L", .function)
  static let vectorFunction = ParameterKey.positional("F", .function)
  static let at = ParameterKey.labelled("at", .any)
  /// The data set of `grad(net, data)` / `hessian(net, data)` (networks only).
  static let data = ParameterKey.positional("data", .any)
  static let variable = ParameterKey.positional("variable", .parameterName)
  static let matrixA = ParameterKey.positional("A", .matrix)
  static let rhs = ParameterKey.positional("b", .tensor)
  static let box = ParameterKey.labelled("in", .any)
  static let starts = ParameterKey.integer("starts").optional()
  static let from = ParameterKey.labelled("from", .any)
  static let step = ParameterKey.number("step", default: 1)

  private static let derivativeEntries: [Builtin] = [
    Builtin(
      "grad", [loss.parameter, data.optional().parameter, at.optional().parameter],
      returns: "vector or function",
      summary: """
        The gradient ∇L: at a point, its exact value (forward-mode autodiff, no finite differences); \
        without a point, the vector of symbolic partial derivatives as a new function. grad(net, data) is \
        a network's loss gradient at its own parameters (reverse mode).
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\ngrad(L, at: [0.5, 0.5])"
    ) { args, _ in try gradient(args) },
    Builtin(
      "hessian", [loss.parameter, data.optional().parameter, at.optional().parameter],
      returns: "matrix or function",
      summary: """
        The Hessian ∇²L, the matrix of second derivatives: at a point, its exact value (exactly symmetric); \
        without a point, a new function giving the matrix of symbolic second derivatives. hessian(net, data) \
        is a network's loss Hessian at its own parameters (exact R-operator passes, P ≤ 10,000).
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\nhessian(L, at: [0, 0])"
    ) { args, ev in try hessianValue(args, ev.cancellation) },
    Builtin(
      "jacobian", [vectorFunction.parameter, at.optional().parameter],
      returns: "matrix or function",
      summary: """
        The Jacobian of a vector-valued function F(x, y) = [f1, f2, …]: row i holds the gradient of \
        component i. At a point, its exact value; without a point, a function.
        """,
      example: "F(x, y) = [x*y, x + y^2]\njacobian(F, at: [1, 2])"
    ) { args, _ in try jacobianValue(args) },
    Builtin(
      "diff",
      [loss.parameter, variable.optional().parameter],
      returns: "function",
      summary: """
        The symbolic partial derivative ∂L/∂variable as a new, simplified function. Name the parameter \
        bare (w1; a bare name that is one of L's parameters always means the parameter), as a string \
        ("w1") or by position (1 is the first); one-parameter functions need none. Nest for higher \
        derivatives: diff(diff(L, w1), w2).
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\ndiff(L, w1)"
    ) { args, _ in try derivativeFunction(args) },
    Builtin(
      "solve", [matrixA.parameter, rhs.parameter], returns: "vector or matrix",
      summary:
        "The solution x of the linear system A x = b (LAPACK LU with partial pivoting); A must be square and non-singular.",
      example: "solve([[2, 0], [0, 4]], [2, 2])"
    ) { args, ev in try linearSolve(args, cancellation: ev.cancellation) },
  ]

  /// Exact value, gradient and Hessian at a point, or a clear error where they are undefined.
  static func secondOrder(
    _ f: UserFunction, _ formula: Formula, _ x: [Double], _ range: SourceRange
  ) throws -> SecondOrder {
    let d = Derivatives.hessian(FormulaFunction(root: formula.root, dimension: x.count), at: x)
    if !d.value.isFinite || !(d.gradient + d.hessian).allSatisfy(\.isFinite) {
      throw CalculusInput.undefined(f, formula, at: x, range: range)
    }
    return d
  }

  /// The point a function value that differentiates itself (a network's loss) is taken at:
  /// it has no symbolic form, so `at:` is required.
  private static func pointFor(_ f: any DifferentiableFunctionValue, _ args: BoundArguments, _ name: String) throws
    -> [Double]
  {
    guard args[at] != nil else {
      throw args.error(
        loss, "a \(f.typeName) has no symbolic \(name); give a point: \(name)(L, at: net.parameters)", kind: .argument)
    }
    return try CalculusInput.point(args, (at), for: f)
  }

  /// A network and its data (`hessian(net, data)`): the loss function they make and the
  /// network's parameters; nil when the first argument is no network.
  private static func networkLoss(_ args: BoundArguments, _ name: String) throws -> (
    function: any DifferentiableFunctionValue, point: [Double]
  )? {
    guard let model = CalculusInput.parameterized(args, loss) else {
      if args[data] != nil {
        throw args.error(
          data,
          "\(name)(L, …) takes its point as at: […]; a second argument is only for a network's data, \(name)(net, data)",
          kind: .argument)
      }
      return nil
    }
    guard let d = args[data] else {
      throw args.error(loss, "a \(model.typeName)'s \(name) needs data: \(name)(net, data)", kind: .argument)
    }
    if args[at] != nil {
      throw args.error(
        at,
        "\(name)(net, data) is taken at the network's own parameters; elsewhere use \(name)(loss_of(net, data), at: θ)",
        kind: .argument)
    }
    let made = try model.loss(on: d)
    return (made.function, made.parameters)
  }

  private static func gradient(_ args: BoundArguments) throws -> Value {
    if let (f, x) = try networkLoss(args, "grad") {
      return .vector(Vector(try f.valueAndGradient(at: x).gradient))
    }
    if let f = CalculusInput.differentiable(args, loss) {
      let x = try pointFor(f, args, "grad")
      return .vector(Vector(try f.valueAndGradient(at: x).gradient))
    }
    let (f, formula) = try CalculusInput.formula(args, loss)
    guard args[at] != nil else {
      let parts = try f.parameters.indices.map { try formula.root.derivative($0) }
      return .function(CalculusFunctions.vector("∇\(f.name)", f.parameters, parts))
    }
    let x = try CalculusInput.point(args, at, f)
    let g = Derivatives.gradient(FormulaFunction(root: formula.root, dimension: x.count), at: x)
    guard g.value.isFinite, g.gradient.allSatisfy(\.isFinite) else {
      throw CalculusInput.undefined(f, formula, at: x, range: args.range(at))
    }
    return .vector(Vector(g.gradient))
  }

  private static func hessianValue(_ args: BoundArguments, _ cancellation: CancellationFlag) throws -> Value {
    if let (f, x) = try networkLoss(args, "hessian") {
      return .matrix(try f.hessian(at: x, cancellation: cancellation))
    }
    if let f = CalculusInput.differentiable(args, loss) {
      return .matrix(try f.hessian(at: try pointFor(f, args, "hessian"), cancellation: cancellation))
    }
    let (f, formula) = try CalculusInput.formula(args, loss)
    guard args[at] != nil else {
      let n = f.parameters.count
      var rows = Array(repeating: [FormulaNode](repeating: .constant(0), count: n), count: n)
      for i in 0..<n {
        let first = try formula.root.derivative(i)
        for j in i..<n {
          rows[i][j] = try first.derivative(j)
          rows[j][i] = rows[i][j]
        }
      }
      return .function(CalculusFunctions.matrix("∇²\(f.name)", f.parameters, rows))
    }
    let x = try CalculusInput.point(args, at, f)
    return .matrix(try secondOrder(f, formula, x, args.range(at)).hessianMatrix)
  }

  private static func jacobianValue(_ args: BoundArguments) throws -> Value {
    guard case .function(let f)? = args[vectorFunction] else {
      throw args.error(vectorFunction, "jacobian needs a function defined by a formula", kind: .type)
    }
    let components = try CalculusInput.vectorComponents(f, args, vectorFunction)
    guard args[at] != nil else {
      let rows = try components.map { c in try f.parameters.indices.map { try c.derivative($0) } }
      return .function(CalculusFunctions.matrix("J_\(f.name)", f.parameters, rows))
    }
    let x = try CalculusInput.point(args, at, f)
    let (value, jac) = Derivatives.jacobian(
      FormulaVector(components: components, dimension: x.count), at: x)
    if let bad = value.firstIndex(where: { !$0.isFinite })
      ?? jac.firstIndex(where: { !$0.isFinite }).map({ $0 / x.count })
    {
      let single = Formula(parameters: f.parameters, root: components[bad])
      throw CalculusInput.undefined(f, single, at: x, range: args.range(at))
    }
    return .matrix(Matrix(rows: components.count, columns: x.count, elements: jac))
  }

  private static func derivativeFunction(_ args: BoundArguments) throws -> Value {
    let (f, formula) = try CalculusInput.formula(args, loss)
    let index: Int
    switch args[variable] {
    case nil:
      guard f.parameters.count == 1 else {
        throw args.error(
          loss,
          "\(f.signature) has \(f.parameters.count) parameters; say which one: diff(\(f.name), \(f.parameters[0]))",
          kind: .argument)
      }
      index = 0
    case .string(let name)?:
      guard let i = f.parameters.firstIndex(of: name) else {
        throw args.error(
          variable,
          "'\(name)' is not a parameter of \(f.signature)\(Suggestions.phrase(for: name, among: f.parameters))",
          kind: .name)
      }
      index = i
    case .number(let k)? where k == k.rounded() && k >= 1 && k <= Double(f.parameters.count):
      index = Int(k) - 1
    default:
      throw args.error(
        variable,
        "name the parameter (\(f.parameters[0]) or \"\(f.parameters[0])\") or give its position 1…\(f.parameters.count)",
        kind: .type)
    }
    let root = try formula.root.derivative(index)
    return .function(
      CalculusFunctions.scalar(
        CalculusFunctions.partialName(f.name, f.parameters[index]), f.parameters, root))
  }

  private static func linearSolve(_ args: BoundArguments, cancellation: CancellationFlag) throws -> Value {
    let a = args.matrix(matrixA)
    let (b, columns, isVector): ([Double], Int, Bool)
    switch args[rhs]! {
    case .vector(let v): (b, columns, isVector) = (v.elements, 1, true)
    case .matrix(let m): (b, columns, isVector) = (m.elements, m.columns, false)
    default: (b, columns, isVector) = ([], 1, true)
    }
    guard a.isSquare, a.rows > 0 else {
      throw LanguageError(
        .shape, "solve needs a non-empty square matrix A, got shape (\(a.rows), \(a.columns))",
        at: args.range(matrixA))
    }
    guard b.count == a.rows * columns else {
      throw LanguageError(
        .shape,
        "solve: A has shape (\(a.rows), \(a.columns)) but b has shape \(args[rhs]!.shapeDescription)",
        at: args.range(rhs))
    }
    do {
      let x = try DenseLinearAlgebra.solve(
        a.elements, n: a.rows, b, columns: columns, cancellation: cancellation)
      return isVector
        ? .vector(Vector(x)) : .matrix(Matrix(rows: a.rows, columns: columns, elements: x))
    } catch {
      if case .singular = error {
        throw LanguageError(.value, error.description, at: args.range(matrixA))
      }
      throw LanguageError(.value, error.description, at: args.callRange)
    }
  }
}
