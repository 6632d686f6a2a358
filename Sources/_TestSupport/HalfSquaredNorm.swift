import Autodiff

/// ½‖θ‖² for any n, straight over the buffers (forward mode would take n passes): the cheapest
/// objective with a known gradient (θ itself), for tests that need many parameters.
public final class HalfSquaredNorm: GradientObjective {
  public let dimension: Int
  public init(dimension: Int) { self.dimension = dimension }
  public func evaluate(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
    var s = 0.0
    for i in 0..<dimension {
      gradient[i] = x[i]
      s += 0.5 * x[i] * x[i]
    }
    return s
  }
}
