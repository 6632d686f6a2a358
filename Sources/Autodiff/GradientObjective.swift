/// A differentiable loss the minimize loop can query: value and exact gradient at a point.
///
/// The loop calls `evaluate` once per step (twice for Nesterov), so implementations keep
/// their scratch space between calls and must not allocate: that is what keeps the hot loop
/// allocation-free. A class, so the scratch space is owned and mutated in place.
public protocol GradientObjective: AnyObject {
  /// The number of parameters n.
  var dimension: Int { get }
  /// Returns L(x) and writes ∇L(x) to `gradient` (n doubles); NaN/∞ where undefined.
  func evaluate(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double
  /// For n ≤ 2: L(x) and ∇L(x) in registers, so the loop's step never goes through memory.
  /// Lanes ≥ n of `x` are ignored and those of the gradient are unspecified. Must give the
  /// same bits as the pointer form; the default goes through it.
  func evaluate(_ x: SIMD2<Double>) -> (value: Double, gradient: SIMD2<Double>)
  /// The same for n ≤ 4.
  func evaluate(_ x: SIMD4<Double>) -> (value: Double, gradient: SIMD4<Double>)
}

extension GradientObjective {
  /// Through the pointer form, via stack copies (for objectives with no faster way).
  public func evaluate(_ x: SIMD2<Double>) -> (value: Double, gradient: SIMD2<Double>) {
    throughBuffers(x)
  }

  /// Through the pointer form, via stack copies (for objectives with no faster way).
  public func evaluate(_ x: SIMD4<Double>) -> (value: Double, gradient: SIMD4<Double>) {
    throughBuffers(x)
  }

  private func throughBuffers<V: SIMD>(_ x: V) -> (value: Double, gradient: V)
  where V.Scalar == Double {
    var point = x
    var gradient = V.zero
    let value = withUnsafeBytes(of: &point) { p in
      withUnsafeMutableBytes(of: &gradient) { g in
        evaluate(
          p.baseAddress!.assumingMemoryBound(to: Double.self),
          gradient: g.baseAddress!.assumingMemoryBound(to: Double.self))
      }
    }
    return (value, gradient)
  }
}

/// Any Autodiff `ScalarFunction` as an objective, by forward-mode duals (one pass per
/// parameter). Allocates per call; the language compiles formulas to a faster tape instead.
public final class DualObjective<F: ScalarFunction>: GradientObjective {
  let function: F
  public var dimension: Int { function.dimension }

  public init(_ function: F) { self.function = function }

  public func evaluate(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>)
    -> Double
  {
    let point = Array(UnsafeBufferPointer(start: x, count: dimension))
    let r = Derivatives.gradient(function, at: point)
    for i in 0..<dimension { gradient[i] = r.gradient[i] }
    return r.value
  }
}
