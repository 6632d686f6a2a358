import MathCore

/// Explains why a run diverged, from its losses and the exact Hessian at the start and along
/// the path.
///
/// Three causes are told apart, each said only when the numbers show it:
/// - the loss fell to −∞ (or fell without bound until it stopped being finite): L is
///   unbounded below along the path, and no learning rate fixes that;
/// - the step overshoots: on a quadratic with largest Hessian eigenvalue λmax, gradient descent
///   is stable only for η < 2/λmax, heavy-ball momentum with factor λ for η < 2(1 + λ)/λmax
///   (equivalently λmax < 2(1 + λ)/η) and Nesterov for η < 2(1 + λ)/((1 + 2λ)λmax) (the limits
///   are in the optimizer table); lr above the limit at the start overshoots from the first step;
/// - the curvature grew: lr was below the limit at the start but above it where the run went
///   (λmax of the Hessian at the last finite point of the path is larger than at the start).
///
/// Adam has no such limit (its steps are about lr per coordinate whatever the curvature), so
/// its message says what the losses did instead.
public enum DivergenceHint {
  /// The sentence for a diverged `run` started at `start`, or nil when it did not diverge.
  ///
  /// `hessian` gives the exact Hessian at a point (n × n, symmetric); a non-finite one is
  /// skipped. Only rows the run recorded with their iterates are looked at along the path.
  public static func explain(
    _ run: Trajectory, start: [Double], hessian: ([Double]) -> Matrix,
    format: @escaping (Double) -> String
  ) -> String? {
    guard case .diverged(let step, _) = run.stop else { return nil }
    let losses = run.losses.filter(\.isFinite)
    if let fall = unboundedBelow(run, losses: losses, format: format) { return fall }
    let optimizer = run.optimizer
    guard let stability = optimizer.kind.spec.stability else {
      return adamText(optimizer, losses: losses, step: step, format: format)
    }
    let atStart = largestEigenvalue(hessian(start))
    let lr = optimizer.learningRate
    let limit = { (lambdaMax: Double) in stability.limit(optimizer.values, lambdaMax) }
    if let l0 = atStart, l0 > 0, lr >= limit(l0) {
      return
        "the step overshoots: lr = \(format(lr)) is above the stable limit \(stability.formula) = "
        + "\(format(limit(l0))) for the largest Hessian eigenvalue at the start, λmax = \(format(l0))"
        + curvatureSide(optimizer, lambdaMax: l0, format: format) + "; try a smaller lr"
    }
    let path = Path(
      atStart: atStart, along: curvatureAlongPath(run, hessian: hessian), lr: lr, rule: stability.formula,
      limit: limit, format: format)
    return path.explanation + rise(losses, step: step, format: format)
  }

  /// A run that did not overshoot at the start: what the curvature did along its path.
  private struct Path {
    let atStart: Double?
    let along: (Double, Int)?
    let lr: Double
    let rule: String
    let limit: (Double) -> Double
    let format: (Double) -> String

    /// The clause on the start: lr below its limit, or no positive curvature to limit it.
    var start: String {
      guard let l0 = atStart else { return "the Hessian at the start is not finite" }
      guard l0 > 0 else { return "the Hessian at the start has no positive curvature (λmax = \(format(l0)))" }
      return
        "lr = \(format(lr)) is below the stable limit \(rule) = \(format(limit(l0))) at the start (λmax = \(format(l0)))"
    }

    /// "the curvature grew: …" only when λmax along the path exceeds λmax at the start and lr
    /// is above the limit there; otherwise what the curvature did, and that it was no overshoot.
    var explanation: String {
      guard let (l1, k) = along else {
        return "\(start); the Hessian along the path is not finite, so whether the curvature grew is unknown; "
      }
      let grew = l1 > (atStart ?? -.infinity)
      if grew, l1 > 0, lr >= limit(l1) {
        let from = atStart.map { "λmax = \(format($0)) at the start" } ?? "no finite Hessian at the start"
        return
          "the curvature grew: \(from), λmax = \(format(l1)) at step \(k), where lr = \(format(lr)) is above "
          + "the stable limit \(rule) = \(format(limit(l1))): the step overshoots there; try a smaller lr; "
      }
      let growth = grew ? "grew to λmax = \(format(l1))" : "did not grow (λmax = \(format(l1)))"
      let there = l1 > 0 ? "where lr is still below its limit" : "with no positive curvature there"
      return "\(start), and the curvature \(growth) at step \(k), \(there): not an overshoot of the quadratic model; "
    }
  }

