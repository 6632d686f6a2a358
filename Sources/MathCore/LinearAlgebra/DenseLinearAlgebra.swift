import CLapack

/// Dense linear algebra on row-major `Double` storage, over OpenBLAS + LAPACKE.
///
/// Design note: these functions take plain row-major arrays (`n × n` stored row by row)
/// so that `Matrix` and any other container can call them without conversions; LAPACKE's
/// row-major entry points do the layout work. Inputs are checked (shape, finiteness)
/// before LAPACK sees them, so a user mistake becomes a `LinearAlgebraError`, never a crash.
/// LU-based routines equilibrate rows first (`DenseLinearAlgebra+Equilibrate`); large
/// problems run detached from the caller (`CancellationFlag.runDetached`) so a stop
/// request ends them within milliseconds.
public enum DenseLinearAlgebra {
  /// Eigen-decomposition of a symmetric matrix: `A = V diag(λ) Vᵀ`.
  ///
  /// - Returns: eigenvalues in ascending order and the eigenvectors as the columns of a
  ///   row-major `n × n` array; column `i` belongs to `values[i]`, has unit length, and its
  ///   first entry whose magnitude exceeds 1e-12 is positive (a reproducible sign).
  /// - Throws: when `a` is not square, not finite, or not symmetric to a relative 1e-10;
  ///   `.interrupted` when `cancellation` is set while LAPACK runs.
  public static func symmetricEigen(_ a: [Double], n: Int, cancellation: CancellationFlag? = nil)
    throws(LinearAlgebraError) -> (values: [Double], vectors: [Double])
  {
    try checkSquare(a, n: n, operation: "eig", cancellation: cancellation)
    try checkSymmetric(a, n: n, cancellation: cancellation)
    // dsyevd with vectors: about 9n³ flops (tridiagonal reduction, divide and conquer, back-transform).
    let cost = 9 * Double(n) * Double(n) * Double(n)
    // Without a flag, a direct call: the escaping closure's context was an allocation per
    // call, and the critical-point search decomposes a 2×2 Hessian per Newton step.
    var (values, vectors, info) =
      if let cancellation {
        try interruptible { () throws(Interrupted) in
          try cancellation.runDetached(cost: cost) { dsyevd(a, n: n) }
        }
      } else {
        dsyevd(a, n: n)
      }
    guard info == 0 else { throw .lapack(routine: "dsyevd", info: info) }
    if cancellation?.isSet == true { throw .interrupted }
    fixEigenvectorSigns(&vectors, n: n)
    return (values, vectors)
  }

  /// LAPACK's symmetric eigen-decomposition of `a` (values ascending, vectors as columns).
  private static func dsyevd(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double], info: Int32) {
    var vectors = a
    var values = [Double](repeating: 0, count: n)
    let info = vectors.withUnsafeMutableBufferPointer { v in
      values.withUnsafeMutableBufferPointer { w in
        LAPACKE_dsyevd(
          LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
          lapackInt(n), v.baseAddress, lapackInt(n), w.baseAddress)
      }
    }
    return (values, vectors, info)
  }

  /// Solves `A X = B` for `X`, with `A` of size `n × n` and `B` of size `n × columns`.
  ///
  /// - Throws: `.singular` when `A` is singular or its reciprocal condition number is
  ///   below machine epsilon (the answer would be dominated by rounding).
  public static func solve(
    _ a: [Double], n: Int, _ b: [Double], columns: Int, cancellation: CancellationFlag? = nil
  ) throws(LinearAlgebraError) -> [Double] {
    try checkSquare(a, n: n, operation: "solve", cancellation: cancellation)
    guard b.count == n * columns else {
      throw .shapeMismatch(operation: "solve", left: "\(n)×\(n)", right: "\(b.count / max(columns, 1))×\(columns)")
    }
    try checkFinite(b, columns: columns, operation: "solve")
    var lu = a
    let (pivots, exponents) = try factorize(&lu, n: n, operation: "solve", cancellation: cancellation)
    var x = b
    scaleRows(&x, columns: columns, by: exponents.rows)  // (R A C) y = R b, x = C y
    let info = lu.withUnsafeBufferPointer { f in
      pivots.withUnsafeBufferPointer { p in
        x.withUnsafeMutableBufferPointer { xb in
          LAPACKE_dgetrs(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), lapackInt(n), lapackInt(columns),
            f.baseAddress, lapackInt(n), p.baseAddress, xb.baseAddress, lapackInt(columns))
        }
      }
    }
    guard info == 0 else { throw .lapack(routine: "dgetrs", info: info) }
    scaleRows(&x, columns: columns, by: exponents.columns)
    guard x.allSatisfy(\.isFinite) else { throw .overflow(operation: "solve") }
    return x
  }

  /// The inverse of a non-singular `n × n` matrix.
  ///
  /// - Throws: `.singular` as `solve` does; `.overflow` when an entry of the inverse exceeds
  ///   the largest double (a well-conditioned matrix of tiny entries).
  public static func inverse(_ a: [Double], n: Int, cancellation: CancellationFlag? = nil)
    throws(LinearAlgebraError) -> [Double]
  {
    try checkSquare(a, n: n, operation: "inverse", cancellation: cancellation)
    var lu = a
    let (pivots, exponents) = try factorize(&lu, n: n, operation: "inverse", cancellation: cancellation)
    let info = lu.withUnsafeMutableBufferPointer { f in
      pivots.withUnsafeBufferPointer { p in
        LAPACKE_dgetri(LAPACK_ROW_MAJOR, lapackInt(n), f.baseAddress, lapackInt(n), p.baseAddress)
      }
    }
    guard info == 0 else { throw .lapack(routine: "dgetri", info: info) }
    // A⁻¹ = C (RAC)⁻¹ R: entry (i, j) scaled by 2^−(cᵢ + rⱼ).
    for i in 0..<n {
      for j in 0..<n {
        let k = exponents.columns[i] + exponents.rows[j]
        if k != 0 { lu[i * n + j] = scaled(lu[i * n + j], by: -k) }
      }
    }
    guard lu.allSatisfy(\.isFinite) else { throw .overflow(operation: "inverse") }
    return lu
  }

  /// The determinant of an `n × n` matrix, from the LU factorization of the row-equilibrated
  /// matrix, its pivots multiplied in significand-and-exponent form (0 for a singular one;
  /// ±∞ only when the determinant itself exceeds the largest double).
  public static func determinant(_ a: [Double], n: Int, cancellation: CancellationFlag? = nil)
    throws(LinearAlgebraError) -> Double
  {
    try checkSquare(a, n: n, operation: "det", cancellation: cancellation)
    var lu = a
    let exponents = equilibrate(&lu, n: n)
    let (pivots, info) = try interruptible { () throws(Interrupted) in
      try luFactor(&lu, n: n, cancellation: cancellation)
    }
    if info > 0 { return 0 }
    guard info == 0 else { throw .lapack(routine: "dgetrf", info: info) }
    var diagonal = (0..<n).map { lu[$0 * n + $0] }
    let swaps = (0..<n).filter { pivots[$0] != lapackInt($0 + 1) }.count
    if swaps % 2 == 1 { diagonal[0] = -diagonal[0] }
    let det = scaledProduct(diagonal, extraExponent: (exponents.rows + exponents.columns).reduce(0, +))
    guard !det.isNaN else { throw .singular(operation: "det", reciprocalCondition: .nan) }
    return det
  }
}
