/// A dense row-major matrix of doubles: `[[1, 2], [3, 4]]`, a Hessian, a grid of loss values.
public struct Matrix: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  /// Row-major storage: element (i, j) is at `i * columns + j`.
  public var elements: [Double]

  /// A matrix from row-major storage; `elements.count` must equal `rows * columns`.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(elements.count == rows * columns, "Matrix storage size mismatch")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.init(
      rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
  }

  /// A matrix from equal-length rows (returns nil when the rows are ragged).
  public init?(rowVectors: [[Double]]) {
    let c = rowVectors.first?.count ?? 0
    guard rowVectors.allSatisfy({ $0.count == c }) else { return nil }
    self.init(rows: rowVectors.count, columns: c, elements: rowVectors.flatMap { $0 })
  }

  /// The n×n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  public subscript(row: Int, column: Int) -> Double {
    get { elements[row * columns + column] }
    set { elements[row * columns + column] = newValue }
  }

  /// Row `i` as a vector.
  public func row(_ i: Int) -> Vector {
    Vector(Array(elements[(i * columns)..<((i + 1) * columns)]))
  }

  /// Column `j` as a vector.
  public func column(_ j: Int) -> Vector {
    Vector((0..<rows).map { self[$0, j] })
  }

  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
    return t
  }

  /// Applies `transform` to every element.
  public func map(_ transform: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, columns: columns, elements: elements.map(transform))
  }

  public var isSquare: Bool { rows == columns }
}
