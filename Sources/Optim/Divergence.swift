import MathCore

/// Explains a divergence from the curvature at the start: for a quadratic with largest
/// Hessian eigenvalue λmax, gradient descent is stable only for η < 2/λmax, and heavy-ball
/// momentum with factor λ for η < 2(1 + λ)/λmax (the limits are in the optimizer table).
public enum DivergenceHint {
  /// A sentence naming λmax and the stable limit when `optimizer` exceeds it, else nil.
  ///
  /// `hessian` is the exact Hessian at the start point (n × n, symmetric).
  public static func explain(
    optimizer: Optimizer, hessian: Matrix, format: (Double) -> String
  ) -> String? {
    guard let stability = optimizer.kind.spec.stability else { return nil }
    guard hessian.isSquare, hessian.rows > 0, hessian.elements.allSatisfy(\.isFinite) else {
      return nil
    }
    guard let eigen = try? hessian.eigenDecomposition(order: .descending),
      let lambdaMax = eigen.values.elements.first, lambdaMax > 0
    else { return nil }
    let lr = optimizer.learningRate
    let limit = stability.limit(optimizer.values, lambdaMax)
    let head = "the largest Hessian eigenvalue at the start is λmax = \(format(lambdaMax))"
    let rule = stability.formula
    if lr >= limit {
      return
        "\(head); lr = \(format(lr)) is above the stable limit \(rule) = \(format(limit)): the learning rate is too large for the curvature"
    }
    return
      "\(head) (stable limit \(rule) = \(format(limit))); the curvature grew along the way, try a smaller lr"
  }
}
