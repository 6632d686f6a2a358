import MathCore

/// A scalar function of n parameters that can be evaluated over any `Scalar`.
///
/// Generic evaluation is what makes forward mode work: the same code runs on `Double`
/// (values), `Dual<Double>` (gradients) and `Dual<Dual<Double>>` (Hessians).
public protocol ScalarFunction: Sendable {
  /// The number of parameters n.
  var dimension: Int { get }
  /// f(x); `x.count == dimension`.
  func evaluate<S: Scalar>(_ x: [S]) -> S
}

/// A vector-valued function Rⁿ → Rᵐ that can be evaluated over any `Scalar`.
public protocol VectorFunction: Sendable {
  var dimension: Int { get }
  var outputCount: Int { get }
  /// f(x) with `outputCount` components.
  func evaluate<S: Scalar>(_ x: [S]) -> [S]
}

/// Value, gradient and Hessian of a scalar function at one point.
public struct SecondOrder: Sendable, Equatable {
  public var value: Double
  public var gradient: [Double]
  /// Row-major n × n, exactly symmetric (the upper triangle is computed and mirrored).
  public var hessian: [Double]

  @inlinable
  public init(value: Double, gradient: [Double], hessian: [Double]) {
    self.value = value
    self.gradient = gradient
    self.hessian = hessian
  }

  /// The Hessian as a matrix.
  public var hessianMatrix: Matrix {
    Matrix(rows: gradient.count, columns: gradient.count, elements: hessian)
  }
}

/// Forward-mode derivatives of `ScalarFunction`s: exact to rounding, no finite differences.
public enum Derivatives {
  /// f(x) and ∇f(x), one dual pass per parameter (n passes, no allocation per operation).
  @inlinable
  public static func gradient<F: ScalarFunction>(_ f: F, at x: [Double]) -> (
    value: Double, gradient: [Double]
  ) {
    precondition(x.count == f.dimension, "point has the wrong dimension")
    var args = x.map { Dual<Double>($0, 0) }
    var g = [Double](repeating: 0, count: x.count)
    var value = x.isEmpty ? f.evaluate(x) : 0
    for i in x.indices {
      args[i].tangent = 1
      let r = f.evaluate(args)
      args[i].tangent = 0
      g[i] = r.tangent
      value = r.value
    }
    return (value, g)
  }

  /// f(x), ∇f(x) and the Hessian ∇²f(x), by hyper-dual passes over the upper triangle.
  ///
  /// Pass (i, j), i ≤ j, seeds ε₁ along eᵢ and ε₂ along eⱼ; its ε₁ε₂ part is Hᵢⱼ, and the
  /// diagonal passes also give ∂f/∂xᵢ. n(n+1)/2 passes; Hⱼᵢ is copied from Hᵢⱼ so the result
  /// is exactly symmetric.
  @inlinable
  public static func hessian<F: ScalarFunction>(_ f: F, at x: [Double]) -> SecondOrder {
    precondition(x.count == f.dimension, "point has the wrong dimension")
    let n = x.count
    typealias D2 = Dual<Dual<Double>>
    var args = x.map { D2(Dual($0, 0), Dual(0, 0)) }
    var g = [Double](repeating: 0, count: n)
    var h = [Double](repeating: 0, count: n * n)
    var value = n == 0 ? f.evaluate(x) : 0
    for i in 0..<n {
      args[i].value.tangent = 1
      for j in i..<n {
        args[j].tangent.value = 1
        let r = f.evaluate(args)
        args[j].tangent.value = 0
        h[i * n + j] = r.tangent.tangent
        h[j * n + i] = r.tangent.tangent
        if i == j {
          g[i] = r.value.tangent
          value = r.value.value
        }
      }
      args[i].value.tangent = 0
    }
    return SecondOrder(value: value, gradient: g, hessian: h)
  }

  /// The m × n Jacobian (row-major) of a vector function, one dual pass per parameter.
  @inlinable
  public static func jacobian<F: VectorFunction>(_ f: F, at x: [Double]) -> (
    value: [Double], jacobian: [Double]
  ) {
    precondition(x.count == f.dimension, "point has the wrong dimension")
    let n = x.count
    let m = f.outputCount
    var args = x.map { Dual<Double>($0, 0) }
    var jac = [Double](repeating: 0, count: m * n)
    var value = n == 0 ? f.evaluate(x) : []
    for i in 0..<n {
      args[i].tangent = 1
      let r = f.evaluate(args)
      args[i].tangent = 0
      for k in 0..<m { jac[k * n + i] = r[k].tangent }
      value = r.map(\.value)
    }
    return (value, jac)
  }
}
