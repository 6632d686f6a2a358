import Foundation

/// Exact 2×2 formulas used in place of LAPACK where rounding would blur the lecture's answers.
///
/// Design note: LAPACK's `dsyevd` returns 2.2e-16 instead of 0 for the Hessian
/// [[2, 2], [2, 2]] of (1 − w1·w2)² at (1, 1), and LU gives det([[1, 2], [3, 4]]) as
/// −2.0000000000000004; the closed forms below give 0 and −2. Larger matrices go to LAPACK.
/// Both formulas work on the matrix scaled by a power of two (its largest entry in [1, 2)),
/// exact for ordinary entries, so sums, midpoints and products in between cannot overflow or
/// underflow for entries near 1.8e308 or among subnormals; the scale is undone at the end.
extension Matrix {
  /// Eigenvalues (ascending) and unit eigenvectors (columns, signs fixed like LAPACK's path) of
  /// a symmetric 2×2 matrix: λ = m ∓ √(((a−d)/2)² + b²) with m = (a+d)/2.
  func symmetricEigen2x2() -> (values: [Double], vectors: [Double]) {
    let e = scaleExponent
    let a = DenseLinearAlgebra.scaled(self[0, 0], by: -e)
    let b = (DenseLinearAlgebra.scaled(self[0, 1], by: -e) + DenseLinearAlgebra.scaled(self[1, 0], by: -e)) / 2
    let d = DenseLinearAlgebra.scaled(self[1, 1], by: -e)
    let unscale = { (values: [Double]) in values.map { DenseLinearAlgebra.scaled($0, by: e) } }
    guard b != 0 else {
      let values = [Swift.min(a, d), Swift.max(a, d)]
      return (unscale(values), a <= d ? [1, 0, 0, 1] : [0, 1, 1, 0])
    }
    let m = (a + d) / 2
    let r = Foundation.hypot((a - d) / 2, b)
    let (large, small) = (m + r, m - r)
    // Two candidate eigenvectors for the large value from the two rows; the better-conditioned one.
    let (p, q) = Swift.abs(a - large) >= Swift.abs(d - large) ? (b, large - a) : (large - d, b)
    let length = Foundation.hypot(p, q)
    let u = (p / length, q / length)
    var vectors = [-u.1, u.0, u.0, u.1]  // column 0 ⟂ u belongs to `small`, column 1 is u
    DenseLinearAlgebra.fixEigenvectorSigns(&vectors, n: 2)
    return (unscale([small, large]), vectors)
  }

  /// ad − bc for a 2×2 matrix (the value itself for 1×1), with each row scaled by a power of
  /// two first so the products cannot overflow when the determinant itself does not.
  var determinantClosedForm: Double? {
    switch rows {
    case 1: return self[0, 0]
    case 2:
      let (ad, bc) = (self[0, 0] * self[1, 1], self[0, 1] * self[1, 0])
      if Self.isSafeProduct(ad, self[0, 0], self[1, 1]), Self.isSafeProduct(bc, self[0, 1], self[1, 0]) {
        return ad - bc
      }
      var scaled = elements
      let exponents = DenseLinearAlgebra.equilibrateRows(&scaled, rows: 2, columns: 2)
      let det = scaled[0] * scaled[3] - scaled[1] * scaled[2]
      return DenseLinearAlgebra.scaled(det, by: exponents[0] + exponents[1])
    default: return nil
    }
  }

  /// Whether `product = x · y` neither overflowed nor lost bits to underflow.
  private static func isSafeProduct(_ product: Double, _ x: Double, _ y: Double) -> Bool {
    product.isFinite && (product.magnitude >= Double.leastNormalMagnitude || x == 0 || y == 0)
  }

  /// The binary exponent of the largest magnitude when it lies outside 2^±500 (where sums
  /// and squares of entries could leave the range of doubles), else 0: ordinary matrices are
  /// not scaled, so their results stay bit for bit what the plain formula gives.
  private var scaleExponent: Int {
    let largest = elements.reduce(0) { Swift.max($0, $1.magnitude) }
    guard largest > 0, largest.isFinite else { return 0 }
    let e = Int(largest.exponent)
    return Swift.abs(e) > 500 ? e : 0
  }
}
