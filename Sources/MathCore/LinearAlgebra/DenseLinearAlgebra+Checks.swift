import CLapack

/// Input checks and small LAPACK helpers shared by the dense routines.
extension DenseLinearAlgebra {
  /// LAPACKE's `lapack_int` is a C macro for `int32_t` in this (LP64) build.
  static func lapackInt(_ value: Int) -> Int32 { Int32(truncatingIfNeeded: value) }

  /// Elements between two looks at the stop flag in the O(n²) checks: a few milliseconds
  /// even in a debug build, so `eig` of a 3000×3000 matrix stops promptly before LAPACK starts.
  static let checkChunk = 1 << 16

  static func checkSquare(
    _ a: [Double], n: Int, operation: String, cancellation: CancellationFlag? = nil
  ) throws(LinearAlgebraError) {
    guard n > 0, !a.isEmpty else { throw .empty(operation: operation) }
    guard a.count == n * n else {
      throw .notSquare(operation: operation, rows: n, columns: a.count / n)
    }
    try checkFinite(a, columns: n, operation: operation, cancellation: cancellation)
  }

  static func checkFinite(
    _ a: [Double], columns: Int, operation: String, cancellation: CancellationFlag? = nil
  ) throws(LinearAlgebraError) {
    var start = 0
    while start < a.count {
      if cancellation?.isSet == true { throw .interrupted }
      let end = min(a.count, start + checkChunk)
      if let index = a[start..<end].firstIndex(where: { !$0.isFinite }) {
        throw .nonFinite(operation: operation, row: index / columns, column: index % columns)
      }
      start = end
    }
  }

  /// Symmetric to a relative 1e-10 of the largest entry: exact Hessians pass, typos do not.
  ///
  /// The upper triangle is compared with the lower in 64×64 tiles (a row-by-column walk
  /// would miss the cache on every element of a large matrix), the flag checked per band.
  static func checkSymmetric(_ a: [Double], n: Int, cancellation: CancellationFlag? = nil)
    throws(LinearAlgebraError)
  {
    let tile = 64
    let mismatch: (row: Int, column: Int, difference: Double)? = a.withUnsafeBufferPointer { m in
      var largest = 0.0
      for start in stride(from: 0, to: m.count, by: checkChunk) {
        if cancellation?.isSet == true { return (-1, -1, 0) }
        for x in m[start..<min(m.count, start + checkChunk)] { largest = max(largest, abs(x)) }
      }
      let tolerance = 1e-10 * max(largest, Double.leastNormalMagnitude)
      for i0 in stride(from: 0, to: n, by: tile) {
        if cancellation?.isSet == true { return (-1, -1, 0) }
        for j0 in stride(from: i0, to: n, by: tile) {
          for i in i0..<min(n, i0 + tile) {
            for j in max(i + 1, j0)..<max(max(i + 1, j0), min(n, j0 + tile)) {
              let difference = abs(m[i * n + j] - m[j * n + i])
              if difference > tolerance { return (i, j, difference) }
            }
          }
        }
      }
      return nil
    }
    guard let mismatch else { return }
    if mismatch.row < 0 { throw .interrupted }
    throw .notSymmetric(row: mismatch.row, column: mismatch.column, difference: mismatch.difference)
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
    // Row by row (the storage order): a column-by-column walk misses the cache on large n.
    // The per-column flags live in temporary buffers (on the stack for small n): two arrays
    // per call showed in the critical-point search, which decomposes a 2×2 Hessian per step.
    withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * n) { flags in
      guard let flip = flags.baseAddress else { return }  // n = 0: nothing to flip
      flags.initialize(repeating: false)
      let decided = flip + n
      var pending = n
      var anyFlip = false
      vectors.withUnsafeMutableBufferPointer { v in
        for r in 0..<n where pending > 0 {
          for c in 0..<n where !decided[c] && abs(v[r * n + c]) > 1e-12 {
            (decided[c], flip[c]) = (true, v[r * n + c] < 0)
            anyFlip = anyFlip || flip[c]
            pending -= 1
          }
        }
        guard anyFlip else { return }
        for r in 0..<n {
          for c in 0..<n where flip[c] { v[r * n + c] = -v[r * n + c] }
        }
      }
    }
  }
}
