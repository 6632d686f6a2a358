import MathCore

/// A table of results: named columns of equal length, one row per experiment (a learning
/// rate, a batch size, a critical point). A core value kind, so the language can index,
/// sort, filter and map it, and packs return one from their studies.
///
/// Columns are typed: numbers (shown aligned, read as a vector), text (read as a list of
/// strings) or any values (runs, vectors; read as a list). Built in Swift with
/// `TableValue(title:columns:)`; in cells with `table(lr: […], loss: […])` or from a list
/// of records. Immutable: sorting and filtering make new tables.
public struct TableValue: Sendable {
  /// One column's cells, typed so numeric columns stay unboxed and read as vectors.
  public enum Column: Sendable {
    case numbers([Double])
    case text([String])
    /// Cells of any kind (runs, vectors, booleans), or a mix.
    case values([Value])

    /// The number of cells.
    public var count: Int {
      switch self {
      case .numbers(let x): return x.count
      case .text(let s): return s.count
      case .values(let v): return v.count
      }
    }

    /// The cell in row `i` as a value (`i` must be a valid row).
    public func cell(_ i: Int) -> Value {
      switch self {
      case .numbers(let x): return .number(x[i])
      case .text(let s): return .string(s[i])
      case .values(let v): return v[i]
      }
    }

    /// The whole column as a value: a vector for numbers, a list otherwise.
    public var value: Value {
      switch self {
      case .numbers(let x): return .vector(Vector(x))
      case .text(let s): return .tuple(s.map(Value.string))
      case .values(let v): return .tuple(v)
      }
    }

    /// The cells at `rows`, in that order.
    func selecting(_ rows: [Int]) -> Column {
      switch self {
      case .numbers(let x): return .numbers(rows.map { x[$0] })
      case .text(let s): return .text(rows.map { s[$0] })
      case .values(let v): return .values(rows.map { v[$0] })
      }
    }

    /// The narrowest column holding `cells`: numbers, text, else values.
    static func typed(_ cells: [Value]) -> Column {
      var numbers: [Double] = []
      var strings: [String] = []
      for cell in cells {
        switch cell {
        case .number(let x) where strings.isEmpty: numbers.append(x)
        case .string(let s) where numbers.isEmpty: strings.append(s)
        default: return .values(cells)
        }
      }
      return strings.isEmpty ? .numbers(numbers) : .text(strings)
    }
  }

  /// What the table is ("table", "batch study"), shown as its caption and in messages.
  public let title: String
  /// The column names, in display order (unique).
  public let names: [String]
  /// The columns, parallel to `names`.
  public let columns: [Column]

  /// A table of named columns of equal length (zero rows is allowed: a filter may keep
  /// none). Throws a ValueError, without a place, for no columns, a repeated name or
  /// columns of different lengths; builtins place it at their call.
  public init(title: String = "table", columns: [(name: String, values: Column)]) throws(LanguageError) {
    guard let first = columns.first else {
      throw LanguageError(.value, "a table needs at least one column")
    }
    var seen: Set<String> = []
    for (name, column) in columns {
      guard seen.insert(name).inserted else {
        throw LanguageError(.value, "the column '\(name)' is given twice")
      }
      guard column.count == first.values.count else {
        throw LanguageError(
          .shape,
          "the columns of a table must have the same length: '\(first.name)' has \(first.values.count) rows, '\(name)' has \(column.count)"
        )
      }
    }
    self.title = title
    self.names = columns.map(\.name)
    self.columns = columns.map(\.values)
  }

  /// The number of rows.
  public var rowCount: Int { columns.first?.count ?? 0 }

  /// The column called `name`, or nil.
  public func column(_ name: String) -> Column? {
    names.firstIndex(of: name).map { columns[$0] }
  }

  /// Row `i` as a record with one field per column (`i` must be a valid row).
  public func row(_ i: Int) -> Record {
    Record(typeName: "row", fields: zip(names, columns).map { Record.Field($0, $1.cell(i)) })
  }

  /// The same columns with only the rows at `rows`, in that order.
  func selecting(rows: [Int]) -> TableValue {
    // The columns stay of equal length and the names unique, so this cannot fail.
    (try? TableValue(title: title, columns: zip(names, columns).map { ($0, $1.selecting(rows)) })) ?? self
  }

  /// An UnknownName-style error listing the columns.
  func unknownColumn(_ name: String, at range: SourceRange?) -> LanguageError {
    LanguageError(
      .name,
      "the table has no column '\(name)'\(Suggestions.phrase(for: name, among: names)); columns: \(names.joined(separator: ", "))",
      at: range)
  }
}
