import MathCore

/// One step from a saddle along the eigenvector of the Hessian's most negative eigenvalue.
///
/// The lecture's argument: at a critical point θ′, L(θ′ + ηu) ≈ L(θ′) + ½λη² for a unit
/// eigenvector u with eigenvalue λ, so a negative λ gives a direction in which the loss
/// goes down even though the gradient is zero.
public struct SaddleEscape: Sendable {
  public var analysis: PointAnalysis
  /// The unit direction taken (±u, whichever gives the lower loss), nil without a negative eigenvalue.
  public var direction: [Double]?
  /// The most negative eigenvalue λ, if negative.
  public var eigenvalue: Double?
  public var step: Double
  /// θ′ + η·direction (θ′ itself when there is no direction).
  public var destination: [Double]
  public var lossBefore: Double
  public var lossAfter: Double
  /// The quadratic model's prediction L(θ′) + η(gᵀu) + ½λη².
  public var predictedLoss: Double?

  /// The step not yet taken: from `analysis` at `point`, no direction, losses equal.
  @usableFromInline
  init(analysis: PointAnalysis, step: Double, point: [Double]) {
    self.analysis = analysis
    self.step = step
    self.destination = point
    self.lossBefore = analysis.value
    self.lossAfter = analysis.value
  }

  /// Takes the step of length `step` from `point`. `@inlinable` like the other generic entry
  /// points, so `f` is evaluated specialised for the caller's function type.
  @inlinable
  public static func escape<F: ScalarFunction>(_ f: F, from point: [Double], step: Double)
    throws(CalculusError)
    -> SaddleEscape
  {
    let a = try PointAnalysis.analyze(f, at: point)
    var result = SaddleEscape(analysis: a, step: step, point: point)
    guard let u = a.escapeDirection, let lambda = a.eigenvalues.first else { return result }
    let plus = zip(point, u).map { $0 + step * $1 }
    let minus = zip(point, u).map { $0 - step * $1 }
    let lossPlus = f.evaluate(plus)
    let lossMinus = f.evaluate(minus)
    let usePlus = !(lossMinus < lossPlus)
    let direction = usePlus ? u : u.map { -$0 }
    result.direction = direction
    result.eigenvalue = lambda
    result.destination = usePlus ? plus : minus
    result.lossAfter = usePlus ? lossPlus : lossMinus
    let slope = zip(a.gradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
    result.predictedLoss = a.value + step * slope + 0.5 * lambda * step * step
    return result
  }
}
