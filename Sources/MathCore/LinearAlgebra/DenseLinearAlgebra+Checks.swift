import CLapack

/// Input checks and small LAPACK helpers shared by the dense routines.
extension DenseLinearAlgebra {
  /// LAPACKE's `lapack_int` is a C macro for `int32_t` in this (LP64) build.
  static func lapackInt(_ value: Int) -> Int32 { Int32(truncatingIfNeeded: value) }

  static func checkSquare(_ a: [Double], n: Int, operation: String) throws(LinearAlgebraError) {
    guard n > 0, !a.isEmpty else { throw .empty(operation: operation) }
    guard a.count == n * n else {
      throw .notSquare(operation: operation, rows: n, columns: a.count / n)
    }
    try checkFinite(a, columns: n, operation: operation)
  }

  static func checkFinite(_ a: [Double], columns: Int, operation: String) throws(LinearAlgebraError) {
    if let index = a.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(operation: operation, row: index / columns, column: index % columns)
    }
  }

  /// Symmetric to a relative 1e-10 of the largest entry: exact Hessians pass, typos do not.
  static func checkSymmetric(_ a: [Double], n: Int) throws(LinearAlgebraError) {
    let scale = max(a.map { abs($0) }.max() ?? 0, Double.leastNormalMagnitude)
    for i in 0..<n {
      for j in (i + 1)..<n {
        let difference = abs(a[i * n + j] - a[j * n + i])
        if difference > 1e-10 * scale { throw .notSymmetric(row: i, column: j, difference: difference) }
      }
    }
  }

  /// LU-factorizes `a` in place and rejects singular or numerically singular matrices.
  static func factorize(_ a: inout [Double], n: Int, operation: String) throws(LinearAlgebraError)
    -> [Int32]
  {
    let norm = a.withUnsafeBufferPointer { buffer in
      LAPACKE_dlange(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "1")), lapackInt(n), lapackInt(n),
                     buffer.baseAddress, lapackInt(n))
    }
    var pivots = [Int32](repeating: 0, count: n)
    let info = a.withUnsafeMutableBufferPointer { f in
      pivots.withUnsafeMutableBufferPointer { p in
        LAPACKE_dgetrf(LAPACK_ROW_MAJOR, lapackInt(n), lapackInt(n), f.baseAddress, lapackInt(n), p.baseAddress)
      }
    }
    if info > 0 { throw .singular(operation: operation, reciprocalCondition: 0) }
    guard info == 0 else { throw .lapack(routine: "dgetrf", info: info) }
    var rcond = 0.0
    let conditionInfo = a.withUnsafeBufferPointer { f in
      LAPACKE_dgecon(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "1")), lapackInt(n), f.baseAddress,
                     lapackInt(n), norm, &rcond)
    }
    guard conditionInfo == 0 else { throw .lapack(routine: "dgecon", info: conditionInfo) }
    if rcond < Double.ulpOfOne { throw .singular(operation: operation, reciprocalCondition: rcond) }
    return pivots
  }

  /// Flips each eigenvector column so its first clearly non-zero entry is positive.
  static func fixEigenvectorSigns(_ vectors: inout [Double], n: Int) {
    for column in 0..<n {
      guard let row = (0..<n).first(where: { abs(vectors[$0 * n + column]) > 1e-12 }) else { continue }
      if vectors[row * n + column] < 0 {
        for r in 0..<n { vectors[r * n + column] = -vectors[r * n + column] }
      }
    }
  }
}
