import MathCore

/// `table(…)` and `sort(…)`: making a table of results in a cell and ordering it.
extension BuiltinTable {
  static let tableRows = ParameterKey.positional("rows", .any).optional()
  /// Any label names a column: `table(lr: […], loss: […])`.
  static let tableColumns: ParameterKey<Value?> = {
    var p = BuiltinParameter.labelled("column", .any)
    p.wildcard = true
    p.variadic = true
    return ParameterKey.parameter(p)
  }()
  static let sortItems = ParameterKey.positional("x", .any)
  static let sortBy = ParameterKey.labelled("by", .string).optional()
  static let sortDescending = ParameterKey.parameter(.labelled("descending", .bool, default: .bool(false)))

  static let tableEntries: [Builtin] = [
    Builtin(
      "table", [tableRows.parameter, tableColumns.parameter], returns: "table",
      summary: """
        A table of results: named columns of equal length (table(lr: [0.01, 0.1], loss: [1.2, 0.3])), or a list \
        of records with the same fields ([(lr: 0.01, loss: 1.2), (lr: 0.1, loss: 0.3)]). t.loss is a column, t[0] \
        a row, t.rows, t.columns and t.count the rest; sort, filter, map and plot(t, x:, y:) take tables.
        """,
      example: "t = table(lr: [0.01, 0.1, 1], loss: [1.2, 0.3, 4])\nt.loss"
    ) { args, _ in try makeTable(args) },
    Builtin(
      "sort", [sortItems.parameter, sortBy.parameter, sortDescending.parameter],
      returns: "vector or table",
      summary: """
        Sorts a vector, or the rows of a table by the column by: (numbers ascending, nan last; text \
        alphabetically); descending: true reverses. Rows with equal keys keep their order.
        """,
      example: "sort(table(lr: [0.1, 0.01], loss: [0.3, 1.2]), by: \"loss\")"
    ) { args, _ in try sort(args) },
  ]

  private static func makeTable(_ args: BoundArguments) throws -> Value {
    let columns = args.labelledRest
    guard let rows = args[tableRows] else {
      guard !columns.isEmpty else {
        throw LanguageError(
          .value,
          "a table needs columns, as in table(lr: [0.01, 0.1], loss: [1.2, 0.3]), or a list of records",
          at: args.callRange)
      }
      return .table(try TableValue.fromColumns(columns))
    }
    guard columns.isEmpty else {
      throw LanguageError(
        .argument, "give table either a list of records or labelled columns, not both", at: args.callRange)
    }
    let records: [Value]
    switch rows {
    case .tuple(let items): records = items
    case .record: records = [rows]
    case .vector(let v) where v.count == 0: records = []
    default:
      throw args.error(
        tableRows,
        "table(rows) needs a list of records such as [(lr: 0.1, loss: 0.3)], not a \(rows.described); for columns, label them: table(lr: [0.01, 0.1])",
        kind: .type)
    }
    do {
      return .table(try TableValue(records: records))
    } catch {
      throw error.placed(at: args.range(tableRows))
    }
  }

  private static func sort(_ args: BoundArguments) throws -> Value {
    let descending = args.bool(sortDescending)
    switch args[sortItems] {
    case .vector(let v)?:
      guard !args.has(sortBy) else {
        throw args.error(sortBy, "by: names a column of a table; a vector sorts by its values", kind: .argument)
      }
      return .vector(Vector(ordering(v.elements, descending).map { v[$0] }))
    case .table(let t)?:
      guard args.has(sortBy) else {
        throw LanguageError(
          .argument, "sort(t, by: \"column\") needs the column to sort by; columns: \(t.names.joined(separator: ", "))",
          at: args.callRange)
      }
      let name = args.string(sortBy)
      switch t.column(name) {
      case .numbers(let x)?: return .table(t.selecting(rows: ordering(x, descending)))
      case .text(let s)?:
        let order = s.indices.sorted { descending ? s[$0] > s[$1] : s[$0] < s[$1] }
        return .table(t.selecting(rows: stable(order, s)))
      case .values?:
        throw args.error(
          sortBy, "the column '\(name)' holds neither numbers nor text, so it cannot order the rows", kind: .type)
      case nil: throw t.unknownColumn(name, at: args.range(sortBy))
      }
    case let other?:
      throw args.error(sortItems, "sort needs a vector or a table, not a \(other.described)", kind: .type)
    case nil: return .none
    }
  }

  /// Positions of `x` in ascending (or descending) order, NaN last, equal values in their
  /// original order.
  private static func ordering(_ x: [Double], _ descending: Bool) -> [Int] {
    x.indices.sorted { i, j in
      let (a, b) = (x[i], x[j])
      if a.isNaN || b.isNaN { return !a.isNaN && b.isNaN || (a.isNaN && b.isNaN && i < j) }
      if a == b { return i < j }
      return descending ? a > b : a < b
    }
  }

  /// `order` with runs of equal keys put back in their original order (Swift's sort is not
  /// guaranteed stable).
  private static func stable(_ order: [Int], _ keys: [String]) -> [Int] {
    var out: [Int] = []
    var k = 0
    while k < order.count {
      var end = k + 1
      while end < order.count, keys[order[end]] == keys[order[k]] { end += 1 }
      out += order[k..<end].sorted()
      k = end
    }
    return out
  }
}
