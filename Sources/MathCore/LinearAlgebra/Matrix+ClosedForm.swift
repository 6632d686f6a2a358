import Foundation

/// Exact 2×2 formulas used in place of LAPACK where rounding would blur the lecture's answers.
///
/// Design note: LAPACK's `dsyevd` returns 2.2e-16 instead of 0 for the Hessian
/// [[2, 2], [2, 2]] of (1 − w1·w2)² at (1, 1), and LU gives det([[1, 2], [3, 4]]) as
/// −2.0000000000000004; the closed forms below give 0 and −2. Larger matrices go to LAPACK.
extension Matrix {
  /// Eigenvalues (ascending) and unit eigenvectors (columns, signs fixed like LAPACK's path) of
  /// a symmetric 2×2 matrix: λ = m ∓ √(((a−d)/2)² + b²) with m = (a+d)/2.
  func symmetricEigen2x2() -> (values: [Double], vectors: [Double]) {
    let a = self[0, 0]
    let b = (self[0, 1] + self[1, 0]) / 2
    let d = self[1, 1]
    guard b != 0 else {
      let values = [Swift.min(a, d), Swift.max(a, d)]
      return (values, a <= d ? [1, 0, 0, 1] : [0, 1, 1, 0])
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
    return ([small, large], vectors)
  }

  /// ad − bc for a 2×2 matrix (the value itself for 1×1).
  var determinantClosedForm: Double? {
    switch rows {
    case 1: return self[0, 0]
    case 2: return self[0, 0] * self[1, 1] - self[0, 1] * self[1, 0]
    default: return nil
    }
  }
}
