import Foundation

/// Small dense decompositions in pure Swift (LU with partial pivoting, Jacobi eigenvalues).
///
/// Design note: these serve the lecture's 2×2 … 50×50 matrices; LAPACK (CLapack) takes over
/// for large problems in a later issue. Jacobi was chosen over QR for symmetric matrices
/// because it is short, unconditionally convergent and accurate to working precision.
extension Matrix {
  /// The LU factorisation with partial pivoting, or nil when a pivot is exactly zero.
  private func luFactors() -> (lu: Matrix, pivots: [Int], sign: Double)? {
    precondition(isSquare, "LU needs a square matrix")
    var a = self
    var pivots = Array(0..<rows)
    var sign = 1.0
    for k in 0..<rows {
      var p = k
      for i in (k + 1)..<Swift.max(k + 1, rows) where Swift.abs(a[i, k]) > Swift.abs(a[p, k]) {
        p = i
      }
      if a[p, k] == 0 { return nil }
      if p != k {
        for j in 0..<columns { (a[k, j], a[p, j]) = (a[p, j], a[k, j]) }
        pivots.swapAt(k, p)
        sign = -sign
      }
      for i in (k + 1)..<Swift.max(k + 1, rows) {
        a[i, k] /= a[k, k]
        for j in (k + 1)..<columns { a[i, j] -= a[i, k] * a[k, j] }
      }
    }
    return (a, pivots, sign)
  }

  /// The determinant (0 for singular matrices). Requires a square matrix.
  public var determinant: Double {
    guard let (lu, _, sign) = luFactors() else { return 0 }
    var d = sign
    for i in 0..<rows { d *= lu[i, i] }
    return d
  }

  /// The inverse, or nil when the matrix is singular. Requires a square matrix.
  public var inverse: Matrix? {
    guard let (lu, pivots, _) = luFactors() else { return nil }
    let n = rows
    var inv = Matrix(rows: n, columns: n)
    for col in 0..<n {
      var x = (0..<n).map { pivots[$0] == col ? 1.0 : 0.0 }
      for i in 0..<n { for k in 0..<i { x[i] -= lu[i, k] * x[k] } }
      for i in stride(from: n - 1, through: 0, by: -1) {
        for k in (i + 1)..<n { x[i] -= lu[i, k] * x[k] }
        x[i] /= lu[i, i]
      }
      for i in 0..<n { inv[i, col] = x[i] }
    }
    return inv
  }

  /// Eigenvalues (descending) and unit eigenvectors (as columns, in the same order) of a
  /// symmetric matrix, by cyclic Jacobi rotations. Each eigenvector's first non-zero
  /// component is made positive so results are reproducible.
  public func symmetricEigen() -> (values: Vector, vectors: Matrix) {
    precondition(isSquare, "eigen needs a square matrix")
    if rows == 2 { return symmetricEigen2() }
    let n = rows
    var a = self
    var v = Matrix.identity(n)
    for _ in 0..<100 {
      var off = 0.0
      for i in 0..<n { for j in 0..<n where i != j { off += a[i, j] * a[i, j] } }
      if off < 1e-30 { break }
      for p in 0..<n {
        for q in (p + 1)..<Swift.max(p + 1, n) where a[p, q] != 0 {
          rotate(&a, &v, p, q)
        }
      }
    }
    let order = (0..<n).sorted { a[$0, $0] > a[$1, $1] }
    var vectors = Matrix(rows: n, columns: n)
    for (k, idx) in order.enumerated() {
      let col = v.column(idx)
      let flip = (col.elements.first { Swift.abs($0) > 1e-12 } ?? 1) < 0 ? -1.0 : 1.0
      for i in 0..<n { vectors[i, k] = flip * col[i] }
    }
    return (Vector(order.map { a[$0, $0] }), vectors)
  }

  /// The 2×2 case in closed form: λ = m ± √(((a−d)/2)² + b²) with m = (a+d)/2, exact for
  /// the lecture's Hessians (e.g. [[2, 2], [2, 2]] gives 4 and 0, not 4 and 2e-16).
  private func symmetricEigen2() -> (values: Vector, vectors: Matrix) {
    let a = self[0, 0]
    let b = (self[0, 1] + self[1, 0]) / 2
    let d = self[1, 1]
    let m = (a + d) / 2
    let r = Foundation.hypot((a - d) / 2, b)
    let (l1, l2) = (m + r, m - r)
    guard b != 0 else {
      let swap = d > a
      return (
        Vector([max(a, d), min(a, d)]),
        Matrix(rows: 2, columns: 2, elements: swap ? [0, 1, 1, 0] : [1, 0, 0, 1])
      )
    }
    // Two candidate eigenvectors for l1 from the two rows; take the better-conditioned one.
    let (p, q) = Swift.abs(a - l1) >= Swift.abs(d - l1) ? (b, l1 - a) : (l1 - d, b)
    let length = Foundation.hypot(p, q)
    var u = (p / length, q / length)
    if u.0 < 0 || (u.0 == 0 && u.1 < 0) { u = (-u.0, -u.1) }
    var w = (-u.1, u.0)
    if w.0 < 0 || (w.0 == 0 && w.1 < 0) { w = (-w.0, -w.1) }
    return (Vector([l1, l2]), Matrix(rows: 2, columns: 2, elements: [u.0, w.0, u.1, w.1]))
  }

  /// One Jacobi rotation zeroing a[p, q] (Golub & Van Loan, Algorithm 8.4.2).
  private func rotate(_ a: inout Matrix, _ v: inout Matrix, _ p: Int, _ q: Int) {
    let n = a.rows
    let theta = (a[q, q] - a[p, p]) / (2 * a[p, q])
    let t = (theta >= 0 ? 1.0 : -1.0) / (Swift.abs(theta) + (theta * theta + 1).squareRoot())
    let c = 1 / (t * t + 1).squareRoot()
    let s = t * c
    for k in 0..<n {
      let akp = a[k, p]
      let akq = a[k, q]
      a[k, p] = c * akp - s * akq
      a[k, q] = s * akp + c * akq
    }
    for k in 0..<n {
      let apk = a[p, k]
      let aqk = a[q, k]
      a[p, k] = c * apk - s * aqk
      a[q, k] = s * apk + c * aqk
    }
    for k in 0..<n {
      let vkp = v[k, p]
      let vkq = v[k, q]
      v[k, p] = c * vkp - s * vkq
      v[k, q] = s * vkp + c * vkq
    }
  }
}
