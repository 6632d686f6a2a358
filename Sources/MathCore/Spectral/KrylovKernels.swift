import CLapack

/// The BLAS calls Krylov methods are made of, over row-major blocks of vectors
/// (vector r of a block occupies `r·P ..< (r+1)·P`).
///
/// Design note: a basis is one contiguous array, so projecting onto all of it is one
/// `dgemv` (`h = Q w`) and removing the projection another (`w −= Qᵀ h`); a per-vector loop
/// of dot products would be memory-bound and slower for the m ≈ 100 vectors of a basis.
enum KrylovKernels {
  static func dot(_ x: [Double], _ y: [Double]) -> Double {
    x.withUnsafeBufferPointer { a in
      y.withUnsafeBufferPointer { b in cblas_ddot(Int32(a.count), a.baseAddress, 1, b.baseAddress, 1) }
    }
  }

  static func norm(_ x: [Double]) -> Double {
    x.withUnsafeBufferPointer { a in cblas_dnrm2(Int32(a.count), a.baseAddress, 1) }
  }

  /// `y += alpha · x`.
  static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    x.withUnsafeBufferPointer { a in
      y.withUnsafeMutableBufferPointer { b in cblas_daxpy(Int32(a.count), alpha, a.baseAddress, 1, b.baseAddress, 1) }
    }
  }

  static func scale(_ x: inout [Double], by alpha: Double) {
    x.withUnsafeMutableBufferPointer { a in cblas_dscal(Int32(a.count), alpha, a.baseAddress, 1) }
  }

  /// One classical Gram–Schmidt pass of `w` against the first `rows` vectors of `basis`:
  /// `h = Q w`, `w −= Qᵀ h`; returns h.
  static func project(_ w: inout [Double], against basis: [Double], rows: Int) -> [Double] {
    guard rows > 0 else { return [] }
    let p = w.count
    var h = [Double](repeating: 0, count: rows)
    basis.withUnsafeBufferPointer { q in
      w.withUnsafeMutableBufferPointer { v in
        h.withUnsafeMutableBufferPointer { c in
          cblas_dgemv(
            CblasRowMajor, CblasNoTrans, Int32(rows), Int32(p), 1, q.baseAddress, Int32(p), v.baseAddress, 1, 0,
            c.baseAddress, 1)
          cblas_dgemv(
            CblasRowMajor, CblasTrans, Int32(rows), Int32(p), -1, q.baseAddress, Int32(p), c.baseAddress, 1, 1,
            v.baseAddress, 1)
        }
      }
    }
    return h
  }

  /// `C = A B` for row-major `A` (m × k) and `B` (k × n).
  static func multiply(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    guard m > 0, n > 0, k > 0 else { return c }
    a.withUnsafeBufferPointer { x in
      b.withUnsafeBufferPointer { y in
        c.withUnsafeMutableBufferPointer { z in
          cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, x.baseAddress, Int32(k),
            y.baseAddress, Int32(n), 0, z.baseAddress, Int32(n))
        }
      }
    }
    return c
  }
}
