import CLapack

/// A symmetric matrix held in memory, as a `SymmetricOperator` (`dgemv` for one vector,
/// one `dgemm` for a block).
///
/// The reference conformer: every algorithm over operators is tested on it against the
/// full LAPACK spectrum of the same matrix.
public struct DenseSymmetricOperator: SymmetricOperator {
  public let dimension: Int
  /// Row-major `P × P` storage.
  private let elements: [Double]

  /// Wraps a square, finite matrix that is symmetric to a relative 1e-10 (the same check
  /// `eig` makes).
  ///
  /// - Throws: `LinearAlgebraError` for an empty, non-square, non-finite or non-symmetric matrix.
  public init(_ matrix: Matrix) throws(LinearAlgebraError) {
    guard matrix.isSquare else {
      throw .notSquare(operation: "operator", rows: matrix.rows, columns: matrix.columns)
    }
    try DenseLinearAlgebra.checkSquare(matrix.elements, n: matrix.rows, operation: "operator")
    try DenseLinearAlgebra.checkSymmetric(matrix.elements, n: matrix.rows)
    dimension = matrix.rows
    elements = matrix.elements
  }

  public func apply(_ vector: [Double]) -> [Double] {
    precondition(vector.count == dimension, "DenseSymmetricOperator.apply size mismatch")
    let n = Int32(dimension)
    var out = [Double](repeating: 0, count: dimension)
    elements.withUnsafeBufferPointer { a in
      vector.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { y in
          cblas_dgemv(CblasRowMajor, CblasNoTrans, n, n, 1, a.baseAddress, n, x.baseAddress, 1, 0, y.baseAddress, 1)
        }
      }
    }
    return out
  }

  /// `Y = X A` for the row-major `count × P` block X (A = Aᵀ), one `dgemm`.
  public func apply(block: [Double], count: Int) -> [Double] {
    precondition(block.count == count * dimension, "DenseSymmetricOperator.apply(block:) size mismatch")
    guard count > 0 else { return [] }
    let n = Int32(dimension)
    var out = [Double](repeating: 0, count: block.count)
    elements.withUnsafeBufferPointer { a in
      block.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { y in
          cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(count), n, n, 1, x.baseAddress, n, a.baseAddress, n, 0,
            y.baseAddress, n)
        }
      }
    }
    return out
  }
}
