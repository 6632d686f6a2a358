/// The signs of a spectrum counted with a tolerance: how many eigenvalues are positive,
/// negative and zero, and the lecture's minimum ratio (positive / all).
///
/// An eigenvalue with |λ| ≤ `tolerance` is counted as zero, neither positive nor negative:
/// rounding leaves exact zeros of a Hessian (symmetries of a network, flat directions) at
/// about 1e-16·‖H‖ with either sign, and counting those as curvature would make a minimum
/// look like a saddle. The tolerance is absolute, in the eigenvalues' units.
public struct EigenvalueCounts: Sendable, Equatable {
  public let positive: Int
  public let negative: Int
  public let zero: Int
  public let tolerance: Double

  /// Counts `values` with the zero band |λ| ≤ `tolerance`.
  ///
  /// - Throws: `SpectralMethodError.invalidParameter` when `tolerance` is not a finite
  ///   number above 0 (an exact-zero test would count rounding as curvature), or a value is
  ///   not finite.
  public init(values: [Double], tolerance: Double) throws(SpectralMethodError) {
    guard tolerance.isFinite, tolerance > 0 else {
      throw .invalidParameter(name: "tol", value: "\(tolerance)", requirement: "a finite number above 0")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw .invalidParameter(name: "eigenvalue \(bad)", value: "\(values[bad])", requirement: "finite eigenvalues")
    }
    positive = values.filter { $0 > tolerance }.count
    negative = values.filter { $0 < -tolerance }.count
    zero = values.count - positive - negative
    self.tolerance = tolerance
  }

  /// Positive eigenvalues over all of them (NaN for an empty spectrum): 1 at a strict local
  /// minimum, 0 at a strict local maximum, in between at a saddle.
  public var minimumRatio: Double {
    let total = positive + negative + zero
    return total == 0 ? .nan : Double(positive) / Double(total)
  }
}
