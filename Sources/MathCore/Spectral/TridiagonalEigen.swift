import CLapack

/// The eigen-decomposition of a symmetric tridiagonal matrix (LAPACK `dstev`): the small
/// problem at the heart of every Lanczos method.
///
/// `values` ascend; `vectors` is row-major `n × n` with eigenvector j in column j, so
/// `vectors[j]` is its first component (the SLQ weight is its square) and
/// `vectors[(n−1)·n + j]` its last (β·|last| is the Ritz residual).
struct TridiagonalEigen {
  let values: [Double]
  let vectors: [Double]
  let n: Int

  /// Decomposes the matrix with `diagonal` (n entries) and `offDiagonal` (n − 1 entries).
  init(diagonal: [Double], offDiagonal: [Double]) throws(LinearAlgebraError) {
    let n = diagonal.count
    precondition(n > 0 && offDiagonal.count == n - 1, "TridiagonalEigen: n − 1 off-diagonal entries needed")
    if let bad = (diagonal + offDiagonal).firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(operation: "tridiagonal eig", row: bad % n, column: bad % n)
    }
    var d = diagonal
    var e = offDiagonal + [0]
    var z = [Double](repeating: 0, count: n * n)
    let info = d.withUnsafeMutableBufferPointer { dp in
      e.withUnsafeMutableBufferPointer { ep in
        z.withUnsafeMutableBufferPointer { zp in
          LAPACKE_dstev(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int32(n), dp.baseAddress, ep.baseAddress, zp.baseAddress,
            Int32(n))
        }
      }
    }
    guard info == 0 else { throw .lapack(routine: "dstev", info: info) }
    values = d
    vectors = z
    self.n = n
  }

  /// The first component of eigenvector j.
  func first(_ j: Int) -> Double { vectors[j] }

  /// The last component of eigenvector j.
  func last(_ j: Int) -> Double { vectors[(n - 1) * n + j] }
}
