import CLapack
import Foundation
import MathCore

/// The floating-point types networks compute in: `Float` for training (like torch), `Double`
/// where exactness matters (gradient checks, Hessians). Each brings its BLAS matrix product
/// and the few elementary functions the layers need, so the forward and backward passes are
/// written once, generic over this protocol, and specialise to `sgemm` or `dgemm`.
public protocol NetScalar: BinaryFloatingPoint, Sendable where RawSignificand: FixedWidthInteger {
  /// C ← α·op(A)·op(B) + β·C on row-major storage (cblas `?gemm`); op transposes when asked.
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
  /// y ← α·op(A)·x + β·y on row-major A (m × n) (cblas `?gemv`): the one-row case of `gemm`,
  /// without the packing of A that makes `gemm` slow for a single example.
  static func gemv(
    transpose: Bool, m: Int, n: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int, x: UnsafePointer<Self>,
    beta: Self, y: UnsafeMutablePointer<Self>)
  /// Σxᵢ² over `count` numbers (cblas `?dot` of x with itself): NaN or ∞ when any xᵢ is (or
  /// when |x| is beyond ~1e19 in Float, itself a blow-up), so one call tells whether a
  /// gradient is usable. Rejected: `?asum`, three times slower in OpenBLAS 0.3.21.
  static func squaredNorm(_ x: UnsafePointer<Self>, count: Int) -> Self
  static func exp(_ x: Self) -> Self
  static func log(_ x: Self) -> Self
  static func log1p(_ x: Self) -> Self
  static func tanh(_ x: Self) -> Self
}

extension Float: NetScalar {
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
  public static func gemv(
    transpose: Bool, m: Int, n: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
    beta: Float, y: UnsafeMutablePointer<Float>
  ) {
    cblas_sgemv(
      CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
  }
  public static func squaredNorm(_ x: UnsafePointer<Float>, count: Int) -> Float {
    cblas_sdot(Int32(count), x, 1, x, 1)
  }
  public static func exp(_ x: Float) -> Float { Foundation.expf(x) }
  public static func log(_ x: Float) -> Float { Foundation.logf(x) }
  public static func log1p(_ x: Float) -> Float { Foundation.log1pf(x) }
  public static func tanh(_ x: Float) -> Float { Foundation.tanhf(x) }
}

extension Double: NetScalar {
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
  public static func gemv(
    transpose: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int, x: UnsafePointer<Double>,
    beta: Double, y: UnsafeMutablePointer<Double>
  ) {
    cblas_dgemv(
      CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
  }
  public static func squaredNorm(_ x: UnsafePointer<Double>, count: Int) -> Double {
    cblas_ddot(Int32(count), x, 1, x, 1)
  }
  public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
}