  /// "the loss rose from a to b before step k", or where it left the doubles.
  private static func rise(_ losses: [Double], step: Int, format: (Double) -> String) -> String {
    guard losses.count >= 2, let first = losses.first, let last = losses.last else {
      return "the loss left the doubles at step \(step)"
    }
    return "the loss rose from \(format(first)) to \(format(last)) before step \(step)"
  }

  /// "the loss went to −∞ …" when the run ended at −∞ or its finite losses fell to the end
  /// below where they started.
  private static func unboundedBelow(_ run: Trajectory, losses: [Double], format: (Double) -> String) -> String? {
    let final = run.losses.last ?? .nan
    let endedAtMinusInfinity = final == -.infinity
    guard let first = losses.first, let last = losses.last else {
      return endedAtMinusInfinity ? "the loss went to −∞: L is unbounded below along this path" : nil
    }
    let falling = losses.count >= 2 && last < first && last <= losses[losses.count - 2]
    guard endedAtMinusInfinity || (falling && final.isNaN && last < 0) else { return nil }
    return
      "the loss went to −∞: L is unbounded below along this path (it fell from \(format(first)) to "
      + "\(format(last)) before leaving the doubles); a smaller lr only slows the fall"
  }

  /// The same limit read as a bound on the curvature: λmax < 2/η for gd, 2(1 + λ)/η for
  /// momentum (the limit is c/λmax, so the bound is c/η, the table's formula with η for λmax).
  private static func curvatureSide(_ optimizer: Optimizer, lambdaMax: Double, format: (Double) -> String) -> String {
    guard let stability = optimizer.kind.spec.stability else { return "" }
    let bound = stability.limit(optimizer.values, optimizer.learningRate)
    let formula = stability.formula.replacing("λmax", with: "η")
    let lambda = optimizer.kind == .gd ? "" : " for λ = \(format(optimizer.values[1]))"
    return " (equivalently, λmax is above \(formula) = \(format(bound))\(lambda))"
  }

  /// Adam's steps are about lr per coordinate whatever the curvature: no λmax limit to cite.
  private static func adamText(_ optimizer: Optimizer, losses: [Double], step: Int, format: (Double) -> String)
    -> String
  {
    let lr = format(optimizer.learningRate)
    return
      "Adam moves each coordinate by about lr = \(lr) per step whatever the curvature (it has no 2/λmax limit); "
      + "\(rise(losses, step: step, format: format)): lr is large for the scale of L here, try a smaller one"
  }

  /// λmax of a finite symmetric matrix, or nil.
  static func largestEigenvalue(_ hessian: Matrix) -> Double? {
    guard hessian.isSquare, hessian.rows > 0, hessian.elements.allSatisfy(\.isFinite) else { return nil }
    guard let eigen = try? hessian.eigenDecomposition(order: .descending),
      let lambdaMax = eigen.values.elements.first, lambdaMax.isFinite
    else { return nil }
    return lambdaMax
  }

  /// λmax at the last recorded iterate whose loss, coordinates and Hessian are finite, with
  /// its step: rows are tried from the end backwards (the last 8, then every 2ᵏ-th), at most
  /// 40 Hessians, since near the overflow the Hessian often leaves the doubles before the loss.
  static func curvatureAlongPath(_ run: Trajectory, hessian: ([Double]) -> Matrix) -> (Double, Int)? {
    let n = run.dimension
    guard n > 0, run.recordedCount > 0, run.points.count == run.recordedCount * n else { return nil }
    let steps = run.iterations
    var (row, back, tries) = (run.recordedCount - 1, 1, 0)
    while row >= 0, tries < 40 {
      let point = Array(run.points[(row * n)..<((row + 1) * n)])
      if run.losses[row].isFinite, point.allSatisfy(\.isFinite) {
        tries += 1
        if let lambdaMax = largestEigenvalue(hessian(point)) { return (lambdaMax, steps[row]) }
      }
      row -= back
      if tries >= 8 { back *= 2 }
    }
    return nil
  }
}
