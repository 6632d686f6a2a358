import Formula
import MathCore

/// Elementwise functions, reductions and array construction.
extension BuiltinTable {
  static let elementwiseSummaries: [ElementwiseFunction: (String, String)] = [
    .sin: ("Sine (radians), elementwise.", "sin(pi / 2)"),
    .cos: ("Cosine (radians), elementwise.", "cos([0, pi])"),
    .tan: ("Tangent (radians), elementwise.", "tan(pi / 4)"),
    .exp: ("The exponential eˣ, elementwise.", "exp(1)"),
    .log: ("The natural logarithm, elementwise (log of a negative number is nan).", "log(exp(2))"),
    .sqrt: ("The square root, elementwise (sqrt of a negative number is nan).", "sqrt([4, 9])"),
    .abs: ("The absolute value, elementwise.", "abs(-3)"),
    .tanh: ("The hyperbolic tangent, elementwise.", "tanh(0)"),
    .sigmoid: ("The logistic function 1 / (1 + e⁻ˣ), elementwise.", "sigmoid(0)"),
    .relu: ("The rectifier max(x, 0), elementwise.", "relu([-1, 2])"),
  ]

  /// The parameters of the array builtins, each declared once and read by key (`args[array]`).
  static let array = ParameterKey.positional("x", .array)
  static let anything = ParameterKey.positional("x", .any)
  static let start = ParameterKey.positional("start", .number)
  static let stop = ParameterKey.positional("stop", .number)
  static let points = ParameterKey.integer("n", default: 50)
  static let order = ParameterKey.positional("n", .integer)
  static let rows = ParameterKey.positional("rows", .integer)
  static let columns = ParameterKey.positional("columns", .integer).optional()

  static let elementwiseEntries: [Builtin] = ElementwiseFunction.allCases.map { f in
    let (summary, example) = elementwiseSummaries[f]!
    return Builtin(
      f.rawValue, [array.parameter], returns: "same shape as x", summary: summary,
      example: example
    ) {
      args, _ in mapArray(args[array]!) { f.apply($0) }
    }
  }

  /// Applies `f` to a number or to every element of a vector or matrix.
  static func mapArray(_ v: Value, _ f: (Double) -> Double) -> Value {
    switch v {
    case .number(let x): return .number(f(x))
    case .vector(let x): return .vector(x.map(f))
    case .matrix(let x): return .matrix(x.map(f))
    default: return v
    }
  }

  static func elements(_ v: Value) -> [Double] {
    switch v {
    case .number(let x): return [x]
    case .vector(let x): return x.elements
    case .matrix(let x): return x.elements
    default: return []
    }
  }

  static func reduction(
    _ name: String, _ summary: String, _ example: String,
    _ f: @escaping @Sendable ([Double]) -> Double
  )
    -> Builtin
  {
    Builtin(name, [array.parameter], returns: "number", summary: summary, example: example) { args, _ in
      let xs = elements(args[array]!)
      guard !xs.isEmpty || name == "sum" else {
        throw args.error(array, "\(name) of an empty vector is undefined")
      }
      return .number(f(xs))
    }
  }

  static let arrayEntries: [Builtin] = [
    reduction("sum", "The sum of all elements.", "sum([1, 2, 3])") { $0.reduce(0, +) },
    reduction("mean", "The arithmetic mean of all elements.", "mean([1, 2, 3, 4])") {
      $0.reduce(0, +) / Double($0.count)
    },
    reduction("min", "The smallest element (nan if any element is nan).", "min([3, -1, 2])") {
      $0.contains { $0.isNaN } ? .nan : $0.min()!
    },
    reduction("max", "The largest element (nan if any element is nan).", "max([3, -1, 2])") {
      $0.contains { $0.isNaN } ? .nan : $0.max()!
    },
    Builtin(
      "linspace",
      [start.parameter, stop.parameter, points.parameter],
      returns: "vector",
      summary: "n evenly spaced numbers from start to stop, both included (like numpy).",
      example: "linspace(0, 1, n: 5)"
    ) { args, _ in
      let n = args.integer(points)
      guard n >= 0, n <= ArraySize.maxElements else {
        throw args.error(points, "n must be between 0 and \(ArraySize.maxElements)")
      }
      return .vector(Vector.linspace(args.number(start), args.number(stop), count: n))
    },
    filled(
      "zeros", 0, "A vector of n zeros, or a rows×columns matrix of zeros.", "zeros(3)\nzeros(2, 3)"
    ),
    filled(
      "ones", 1, "A vector of n ones, or a rows×columns matrix of ones.", "ones(2)\nones(2, 2)"),
    Builtin(
      "eye", [order.parameter], returns: "matrix", summary: "The n×n identity matrix.",
      example: "eye(2)"
    ) { args, _ in
      let n = try size(args, order)
      guard n <= 3000 else { throw args.error(order, "eye is limited to 3000×3000, got \(n)") }
      return .matrix(Matrix.identity(n))
    },
    Builtin(
      "len", [anything.parameter], returns: "number",
      summary: "The number of elements of a vector, tuple or string, or of rows of a matrix or table.",
      example: "len([1, 2, 3])"
    ) { args, _ in
      switch args[anything]! {
      case .vector(let v): return .number(Double(v.count))
      case .matrix(let m): return .number(Double(m.rows))
      case .tuple(let t): return .number(Double(t.count))
      case .string(let s): return .number(Double(s.count))
      case .table(let t): return .number(Double(t.rowCount))
      case let other: throw args.error(anything, "a \(other.typeName) has no length", kind: .type)
      }
    },
    Builtin(
      "shape", [array.parameter], returns: "vector",
      summary: "The shape: [] for a number, [n] for a vector, [rows, columns] for a matrix.",
      example: "shape([[1, 2, 3], [4, 5, 6]])"
    ) { args, _ in
      switch args[array]! {
      case .vector(let v): return .vector(Vector([Double(v.count)]))
      case .matrix(let m): return .vector(Vector([Double(m.rows), Double(m.columns)]))
      default: return .vector(Vector([]))
      }
    },
  ]

  /// A size argument checked to be 0…`ArraySize.maxElements` (bad sizes are errors, not crashes).
  static func size(_ args: BoundArguments, _ key: ParameterKey<some Any>) throws -> Int {
    let n = args.integer(key)
    guard n >= 0, n <= ArraySize.maxElements else {
      throw args.error(key, "size must be between 0 and \(ArraySize.maxElements), got \(n)")
    }
    return n
  }

  /// The result size checked by `ArraySize` (the one check operators use too), as an error on `key`'s argument.
  static func checkedSize(_ args: BoundArguments, _ key: ParameterKey<some Any>, rows: Int, columns: Int, what: String)
    throws
  {
    do {
      _ = try ArraySize.elements(rows: rows, columns: columns, what: what)
    } catch {
      throw args.error(key, error.description)
    }
  }

  private static func filled(_ name: String, _ value: Double, _ summary: String, _ example: String)
    -> Builtin
  {
    Builtin(
      name, [rows.parameter, columns.parameter],
      returns: "vector or matrix", summary: summary, example: example
    ) { args, _ in
      let count = try size(args, rows)
      guard args[columns] != nil else { return .vector(Vector(repeating: value, count: count)) }
      let cols = try size(args, columns)
      try checkedSize(args, columns, rows: count, columns: cols, what: name)
      return .matrix(Matrix(rows: count, columns: cols, repeating: value))
    }
  }
}
