import MathCore

/// `v[i]`, `v[lo:hi]`, `v[a...b]`, `A[i]`, `A[i, j]`, `A[:, j]`, `t[i]`.
///
/// Indices start at 0; negative indices count from the end (`v[-1]` is the last element).
/// Slices `lo:hi` are half-open like numpy's; ranges `a...b` include both ends.
enum Indexing {
  /// One resolved axis selection: a single position or a list of positions.
  enum Selection {
    case single(Int)
    case many([Int])
  }

  static func index(_ base: Value, _ items: [IndexItem], _ range: SourceRange, _ ev: Evaluator)
    throws -> Value
  {
    switch base {
    case .vector(let v):
      guard items.count == 1 else {
        throw LanguageError(.index, "a vector takes one index, got \(items.count)", at: range)
      }
      switch try select(items[0], count: v.count, ev) {
      case .single(let i): return .number(v[i])
      case .many(let idx): return .vector(Vector(idx.map { v[$0] }))
      }
    case .matrix(let m):
      guard items.count == 1 || items.count == 2 else {
        throw LanguageError(
          .index, "a matrix takes one or two indices, got \(items.count)", at: range)
      }
      let rows = try select(items[0], count: m.rows, ev)
      let cols =
        items.count == 2 ? try select(items[1], count: m.columns, ev) : .many(Array(0..<m.columns))
      switch (rows, cols) {
      case (.single(let i), .single(let j)): return .number(m[i, j])
      case (.single(let i), .many(let js)): return .vector(Vector(js.map { m[i, $0] }))
      case (.many(let is_), .single(let j)): return .vector(Vector(is_.map { m[$0, j] }))
      case (.many(let is_), .many(let js)):
        return .matrix(
          Matrix(
            rows: is_.count, columns: js.count, elements: is_.flatMap { i in js.map { m[i, $0] } }))
      }
    case .tuple(let t):
      guard items.count == 1, case .single(let i) = try select(items[0], count: t.count, ev) else {
        throw LanguageError(.index, "a tuple takes one integer index", at: range)
      }
      return t[i]
    case .table(let t): return try table(t, items, range, ev)
    default:
      throw LanguageError(.type, "a \(base.typeName) cannot be indexed", at: range)
    }
  }

  private static func select(_ item: IndexItem, count: Int, _ ev: Evaluator) throws -> Selection {
    switch item {
    case .index(let e): return try selection(try ev.evaluate(e), count: count, e.range)
    case .slice(let lo, let hi, _):
      let a = try lo.map { try bound($0, count: count, ev) } ?? 0
      let b = try hi.map { try bound($0, count: count, ev) } ?? count
      return .many(a < b ? Array(a..<b) : [])
    }
  }

  /// The positions an evaluated index value selects: one for a number, several for a range.
  private static func selection(_ v: Value, count: Int, _ range: SourceRange) throws -> Selection {
    switch v {
    case .number(let x): return .single(try position(x, count: count, range))
    case .range(let lo, let hi):
      let a = try position(lo, count: count, range)
      let b = try position(hi, count: count, range)
      return .many(a <= b ? Array(a...b) : [])
    default:
      throw LanguageError(
        .type, "an index must be a whole number, a slice or a range, not a \(v.typeName)",
        at: range)
    }
  }

  /// `t[i]` (a row record), `t[lo:hi]` or `t[a...b]` (a table of those rows), `t["loss"]` (a column).
  private static func table(_ t: TableValue, _ items: [IndexItem], _ range: SourceRange, _ ev: Evaluator)
    throws -> Value
  {
    guard items.count == 1 else {
      throw LanguageError(.index, "a table takes one index (a row, a slice of rows or a column name)", at: range)
    }
    let selected: Selection
    if case .index(let e) = items[0] {
      let v = try ev.evaluate(e)
      if case .string(let name) = v {
        guard let column = t.column(name) else { throw t.unknownColumn(name, at: e.range) }
        return column.value
      }
      selected = try selection(v, count: t.rowCount, e.range)
    } else {
      selected = try select(items[0], count: t.rowCount, ev)
    }
    switch selected {
    case .single(let i): return .record(t.row(i))
    case .many(let rows): return .table(t.selecting(rows: rows))
    }
  }

  private static func integer(_ x: Double, _ range: SourceRange) throws -> Int {
    guard x == x.rounded(), Swift.abs(x) < 1e15 else {
      throw LanguageError(
        .type, "an index must be a whole number, got \(NumberFormat.plain(x))", at: range)
    }
    return Int(x)
  }

  private static func position(_ x: Double, count: Int, _ range: SourceRange) throws -> Int {
    let i = try integer(x, range)
    let p = i < 0 ? count + i : i
    guard p >= 0, p < count else {
      throw LanguageError(.index, "index \(i) is out of range for length \(count)", at: range)
    }
    return p
  }

  /// A slice end: clamped to 0…count like numpy.
  private static func bound(_ e: Expr, count: Int, _ ev: Evaluator) throws -> Int {
    guard case .number(let x) = try ev.evaluate(e) else {
      throw LanguageError(.type, "slice bounds must be whole numbers", at: e.range)
    }
    let i = try integer(x, e.range)
    return min(max(i < 0 ? count + i : i, 0), count)
  }
}
