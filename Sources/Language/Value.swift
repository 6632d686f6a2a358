import MathCore

/// A value a cell computes. Every value describes itself (`representations`), so the
/// session turns any value into a MIME bundle without switching on its type.
public enum Value: Sendable {
  case number(Double)
  case bool(Bool)
  case string(String)
  case vector(Vector)
  case matrix(Matrix)
  /// A closed interval `lower...upper`, used for plot and grid axes.
  case range(Double, Double)
  case tuple([Value])
  case record(Record)
  /// Named columns of equal length, one row per experiment (see `TableValue`).
  case table(TableValue)
  case function(UserFunction)
  case builtin(Builtin)
  /// A closure `{ x in … }` or a `func`: statements run when called (see `Closure`).
  case closure(Closure)
  /// A value kind defined above the language (figures, runs); see `CustomValue`.
  case custom(any CustomValue)
  /// Preformatted text such as help pages: shown as is.
  case text(String)
  /// No value (the result of `print`, `seed`, …); a cell ending in it shows nothing.
  case none

  /// The name of the value's type as users see it in messages.
  public var typeName: String {
    switch self {
    case .number: return "number"
    case .bool: return "bool"
    case .string: return "string"
    case .vector: return "vector"
    case .matrix: return "matrix"
    case .range: return "range"
    case .tuple: return "tuple"
    case .record(let r): return r.typeName
    case .table: return "table"
    case .function: return "function"
    case .builtin: return "builtin function"
    case .closure(let c): return c.name == nil ? "closure" : "func"
    case .custom(let c): return c.typeName
    case .text: return "text"
    case .none: return "nothing"
    }
  }

  /// Shape in numpy notation for shape errors: `()`, `(3,)`, `(2, 3)`.
  public var shapeDescription: String {
    switch self {
    case .vector(let v): return "(\(v.count),)"
    case .matrix(let m): return "(\(m.rows), \(m.columns))"
    case .number: return "()"
    default: return typeName
    }
  }

  /// A phrase naming the value for messages: "vector of shape (3,)".
  var described: String {
    switch self {
    case .vector, .matrix: return "\(typeName) of shape \(shapeDescription)"
    default: return typeName
    }
  }
}

/// Named fields returned by builtins (`e.values`, `e.vectors`), shown as a table.
public struct Record: Sendable {
  public struct Field: Sendable {
    public var name: String
    public var value: Value
    public init(_ name: String, _ value: Value) {
      self.name = name
      self.value = value
    }
  }

  /// What the record is (`eigen`, `variables`); shown as its type and title.
  public var typeName: String
  public var fields: [Field]
  /// Fields that stay members (`run.points`) but are only named, not shown, in the display,
  /// so a record with long arrays reads as a short summary.
  public var unlisted: Set<String> = []

  public init(typeName: String, fields: [Field], unlisted: Set<String> = []) {
    self.typeName = typeName
    self.fields = fields
    self.unlisted = unlisted
  }

  /// The value of a field, or nil.
  public subscript(name: String) -> Value? {
    fields.first { $0.name == name }?.value
  }
}
