import MathCore

/// Arithmetic and comparison on values, with scalar broadcasting and matrix products.
///
/// `+ - / ^` are elementwise (a number broadcasts against a vector or matrix; two arrays
/// must have the same shape). `*` is elementwise too, except that a matrix on either side
/// makes it a product: matrix·matrix, matrix·vector and vector·matrix (vᵀA).
enum Operators {
  static func unary(_ op: UnaryOperator, _ x: Value, _ range: SourceRange) throws -> Value {
    switch (op, x) {
    case (.not, .bool(let b)): return .bool(!b)
    case (.plus, .number), (.plus, .vector), (.plus, .matrix): return x
    case (.negate, .number(let v)): return .number(-v)
    case (.negate, .vector(let v)): return .vector(v.map { -$0 })
    case (.negate, .matrix(let m)): return .matrix(m.map { -$0 })
    default:
      throw LanguageError(.type, "cannot apply '\(op.rawValue)' to a \(x.typeName)", at: range)
    }
  }

  static func binary(
    _ op: BinaryOperator, _ l: Value, _ r: Value, _ range: SourceRange, _ lr: SourceRange,
    _ rr: SourceRange, cancellation: CancellationFlag? = nil
  ) throws -> Value {
    switch op {
    case .equal: return .bool(try equal(l, r, range))
    case .notEqual: return .bool(!(try equal(l, r, range)))
    case .less, .lessEqual, .greater, .greaterEqual:
      guard case .number(let a) = l, case .number(let b) = r else {
        throw LanguageError(
          .type, "'\(op.rawValue)' compares numbers, not \(l.typeName) and \(r.typeName)", at: range
        )
      }
      switch op {
      case .less: return .bool(a < b)
      case .lessEqual: return .bool(a <= b)
      case .greater: return .bool(a > b)
      default: return .bool(a >= b)
      }
    case .and, .or:
      throw LanguageError(.type, "'\(op.rawValue)' needs true or false on both sides", at: range)
    default:
      return try arithmetic(op, l, r, range, cancellation)
    }
  }

