import MathCore

/// A look beyond the second-order test at a degenerate critical point.
///
/// Where an eigenvalue is zero, ½ vᵀHv says nothing along its eigenvector u, so this
/// probes f(θ′ ± t·u) − f(θ′) for t = 10⁻³, 10⁻², 10⁻¹ (times max(1, ‖θ′‖∞)) along every
/// such u. A decrease on some side rules out a minimum, an increase rules out a maximum;
/// both make the point a degenerate saddle (the monkey saddle x³ − 3xy² along x). It is a
/// probe along straight lines, not a proof: "consistent with" is the strongest claim.
public struct HigherOrderProbe: Sendable, Equatable {
  public enum Verdict: String, Sendable {
    /// f both rises and falls near the point: neither a minimum nor a maximum.
    case saddle = "degenerate saddle"
    /// f never fell below f(θ′) along the probes (and the other eigenvalues are ≥ 0).
    case consistentWithMinimum = "consistent with a minimum"
    /// f never rose above f(θ′) along the probes (and the other eigenvalues are ≤ 0).
    case consistentWithMaximum = "consistent with a maximum"
    /// f did not change measurably along the probes (flat to rounding).
    case flat = "flat along the probed directions"
  }

  public var verdict: Verdict
  /// The largest decrease and increase seen, f(θ′ ± tu) − f(θ′).
  public var largestDecrease: Double
  public var largestIncrease: Double

  @inlinable
  public init(verdict: Verdict, largestDecrease: Double, largestIncrease: Double) {
    self.verdict = verdict
    self.largestDecrease = largestDecrease
    self.largestIncrease = largestIncrease
  }
}

extension PointAnalysis {
  /// Probes the zero-eigenvalue directions; nil unless the point is degenerate.
  @inlinable
  public func probeFlatDirections<F: ScalarFunction>(_ f: F) -> HigherOrderProbe? {
    guard kind == .degenerate else { return nil }
    let n = point.count
    let scale = Swift.max(1, point.map { Swift.abs($0) }.max() ?? 0)
    let noise = 1e-13 * Swift.max(1, Swift.abs(value))
    var down = 0.0
    var up = 0.0
    for k in 0..<n where Swift.abs(eigenvalues[k]) <= eigenvalueTolerance {
      for t in [1e-3, 1e-2, 1e-1] {
        for sign in [-1.0, 1.0] {
          let trial = (0..<n).map { point[$0] + sign * t * scale * eigenvectors[$0, k] }
          let change = f.evaluate(trial) - value
          if change.isFinite {
            down = Swift.min(down, change)
            up = Swift.max(up, change)
          }
        }
      }
    }
    return HigherOrderProbe(
      verdict: probeVerdict(down: down, up: up, noise: noise), largestDecrease: down,
      largestIncrease: up)
  }

  @usableFromInline
  func probeVerdict(down: Double, up: Double, noise: Double) -> HigherOrderProbe.Verdict {
    let falls = down < -noise || negativeCount > 0
    let rises = up > noise || positiveCount > 0
    switch (falls, rises) {
    case (true, true): return .saddle
    case (false, true): return .consistentWithMinimum
    case (true, false): return .consistentWithMaximum
    default: return .flat
    }
  }
}
