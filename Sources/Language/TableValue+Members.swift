import MathCore

/// Reading a table: `t.loss` (a column), `t.rows`, `t.columns`, `t.count`, and building one
/// from a list of records (`table([(lr: 0.1, loss: 0.3), …])`).
extension TableValue {
  /// The members every table has besides its columns; they win over a column of the same
  /// name, which stays readable as `t["count"]`.
  static let properties = ["rows", "columns", "count"]

  /// The names `t.` completes to: the properties, then the columns.
  public var memberNames: [String] { TableValue.properties + names.filter { !TableValue.properties.contains($0) } }

  /// `rows` (a list of row records), `columns` (the names), `count` (the number of rows),
  /// or a column as a vector (numbers) or list; nil for any other name.
  public func member(_ name: String) -> Value? {
    switch name {
    case "rows": return .tuple((0..<rowCount).map { .record(row($0)) })
    case "columns": return .tuple(names.map(Value.string))
    case "count": return .number(Double(rowCount))
    default: return column(name)?.value
    }
  }

  /// A table from records that all have the same fields (the first record's order gives
  /// the columns). No records is an error: there would be no columns to name.
  public init(records: [Value], title: String = "table") throws(LanguageError) {
    guard !records.isEmpty else {
      throw LanguageError(
        .value, "an empty list makes no table (there are no columns); give at least one record")
    }
    var rows: [Record] = []
    for (k, item) in records.enumerated() {
      guard case .record(let r) = item else {
        throw LanguageError(
          .type,
          "table(rows) needs a list of records such as (lr: 0.1, loss: 0.3); item \(k) is a \(item.typeName)")
      }
      rows.append(r)
    }
    let names = rows[0].fields.map(\.name)
    for (k, r) in rows.enumerated() {
      let fields = r.fields.map(\.name)
      guard Set(fields) == Set(names), fields.count == names.count else {
        throw LanguageError(
          .value,
          "every record of a table needs the same fields: record 0 has \(names.joined(separator: ", ")), record \(k) has \(fields.joined(separator: ", "))"
        )
      }
    }
    let columns = names.map { name in (name: name, values: Column.typed(rows.map { $0[name] ?? .none })) }
    try self.init(title: title, columns: columns)
  }

  /// A table from `name: column` pairs as a cell gives them: a vector, or a list of
  /// numbers, strings or other values (a range or matrix is not a column).
  static func fromColumns(_ pairs: [(label: String, value: Value, range: SourceRange)]) throws -> TableValue {
    var columns: [(name: String, values: Column)] = []
    for (name, value, range) in pairs {
      switch value {
      case .vector(let v): columns.append((name, .numbers(v.elements)))
      case .tuple(let items): columns.append((name, Column.typed(items)))
      default:
        throw LanguageError(
          .type,
          "the column '\(name)' must be a vector or a list, not a \(value.described)", at: range)
      }
    }
    return try TableValue(columns: columns)
  }
}
