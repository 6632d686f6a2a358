import CLapack

/// Matrix products on OpenBLAS (`cblas_dgemm`, `cblas_dgemv`).
///
/// Design note: the product of two 3000×3000 matrices was a triple loop (19 s, deaf to the
/// stop button). `dgemm` does it about 50× faster, but one call cannot be interrupted, so
/// the product is a sum of rank-kb updates over bands of the inner dimension,
/// `C += A[:, k₀..<k₁] · B[k₀..<k₁, :]`, of about `flopsPerBand` flops each, the flag
/// checked between bands. OpenBLAS blocks the inner dimension the same way inside one call
/// (panels of a few hundred, C updated per panel), so bands of at least 128 add almost no
/// work: each element of A and B is still packed once. Rejected: bands of rows of C (every
/// call repacks all of B: for 3000×3000 in 55 bands, 4 GB of extra memory traffic) and
/// threads of our own (OpenBLAS already uses every core).
extension Matrix {
  /// About 50 ms of `dgemm` on a laptop per band.
  public static let flopsPerBand = 1e9

  /// The matrix product (inner dimensions must agree), on `dgemm`.
  public func multiplied(by other: Matrix) -> Matrix {
    do {
      return try multiplied(by: other, cancellation: nil)
    } catch {
      preconditionFailure("a product without a flag cannot be interrupted")
    }
  }

  /// The matrix product, computed in bands of the inner dimension with `cancellation` checked between them
  /// (inner dimensions must agree; the caller checks the result size with `ArraySize`).
  /// `flopsPerBand` sets the band size (∞: one `dgemm` call; the benchmark compares the two).
  public func multiplied(
    by other: Matrix, cancellation: CancellationFlag?, flopsPerBand: Double = Matrix.flopsPerBand
  ) throws(Interrupted) -> Matrix {
    precondition(columns == other.rows, "Matrix product dimension mismatch")
    var out = Matrix(rows: rows, columns: other.columns)
    let (m, k, n) = (rows, columns, other.columns)
    guard m > 0, n > 0, k > 0 else { return out }
    let perSlice = 2 * Double(m) * Double(n)
    let band = Swift.max(128, Int(Swift.min(Double(k), flopsPerBand / perSlice)))
    var start = 0
    while start < k {
      try cancellation?.check()
      let count = Swift.min(band, k - start)
      elements.withUnsafeBufferPointer { a in
        other.elements.withUnsafeBufferPointer { b in
          out.elements.withUnsafeMutableBufferPointer { c in
            cblas_dgemm(
              CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(count), 1,
              a.baseAddress! + start, Int32(k), b.baseAddress! + start * n, Int32(n), start == 0 ? 0 : 1,
              c.baseAddress, Int32(n))
          }
        }
      }
      start += count
    }
    return out
  }

  /// The matrix–vector product A·v (v.count must equal `columns`), on `dgemv`.
  public func multiplied(by v: Vector) -> Vector {
    precondition(columns == v.count, "Matrix-vector dimension mismatch")
    return gemv(v, transposed: false)
  }

  /// The vector–matrix product vᵀA (v.count must equal `rows`), without forming Aᵀ.
  public func leftMultiplied(by v: Vector) -> Vector {
    precondition(rows == v.count, "Vector-matrix dimension mismatch")
    return gemv(v, transposed: true)
  }

  private func gemv(_ v: Vector, transposed: Bool) -> Vector {
    var out = [Double](repeating: 0, count: transposed ? columns : rows)
    guard rows > 0, columns > 0 else { return Vector(out) }
    elements.withUnsafeBufferPointer { a in
      v.elements.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { y in
          cblas_dgemv(
            CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), 1,
            a.baseAddress, Int32(columns), x.baseAddress, 1, 0, y.baseAddress, 1)
        }
      }
    }
    return Vector(out)
  }
}
