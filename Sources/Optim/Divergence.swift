import MathCore

/// Explains a divergence from the curvature at the start: for a quadratic with largest
/// Hessian eigenvalue λmax, gradient descent is stable only for η < 2/λmax, and heavy-ball
/// momentum with factor λ for η < 2(1 + λ)/λmax.
public enum DivergenceHint {
  /// A sentence naming λmax and the stable limit when `optimizer` exceeds it, else nil.
  ///
  /// `hessian` is the exact Hessian at the start point (n × n, symmetric).
  public static func explain(
    optimizer: Optimizer, hessian: Matrix, format: (Double) -> String
  ) -> String? {
    guard hessian.isSquare, hessian.rows > 0, hessian.elements.allSatisfy(\.isFinite) else {
      return nil
    }
    guard let eigen = try? hessian.eigenDecomposition(order: .descending),
      let lambdaMax = eigen.values.elements.first, lambdaMax > 0
    else { return nil }
    let lr = optimizer.learningRate
    let limit: Double
    switch optimizer {
    case .gd: limit = 2 / lambdaMax
    case .momentum(_, let l), .nesterov(_, let l): limit = 2 * (1 + l) / lambdaMax
    case .adam: return nil
    }
    let head = "the largest Hessian eigenvalue at the start is λmax = \(format(lambdaMax))"
    let rule =
      optimizer.name == "gd" ? "2/λmax" : "2(1 + λ)/λmax"
    if lr >= limit {
      return
        "\(head); lr = \(format(lr)) is above the stable limit \(rule) = \(format(limit)): the learning rate is too large for the curvature"
    }
    return
      "\(head) (stable limit \(rule) = \(format(limit))); the curvature grew along the way, try a smaller lr"
  }
}
