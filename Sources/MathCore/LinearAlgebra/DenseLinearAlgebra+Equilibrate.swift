/// Power-of-two row and column scaling before LU, as LAPACK's `dgeequ`/`dgesvx` do, but
/// exact, and only for matrices that need it.
///
/// Design note: LU on raw entries fails two ways on finite input. A row of subnormals gives
/// a subnormal pivot whose reciprocal is ∞, so OpenBLAS's `dgetrf` fills the factors with NaN
/// (`det` returned NaN; `dgecon` then refused the factors as "info = -4"); entries near
/// 1.8e308 give an infinite 1-norm, which `dgecon` also refuses. Scaling row i by 2^−eᵢ,
/// with eᵢ the binary exponent of its largest entry, puts every row's largest magnitude in
/// [1, 2): no rounding at all (powers of two scale exactly), the norm is at most 2n, and
/// the scale is undone exactly afterwards (`det` by adding exponents, `solve` by scaling b
/// the same way, `inverse` by scaling its columns). Columns are then scaled the same way
/// (a column of tiny entries under normal rows still gives a subnormal pivot). Matrices
/// whose row and column maxima all lie within 2^±500 are left alone: OpenBLAS multiplies by
/// reciprocal pivots, so rescaling changes rounding, and ordinary results stay as they were.
extension DenseLinearAlgebra {
  /// Equilibrates the square `a` in place when its scale is extreme: rows first, then
  /// columns. Returns the exponents (row i was multiplied by 2^−rows[i], column j by
  /// 2^−columns[j]); all zero when nothing was scaled.
  static func equilibrate(_ a: inout [Double], n: Int) -> (rows: [Int], columns: [Int]) {
    let none = [Int](repeating: 0, count: n)
    guard isExtreme(a, n: n) else { return (none, none) }
    let rows = equilibrateRows(&a, rows: n, columns: n)
    var t = transposed(a, n: n)
    guard isExtreme(t, n: n) else { return (rows, none) }
    let columns = equilibrateRows(&t, rows: n, columns: n)
    a = transposed(t, n: n)
    return (rows, columns)
  }

  /// Whether some row of the square `a` has its largest magnitude outside 2^±500 (or is
  /// subnormal), or some column does.
  private static func isExtreme(_ a: [Double], n: Int) -> Bool {
    var rowMax = [Double](repeating: 0, count: n)
    var columnMax = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in 0..<n {
        let m = a[i * n + j].magnitude
        rowMax[i] = Swift.max(rowMax[i], m)
        columnMax[j] = Swift.max(columnMax[j], m)
      }
    }
    return (rowMax + columnMax).contains { $0 != 0 && Swift.abs(Int($0.exponent)) > 500 }
  }

  private static func transposed(_ a: [Double], n: Int) -> [Double] {
    var t = a
    for i in 0..<n { for j in 0..<n { t[j * n + i] = a[i * n + j] } }
    return t
  }

  /// Scales each row of the row-major `rows × columns` array `a` in place so its largest
  /// magnitude is in [1, 2); returns the exponents eᵢ (row i was multiplied by 2^−eᵢ; 0 for
  /// a zero row).
  static func equilibrateRows(_ a: inout [Double], rows: Int, columns: Int) -> [Int] {
    var exponents = [Int](repeating: 0, count: rows)
    for i in 0..<rows {
      let row = (i * columns)..<((i + 1) * columns)
      let largest = a[row].reduce(0) { Swift.max($0, $1.magnitude) }
      guard largest > 0, largest.isFinite else { continue }
      let e = Int(largest.exponent)
      exponents[i] = e
      for k in row { a[k] = scaled(a[k], by: -e) }
    }
    return exponents
  }

  /// Scales row i of a row-major array with `columns` columns by 2^−exponents[i].
  static func scaleRows(_ b: inout [Double], columns: Int, by exponents: [Int]) {
    for (i, e) in exponents.enumerated() where e != 0 {
      for k in (i * columns)..<((i + 1) * columns) { b[k] = scaled(b[k], by: -e) }
    }
  }

  /// x · 2^k, exact unless the result leaves the range of doubles (then ∞ or a rounded subnormal).
  static func scaled(_ x: Double, by k: Int) -> Double {
    guard x != 0, x.isFinite else { return x }
    return Double(sign: .plus, exponent: k, significand: x)
  }

  /// The product of `values` times 2^extraExponent, accumulated as significand and exponent
  /// so no partial product overflows or underflows (the determinant from LU pivots).
  static func scaledProduct(_ values: [Double], extraExponent: Int) -> Double {
    var significand = 1.0
    var exponent = extraExponent
    for v in values {
      guard v != 0 else { return 0 }
      significand *= v.significand * (v.sign == .minus ? -1 : 1)
      exponent += Int(v.exponent)
      // Keep the running significand in [1, 2) so it never over- or underflows.
      exponent += Int(significand.exponent)
      significand = Double(sign: .plus, exponent: -Int(significand.exponent), significand: significand)
    }
    return Double(sign: .plus, exponent: exponent, significand: significand)
  }
}
