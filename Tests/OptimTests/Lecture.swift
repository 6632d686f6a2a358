import Autodiff
import MathCore

@testable import Optim

/// The lecture's loss L(w1, w2) = (1 − w1·w2)², generic so forward mode can differentiate it.
struct LectureLoss: ScalarFunction {
  var dimension: Int { 2 }
  func evaluate<S: Scalar>(_ x: [S]) -> S {
    let r = S(1) - x[0] * x[1]
    return r * r
  }
}

/// A diagonal quadratic ½ Σ cᵢ xᵢ², whose Hessian is diag(c).
struct Quadratic: ScalarFunction {
  let curvatures: [Double]
  var dimension: Int { curvatures.count }
  func evaluate<S: Scalar>(_ x: [S]) -> S {
    var s = S(0)
    for (i, c) in curvatures.enumerated() { s = s + S(0.5 * c) * x[i] * x[i] }
    return s
  }
}

/// An exact rational "p/q" from the ground truth as the nearest doubles' quotient.
func rational(_ text: String) -> Double {
  let parts = text.split(separator: "/")
  return Double(String(parts[0]))! / (parts.count > 1 ? Double(String(parts[1]))! : 1)
}

/// Row i of a trajectory's points.
func row(_ run: Trajectory, _ i: Int) -> [Double] {
  Array(run.points[(i * run.dimension)..<((i + 1) * run.dimension)])
}
