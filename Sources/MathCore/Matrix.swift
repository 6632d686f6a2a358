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

  /// The matrix product (inner dimensions must agree).
  public func multiplied(by other: Matrix) -> Matrix {
    precondition(columns == other.rows, "Matrix product dimension mismatch")
    var out = Matrix(rows: rows, columns: other.columns)
    for i in 0..<rows {
      for k in 0..<columns {
        let a = self[i, k]
        for j in 0..<other.columns { out[i, j] += a * other[k, j] }
      }
    }
    return out
  }

  /// The matrix–vector product A·v (v.count must equal `columns`).
  public func multiplied(by v: Vector) -> Vector {
    precondition(columns == v.count, "Matrix-vector dimension mismatch")
    var out = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
      var s = 0.0
      for j in 0..<columns { s += self[i, j] * v[j] }
      out[i] = s
    }
    return Vector(out)
  }

  public var isSquare: Bool { rows == columns }

  /// Whether Aᵢⱼ = Aⱼᵢ within `tolerance` (absolute, scaled by the largest |Aᵢⱼ|).
  public func isSymmetric(tolerance: Double = 1e-10) -> Bool {
    guard isSquare else { return false }
    let scale = Swift.max(1, elements.map { Swift.abs($0) }.max() ?? 0)
    for i in 0..<rows {
      for j in 0..<i where Swift.abs(self[i, j] - self[j, i]) > tolerance * scale { return false }
    }
    return true
  }
}