  static func apply(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double {
    switch op {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    default: return Double.pow(a, b)
    }
  }

  private static func arithmetic(
    _ op: BinaryOperator, _ l: Value, _ r: Value, _ range: SourceRange, _ cancellation: CancellationFlag?
  ) throws -> Value {
    switch (l, r) {
    case (.number(let a), .number(let b)): return .number(apply(op, a, b))
    case (.number(let a), .vector(let v)): return .vector(v.map { apply(op, a, $0) })
    case (.vector(let v), .number(let b)): return .vector(v.map { apply(op, $0, b) })
    case (.number(let a), .matrix(let m)): return .matrix(m.map { apply(op, a, $0) })
    case (.matrix(let m), .number(let b)): return .matrix(m.map { apply(op, $0, b) })
    case (.vector(let a), .vector(let b)):
      guard a.count == b.count else { throw shapeError(op, l, r, range) }
      return .vector(a.zip(b) { apply(op, $0, $1) })
    case (.matrix(let a), .matrix(let b)) where op == .multiply:
      guard a.columns == b.rows else { throw shapeError(op, l, r, range, product: true) }
      return .matrix(try product(a, b, range, cancellation))
    case (.matrix(let a), .matrix(let b)):
      guard a.rows == b.rows, a.columns == b.columns else { throw shapeError(op, l, r, range) }
      return .matrix(
        Matrix(
          rows: a.rows, columns: a.columns,
          elements: zip(a.elements, b.elements).map { apply(op, $0, $1) }))
    case (.matrix(let a), .vector(let v)) where op == .multiply:
      guard a.columns == v.count else { throw shapeError(op, l, r, range, product: true) }
      return .vector(a.multiplied(by: v))
    case (.vector(let v), .matrix(let a)) where op == .multiply:
      guard a.rows == v.count else { throw shapeError(op, l, r, range, product: true) }
      return .vector(a.leftMultiplied(by: v))
    case (.vector, .matrix), (.matrix, .vector):
      throw shapeError(op, l, r, range)
    case (.string(let a), .string(let b)) where op == .add:
      return .string(a + b)
    default:
      throw LanguageError(
        .type, "cannot apply '\(op.rawValue)' to \(l.typeName) and \(r.typeName)", at: range)
    }
  }

  /// A·B on dgemm in interruptible bands, its size checked before anything is allocated.
  private static func product(_ a: Matrix, _ b: Matrix, _ range: SourceRange, _ cancellation: CancellationFlag?)
    throws -> Matrix
  {
    do {
      _ = try ArraySize.elements(rows: a.rows, columns: b.columns, what: "the product")
    } catch {
      throw LanguageError(.value, error.description, at: range)
    }
    do {
      return try a.multiplied(by: b, cancellation: cancellation)
    } catch {
      throw LanguageError(.interrupted, "interrupted by the user")
    }
  }

  private static func shapeError(
    _ op: BinaryOperator, _ l: Value, _ r: Value, _ range: SourceRange, product: Bool = false
  ) -> LanguageError {
    let what = product ? "inner dimensions must agree for a product" : "shapes must match"
    return LanguageError(
      .shape,
      "cannot apply '\(op.rawValue)' to shapes \(l.shapeDescription) and \(r.shapeDescription) (\(what))",
      at: range)
  }

  private static func equal(_ l: Value, _ r: Value, _ range: SourceRange) throws -> Bool {
    switch (l, r) {
    case (.number(let a), .number(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.vector(let a), .vector(let b)): return a == b
    case (.matrix(let a), .matrix(let b)): return a == b
    case (.range(let a, let b), .range(let c, let d)): return a == c && b == d
    default:
      throw LanguageError(.type, "cannot compare \(l.typeName) and \(r.typeName)", at: range)
    }
  }

  /// `[1, 2]` → vector; `[[1, 2], [3, 4]]` → matrix (rows must have equal length);
  /// `[-2...2, -1...1]` → a tuple of ranges (a search box, as the slides write it).
  static func vectorLiteral(_ values: [Value], _ exprs: [Expr], _ range: SourceRange) throws
    -> Value
  {
    if values.isEmpty { return .vector(Vector([])) }
    if let kind = listKind(values[0]) {
      return try list(of: kind, values, exprs)
    }
    if case .vector = values[0] {
      var rows: [[Double]] = []
      for (v, e) in zip(values, exprs) {
        guard case .vector(let row) = v else {
          throw LanguageError(
            .type, "matrix rows must be vectors, found a \(v.typeName)", at: e.range)
        }
        if let first = rows.first, first.count != row.count {
          throw LanguageError(
            .shape,
            "matrix rows must have equal length: row 0 has \(first.count) elements, row \(rows.count) has \(row.count)",
            at: e.range)
        }
        rows.append(row.elements)
      }
      return .matrix(Matrix(rowVectors: rows)!)
    }
    var out: [Double] = []
    for (v, e) in zip(values, exprs) {
      guard case .number(let x) = v else {
        throw LanguageError(
          .type, "vector elements must be numbers, found a \(v.typeName)", at: e.range)
      }
      out.append(x)
    }
    return .vector(Vector(out))
  }

  /// The kind of a bracket-list item that makes the list a tuple rather than a vector:
  /// ranges (`in: [-2...2, -2...2]`), runs and figures (`loss: [run1, run2]`), user
  /// functions and closures, strings, bools and tuples. The first item decides; numbers and vectors return nil (they
  /// build vectors and matrices).
  private static func listKind(_ value: Value) -> String? {
    switch value {
    case .range: return "range"
    case .record, .custom: return "result"
    case .function, .closure, .builtin: return "function"
    case .string: return "string"
    case .bool: return "bool"
    case .tuple: return "tuple"
    default: return nil
    }
  }

  /// A bracket list of non-numeric items: a tuple, provided every item is of one kind.
  private static func list(of kind: String, _ values: [Value], _ exprs: [Expr]) throws -> Value {
    for (k, (v, e)) in zip(values, exprs).enumerated() where listKind(v) != kind {
      throw LanguageError(
        .type,
        "a list of \(kind)s must hold only \(kind)s, but item \(k + 1) is a \(v.typeName)",
        at: e.range)
    }
    return .tuple(values)
  }
}
