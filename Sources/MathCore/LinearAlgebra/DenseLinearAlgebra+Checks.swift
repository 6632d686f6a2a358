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

  /// LU-factorizes `a` in place (`dgetrf`); `info` is LAPACK's (> 0: an exactly zero pivot).
  /// Large matrices run detached so a stop ends the wait.
  static func luFactor(_ a: inout [Double], n: Int, cancellation: CancellationFlag?)
    throws(Interrupted) -> (pivots: [Int32], info: Int32)
  {
    let input = a
    let work: @Sendable () -> ([Double], [Int32], Int32) = {
      var f = input
      var pivots = [Int32](repeating: 0, count: n)
      let info = f.withUnsafeMutableBufferPointer { fb in
        pivots.withUnsafeMutableBufferPointer { p in
          LAPACKE_dgetrf(LAPACK_ROW_MAJOR, lapackInt(n), lapackInt(n), fb.baseAddress, lapackInt(n), p.baseAddress)
        }
      }
      return (f, pivots, info)
    }
    let cost = 2.0 / 3 * Double(n) * Double(n) * Double(n)
    let (factors, pivots, info) = try cancellation?.runDetached(cost: cost, work) ?? work()
    a = factors
    return (pivots, info)
  }

  /// LU-factorizes `a` in place (rows equilibrated) and rejects singular or numerically
  /// singular matrices: an exact zero pivot, factors that are not finite, or a reciprocal
  /// condition number (of the equilibrated matrix, as `dgesvx` measures it) below machine epsilon.
  static func factorize(_ a: inout [Double], n: Int, operation: String, cancellation: CancellationFlag?)
    throws(LinearAlgebraError) -> (pivots: [Int32], scale: (rows: [Int], columns: [Int]))
  {
    let exponents = equilibrate(&a, n: n)
    let norm = a.withUnsafeBufferPointer { buffer in
      LAPACKE_dlange(
        LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "1")), lapackInt(n), lapackInt(n),
        buffer.baseAddress, lapackInt(n))
    }
    let (pivots, info) = try interruptible { () throws(Interrupted) in
      try luFactor(&a, n: n, cancellation: cancellation)
    }
    if info > 0 { throw .singular(operation: operation, reciprocalCondition: 0) }
    guard info == 0 else { throw .lapack(routine: "dgetrf", info: info) }
    guard norm.isFinite, a.allSatisfy(\.isFinite) else {
      throw .singular(operation: operation, reciprocalCondition: .nan)
    }
    var rcond = 0.0
    let conditionInfo = a.withUnsafeBufferPointer { f in
      LAPACKE_dgecon(
        LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "1")), lapackInt(n), f.baseAddress,
        lapackInt(n), norm, &rcond)
    }
    guard conditionInfo == 0 else { throw .singular(operation: operation, reciprocalCondition: .nan) }
    if !(rcond >= Double.ulpOfOne) { throw .singular(operation: operation, reciprocalCondition: rcond) }
    return (pivots, exponents)
  }

  /// Runs `body`, turning `Interrupted` into `LinearAlgebraError.interrupted`.
  static func interruptible<T>(_ body: () throws(Interrupted) -> T) throws(LinearAlgebraError) -> T {
    do {
      return try body()
    } catch {
      throw .interrupted
    }
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
