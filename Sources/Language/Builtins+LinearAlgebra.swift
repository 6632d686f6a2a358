import Formula
import MathCore

/// Products, norms, determinants, inverses, eigen-decomposition and formula grids.
extension BuiltinTable {
  /// The parameters of the linear-algebra builtins, each declared once and read by key.
  static let squareMatrix = ParameterKey.positional("A", .matrix)
  static let left = ParameterKey.positional("a", .vector)
  static let right = ParameterKey.positional("b", .vector)
  static let tensor = ParameterKey.positional("x", .tensor)
  static let sampled = ParameterKey.positional("f", .function)
  static let gridX = ParameterKey.parameter(
    BuiltinParameter(label: "x", name: "parameter 1", kind: .range, wildcard: true))
  static let gridY = ParameterKey.parameter(
    BuiltinParameter(label: "y", name: "parameter 2", kind: .range, optional: true, wildcard: true))
  static let gridN = ParameterKey.integer("n", default: 100)
  static let seedValue = ParameterKey.positional("n", .integer)

  static let linearAlgebraEntries: [Builtin] = [
    Builtin(
      "transpose", [squareMatrix.parameter], returns: "matrix", summary: "The transpose Aᵀ.",
      example: "transpose([[1, 2], [3, 4]])"
    ) { args, _ in .matrix(args.matrix(squareMatrix).transposed) },
    Builtin(
      "dot", [left.parameter, right.parameter], returns: "number",
      summary: "The inner product Σ aᵢbᵢ of two vectors of equal length.",
      example: "dot([1, 2], [3, 4])"
    ) { args, _ in
      let a = args.vector(left)
      let b = args.vector(right)
      guard a.count == b.count else {
        throw LanguageError(
          .shape, "dot needs equal lengths, got shapes (\(a.count),) and (\(b.count),)",
          at: args.callRange)
      }
      return .number(a.dot(b))
    },
    Builtin(
      "norm", [tensor.parameter], returns: "number",
      summary: "The Euclidean length of a vector (Frobenius norm of a matrix).",
      example: "norm([3, 4])"
    ) { args, _ in .number(Vector(elements(args[tensor]!)).norm) },
    Builtin(
      "det", [squareMatrix.parameter], returns: "number",
      summary:
        "The determinant of a square matrix (exact ad − bc for 2×2, LAPACK LU beyond; 0 when singular).",
      example: "det([[1, 2], [3, 4]])"
    ) { args, ev in .number(try linearAlgebra(args) { try $0.luDeterminant(cancellation: ev.cancellation) }) },
    Builtin(
      "inverse", [squareMatrix.parameter], returns: "matrix",
      summary:
        "The inverse of a square, non-singular matrix (LAPACK LU); singular to working precision is an error.",
      example: "inverse([[2, 0], [0, 4]])"
    ) { args, ev in .matrix(try linearAlgebra(args) { try $0.inverted(cancellation: ev.cancellation) }) },
    Builtin(
      "eig", [squareMatrix.parameter], returns: "eigen record (values, vectors)",
      summary: """
        Eigenvalues (largest first) and unit eigenvectors (the columns of .vectors, each with its first \
        non-zero entry positive) of a symmetric matrix such as a Hessian: exact closed form for 2×2, \
        LAPACK dsyevd beyond.
        """,
      example: "e = eig([[0, -2], [-2, 0]])\ne.values"
    ) { args, ev in
      let (values, vectors) = try linearAlgebra(args) {
        try $0.eigenDecomposition(order: .descending, cancellation: ev.cancellation)
      }
      return .record(
        Record(
          typeName: "eigen",
          fields: [.init("values", .vector(values)), .init("vectors", .matrix(vectors))]))
    },
    gridEntry,
  ]

  /// Runs a MathCore linear-algebra routine on the matrix argument `A`, turning its error into a
  /// LanguageError with the same message (shape problems are ShapeErrors, the rest ValueErrors).
  static func linearAlgebra<T>(
    _ args: BoundArguments, _ body: (Matrix) throws -> T
  ) throws -> T {
    do {
      return try body(args.matrix(squareMatrix))
    } catch let error as LinearAlgebraError {
      switch error {
      case .notSquare, .shapeMismatch, .empty:
        throw LanguageError(.shape, error.description, at: args.range(squareMatrix))
      case .interrupted: throw LanguageError(.interrupted, error.description)
      default: throw LanguageError(.value, error.description, at: args.range(squareMatrix))
      }
    }
  }

