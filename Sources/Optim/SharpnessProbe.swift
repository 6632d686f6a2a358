/// λmax of the loss's Hessian read during a run every `every` steps (`sharpness_every: k`),
/// so a run shows how the curvature it meets compares with the optimizer's stable limit
/// (`Optimizer.sharpnessLimit`: 2/η for gd).
///
/// Why the caller measures: the loop knows θ but not the loss's second derivatives; the caller
/// does (a formula's exact Hessian), so it hands the loop a closure. The loop calls it only on
/// the steps it reads (a compare per step otherwise), so a run without a probe is unchanged.
public struct SharpnessProbe {
  /// Steps between readings (≥ 1); the first reading is at step 0.
  public let every: Int
  /// λmax of the loss's Hessian at θ (NaN when it cannot be computed there).
  public let lambdaMax: ([Double]) -> Double

  /// - Precondition: `every >= 1` (callers check user input first).
  public init(every: Int, lambdaMax: @escaping ([Double]) -> Double) {
    precondition(every >= 1, "sharpness is read every k ≥ 1 steps")
    (self.every, self.lambdaMax) = (every, lambdaMax)
  }
}

extension Optimizer {
  /// The largest λmax at which this optimizer is stable on a quadratic, c/η (2/η for gd,
  /// 2(1 + λ)/η for heavy-ball momentum and Nesterov), with its formula; nil when the table
  /// knows no limit (Adam). The same limit as the divergence hint's η < c/λmax, solved for λmax.
  public var sharpnessLimit: (value: Double, formula: String)? {
    guard let stability = kind.spec.stability else { return nil }
    return (stability.constant(values) / learningRate, "\(stability.numerator)/η")
  }
}
