/// `Matrix` entry points to the LAPACK routines, with errors instead of nil or traps, so
/// the builtins (`eig`, `solve`, `inverse`, `det`) can switch to LAPACK in one line each.
extension Matrix {
  /// The order of eigenvalues in an eigen-decomposition.
  public enum EigenOrder: Sendable {
    /// Largest first: the `eig` builtin's documented order and the lecture's (λ₁ = 2, λ₂ = −2).
    case descending
    /// Smallest first: LAPACK's order and the ground truth's convention.
    case ascending
  }

  /// Eigenvalues and unit eigenvectors (column i belongs to value i, its first entry above
  /// 1e-12 in magnitude positive) of a symmetric matrix: exact closed form for 2×2 (the
  /// lecture's Hessians get exact eigenvalues such as 4 and 0), LAPACK `dsyevd` beyond.
  ///
  /// - Throws: when the matrix is empty, not square, not finite, or not symmetric to 1e-10.
  public func eigenDecomposition(order: EigenOrder = .descending, cancellation: CancellationFlag? = nil)
    throws(LinearAlgebraError)
    -> (values: Vector, vectors: Matrix)
  {
    guard isSquare else { throw .notSquare(operation: "eig", rows: rows, columns: columns) }
    let (values, vectors): ([Double], [Double])
    if rows == 2 {
      try DenseLinearAlgebra.checkSquare(elements, n: rows, operation: "eig", cancellation: cancellation)
      try DenseLinearAlgebra.checkSymmetric(elements, n: rows, cancellation: cancellation)
      (values, vectors) = symmetricEigen2x2()
    } else {
      (values, vectors) = try DenseLinearAlgebra.symmetricEigen(elements, n: rows, cancellation: cancellation)
    }
    let ascending = Matrix(rows: rows, columns: rows, elements: vectors)
    guard order == .descending else { return (Vector(values), ascending) }
    var flipped = vectors
    flipped.withUnsafeMutableBufferPointer { v in
      for i in 0..<rows { v[(i * rows)..<((i + 1) * rows)].reverse() }
    }
    return (Vector(values.reversed()), Matrix(rows: rows, columns: rows, elements: flipped))
  }

  /// The solution x of A x = b (LU with partial pivoting, `dgetrf`/`dgetrs`).
  ///
  /// - Throws: for a non-square or singular A (reciprocal condition below machine epsilon)
  ///   or a b whose length is not A's row count.
  public func solving(_ b: Vector, cancellation: CancellationFlag? = nil) throws(LinearAlgebraError) -> Vector {
    guard isSquare else { throw .notSquare(operation: "solve", rows: rows, columns: columns) }
    guard b.count == rows else {
      throw .shapeMismatch(operation: "solve", left: "\(rows)×\(columns)", right: "\(b.count)")
    }
    return Vector(
      try DenseLinearAlgebra.solve(elements, n: rows, b.elements, columns: 1, cancellation: cancellation))
  }

  /// The inverse (`dgetrf`/`dgetri`).
  ///
  /// - Throws: for an empty, non-square or non-finite matrix, or one that is singular to
  ///   working precision (reciprocal condition number below machine epsilon).
  public func inverted(cancellation: CancellationFlag? = nil) throws(LinearAlgebraError) -> Matrix {
    guard isSquare else { throw .notSquare(operation: "inverse", rows: rows, columns: columns) }
    return Matrix(
      rows: rows, columns: rows, elements: try DenseLinearAlgebra.inverse(elements, n: rows, cancellation: cancellation)
    )
  }

  /// The determinant: ad − bc for 2×2 (exact), else from the LU factorization (`dgetrf`;
  /// 0 for a singular matrix).
  ///
  /// - Throws: for an empty, non-square or non-finite matrix.
  public func luDeterminant(cancellation: CancellationFlag? = nil) throws(LinearAlgebraError) -> Double {
    guard isSquare else { throw .notSquare(operation: "det", rows: rows, columns: columns) }
    try DenseLinearAlgebra.checkSquare(elements, n: rows, operation: "det")
    if let exact = determinantClosedForm { return exact }
    return try DenseLinearAlgebra.determinant(elements, n: rows, cancellation: cancellation)
  }
}