  static let gridEntry = Builtin(
    "grid",
    [sampled.parameter, gridX.parameter, gridY.parameter, gridN.parameter],
    returns: "vector or matrix",
    summary: """
      Samples a function on n evenly spaced points per axis. Label each range with the function's \
      parameter name. For two parameters, element [i, j] is f(x_j, y_i): rows follow the second parameter.
      """,
    example: "L(w1, w2) = (1 - w1*w2)^2\ngrid(L, w1: -2...2, w2: -2...2, n: 3)"
  ) { args, ev in try sampleGrid(args, ev) }

  private static func sampleGrid(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    guard case .function(let f) = args[sampled]! else {
      throw args.error(sampled, "grid samples a function defined by a formula", kind: .type)
    }
    let axes = [gridX, gridY].filter { args[$0] != nil }
    guard axes.count == f.parameters.count else {
      throw LanguageError(
        .argument,
        "\(f.signature) has \(f.parameters.count) parameter(s); give one labelled range for each",
        at: args.callRange)
    }
    for (k, axis) in axes.enumerated() where args.wildcardLabel(axis) != f.parameters[k] {
      throw args.error(
        axis, "expected the label '\(f.parameters[k]):' (the parameters of \(f.signature), in order)",
        kind: .argument)
    }
    let n = try size(args, gridN)
    guard n >= 1, n <= 4000 else { throw args.error(gridN, "n must be between 1 and 4000") }
    let samples = axes.map { axis -> [Double] in
      guard case .range(let lo, let hi)? = args[axis] else { return [] }
      return Vector.linspace(lo, hi, count: n).elements
    }
    if let formula = f.formula {
      if samples.count == 2 {
        return .matrix(
          try formula.grid(xs: samples[0], ys: samples[1], cancellation: ev.cancellation))
      }
      return .vector(Vector(formula.evaluate(columns: samples)))
    }
    var out: [Double] = []
    for point in samples.count == 2
      ? samples[1].flatMap({ y in samples[0].map { [$0, y] } }) : samples[0].map({ [$0] })
    {
      if out.count % 256 == 0 { try ev.checkCancellation() }
      guard
        case .number(let v) = try ev.callFunction(
          f, point.map { .number($0) }, range: args.callRange)
      else {
        throw LanguageError(.type, "grid needs a function that returns a number", at: args.range(sampled))
      }
      out.append(v)
    }
    return samples.count == 2
      ? .matrix(Matrix(rows: n, columns: n, elements: out)) : .vector(Vector(out))
  }

  static let randomEntries: [Builtin] = [
    Builtin(
      "seed", [seedValue.parameter], returns: "nothing",
      summary:
        "Restarts the random stream (xoshiro256**) from seed n, so rand and randn repeat exactly. Sessions start at seed 0.",
      example: "seed(1)\nrand(2)"
    ) { args, ev in
      ev.withRandom { $0 = SeededGenerator(seed: UInt64(bitPattern: Int64(args.integer(seedValue)))) }
      return .none
    },
    random("rand", "Uniform random numbers in [0, 1): n of them, or a rows×columns matrix.") {
      $0.nextUniform()
    },
    random("randn", "Standard normal random numbers: n of them, or a rows×columns matrix.") {
      $0.nextNormal()
    },
  ]

  private static func random(
    _ name: String, _ summary: String, _ draw: @escaping @Sendable (inout SeededGenerator) -> Double
  )
    -> Builtin
  {
    Builtin(
      name, [rows.parameter, columns.parameter],
      returns: "vector or matrix", summary: summary, example: "seed(0)\n\(name)(3)"
    ) { args, ev in
      let count = try size(args, rows)
      let cols = args[columns] == nil ? 1 : try size(args, columns)
      try checkedSize(args, columns, rows: count, columns: cols, what: name)
      // Up to 10⁷ draws: the stop flag is checked every 65536 of them.
      let values = try ev.withRandom { g in
        var out = [Double]()
        out.reserveCapacity(count * cols)
        for i in 0..<(count * cols) {
          if i & 0xFFFF == 0 { try ev.checkCancellation() }
          out.append(draw(&g))
        }
        return out
      }
      if args[columns] == nil { return .vector(Vector(values)) }
      return .matrix(Matrix(rows: count, columns: cols, elements: values))
    }
  }
}
