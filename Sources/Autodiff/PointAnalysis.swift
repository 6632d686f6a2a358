import MathCore

/// What the second-order test says about a point.
public enum PointKind: String, Sendable, CaseIterable {
  case notCritical = "not a critical point"
  case localMinimum = "local minimum"
  case localMaximum = "local maximum"
  case saddle = "saddle point"
  /// A zero Hessian eigenvalue: the second-order test is inconclusive.
  case degenerate
}

/// Why a point cannot be analysed.
public enum CalculusError: Error, Sendable, Equatable {
  /// f, its gradient or its Hessian is NaN or ∞ at `point` (log of a negative number, 0/0, …).
  case undefined(point: [Double], value: Double)
  /// The eigen-decomposition failed (only for non-finite input, which is checked first).
  case linearAlgebra(LinearAlgebraError)
}

/// Gradient, Hessian and eigen-decomposition at a point, and the verdict of the
/// second-order test (the lecture's argument: at a critical point L(θ) ≈ L(θ′) + ½ vᵀHv
/// with v = θ − θ′, and the signs of H's eigenvalues decide the sign of vᵀHv).
public struct PointAnalysis: Sendable {
  public var point: [Double]
  public var value: Double
  public var gradient: [Double]
  public var hessian: Matrix
  /// Ascending.
  public var eigenvalues: [Double]
  /// Column i is the unit eigenvector of `eigenvalues[i]`, first clearly non-zero entry positive.
  public var eigenvectors: Matrix
  public var kind: PointKind
  /// ‖g‖ must be at most this for a critical point: 1e-8 · max(1, ‖H‖₂ · max(1, ‖x‖∞)).
  public var gradientTolerance: Double
  /// |λ| at most this counts as zero: 1e-8 · max(1, max |λ|).
  public var eigenvalueTolerance: Double

  public var gradientNorm: Double { Vector(gradient).norm }
  public var positiveCount: Int { eigenvalues.filter { $0 > eigenvalueTolerance }.count }
  public var negativeCount: Int { eigenvalues.filter { $0 < -eigenvalueTolerance }.count }
  public var zeroCount: Int { eigenvalues.count - positiveCount - negativeCount }
  /// The lecture's minimum ratio: the fraction of positive eigenvalues.
  public var minimumRatio: Double {
    eigenvalues.isEmpty ? 0 : Double(positiveCount) / Double(eigenvalues.count)
  }

  /// The unit eigenvector of the most negative eigenvalue, if one is clearly negative.
  public var escapeDirection: [Double]? {
    guard let first = eigenvalues.first, first < -eigenvalueTolerance else { return nil }
    return eigenvectors.column(0).elements
  }

  /// Analyses `f` at `x`: value, exact gradient and Hessian, eigen-decomposition, verdict.
  @inlinable
  public static func analyze<F: ScalarFunction>(_ f: F, at x: [Double]) throws(CalculusError)
    -> PointAnalysis
  {
    try PointAnalysis(Derivatives.hessian(f, at: x), at: x)
  }

  /// The analysis from already computed derivatives `d` at `x`.
  public init(_ d: SecondOrder, at x: [Double]) throws(CalculusError) {
    try Self.checkFinite(d, at: x)
    let n = x.count
    let eigen: (values: Vector, vectors: Matrix)
    do {
      eigen = try Matrix(rows: n, columns: n, elements: d.hessian).eigenDecomposition(
        order: .ascending)
    } catch {
      throw .linearAlgebra(error)
    }
    let spectral = eigen.values.elements.map { Swift.abs($0) }.max() ?? 0
    let scale = Swift.max(1, x.map { Swift.abs($0) }.max() ?? 0)
    point = x
    value = d.value
    gradient = d.gradient
    hessian = d.hessianMatrix
    eigenvalues = eigen.values.elements
    eigenvectors = eigen.vectors
    kind = .notCritical
    gradientTolerance = 1e-8 * Swift.max(1, spectral * scale)
    eigenvalueTolerance = 1e-8 * Swift.max(1, spectral)
    kind = verdict()
  }

  /// The second-order test: gradient first, then the signs of the eigenvalues.
  private func verdict() -> PointKind {
    if gradientNorm > gradientTolerance { return .notCritical }
    if zeroCount > 0 { return .degenerate }
    if negativeCount == 0 { return .localMinimum }
    if positiveCount == 0 { return .localMaximum }
    return .saddle
  }

  static func checkFinite(_ d: SecondOrder, at x: [Double]) throws(CalculusError) {
    if !d.value.isFinite { throw .undefined(point: x, value: d.value) }
    if let bad = (d.gradient + d.hessian).first(where: { !$0.isFinite }) {
      throw .undefined(point: x, value: bad)
    }
  }
}
