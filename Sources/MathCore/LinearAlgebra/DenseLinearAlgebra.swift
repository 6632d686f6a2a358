import CLapack

/// Dense linear algebra on row-major `Double` storage, over OpenBLAS + LAPACKE.
///
/// Design note: these functions take plain row-major arrays (`n × n` stored row by row)
/// so that `Matrix` and any other container can call them without conversions; LAPACKE's
/// row-major entry points do the layout work. Inputs are checked (shape, finiteness)
/// before LAPACK sees them, so a user mistake becomes a `LinearAlgebraError`, never a crash.
public enum DenseLinearAlgebra {
  /// Eigen-decomposition of a symmetric matrix: `A = V diag(λ) Vᵀ`.
  ///
  /// - Returns: eigenvalues in ascending order and the eigenvectors as the columns of a
  ///   row-major `n × n` array; column `i` belongs to `values[i]`, has unit length, and its
  ///   first entry whose magnitude exceeds 1e-12 is positive (a reproducible sign).
  /// - Throws: when `a` is not square, not finite, or not symmetric to a relative 1e-10.
  public static func symmetricEigen(_ a: [Double], n: Int) throws(LinearAlgebraError)
    -> (values: [Double], vectors: [Double])
  {
    try checkSquare(a, n: n, operation: "eig")
    try checkSymmetric(a, n: n)
    var vectors = a
    var values = [Double](repeating: 0, count: n)
    let info = vectors.withUnsafeMutableBufferPointer { v in
      values.withUnsafeMutableBufferPointer { w in
        LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                       lapackInt(n), v.baseAddress, lapackInt(n), w.baseAddress)
      }
    }
    guard info == 0 else { throw .lapack(routine: "dsyevd", info: info) }
    fixEigenvectorSigns(&vectors, n: n)
    return (values, vectors)
  }

  /// Solves `A X = B` for `X`, with `A` of size `n × n` and `B` of size `n × columns`.
  ///
  /// - Throws: `.singular` when `A` is singular or its reciprocal condition number is
  ///   below machine epsilon (the answer would be dominated by rounding).
  public static func solve(_ a: [Double], n: Int, _ b: [Double], columns: Int) throws(LinearAlgebraError)
    -> [Double]
  {
    try checkSquare(a, n: n, operation: "solve")
    guard b.count == n * columns else {
      throw .shapeMismatch(operation: "solve", left: "\(n)×\(n)", right: "\(b.count / max(columns, 1))×\(columns)")
    }
    try checkFinite(b, columns: columns, operation: "solve")
    var lu = a
    let pivots = try factorize(&lu, n: n, operation: "solve")
    var x = b
    let info = lu.withUnsafeBufferPointer { f in
      pivots.withUnsafeBufferPointer { p in
        x.withUnsafeMutableBufferPointer { xb in
          LAPACKE_dgetrs(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), lapackInt(n), lapackInt(columns),
                         f.baseAddress, lapackInt(n), p.baseAddress, xb.baseAddress, lapackInt(columns))
        }
      }
    }
    guard info == 0 else { throw .lapack(routine: "dgetrs", info: info) }
    return x
  }

  /// The inverse of a non-singular `n × n` matrix.
  public static func inverse(_ a: [Double], n: Int) throws(LinearAlgebraError) -> [Double] {
    try checkSquare(a, n: n, operation: "inverse")
    var lu = a
    let pivots = try factorize(&lu, n: n, operation: "inverse")
    let info = lu.withUnsafeMutableBufferPointer { f in
      pivots.withUnsafeBufferPointer { p in
        LAPACKE_dgetri(LAPACK_ROW_MAJOR, lapackInt(n), f.baseAddress, lapackInt(n), p.baseAddress)
      }
    }
    guard info == 0 else { throw .lapack(routine: "dgetri", info: info) }
    return lu
  }

  /// The determinant of an `n × n` matrix, from its LU factorization (0 for a singular one).
  public static func determinant(_ a: [Double], n: Int) throws(LinearAlgebraError) -> Double {
    try checkSquare(a, n: n, operation: "det")
    var lu = a
    var pivots = [Int32](repeating: 0, count: n)
    let info = lu.withUnsafeMutableBufferPointer { f in
      pivots.withUnsafeMutableBufferPointer { p in
        LAPACKE_dgetrf(LAPACK_ROW_MAJOR, lapackInt(n), lapackInt(n), f.baseAddress, lapackInt(n), p.baseAddress)
      }
    }
    if info > 0 { return 0 }
    guard info == 0 else { throw .lapack(routine: "dgetrf", info: info) }
    var det = 1.0
    for i in 0..<n {
      det *= lu[i * n + i]
      if pivots[i] != lapackInt(i + 1) { det = -det }
    }
    return det
  }
}
