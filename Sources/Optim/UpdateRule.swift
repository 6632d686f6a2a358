/// The arithmetic an update rule needs from a lane: one coordinate (`ScalarLane`) or a SIMD
/// vector of coordinates (`SIMD2<Double>`, `SIMD4<Double>` in the register loop).
///
/// Design note: each optimizer's rule is written once, in `UpdateRule`, generic over this
/// protocol, and every driver (the register loop, the buffer loop and `OptimizerState` for
/// Float and Double) calls it; specialised and inlined, it compiles to the same instructions a
/// hand-written loop would. The operations are the exact IEEE ones (no fused multiply-add, no
/// reassociation), so a run does the same operations in the same order whichever driver runs
/// it, and their runs are bit-for-bit identical. Rejected: a copy of each rule per driver
/// (four places to keep in step), and the rule as a closure or protocol existential (a call per
/// coordinate that blocks vectorisation).
@usableFromInline
protocol UpdateLane {
  /// The type of hyper-parameters multiplying a lane (the lane's scalar type).
  associatedtype Coefficient: BinaryFloatingPoint
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (a: Self, b: Self) -> Self
  static func / (a: Self, b: Self) -> Self
  static func * (a: Coefficient, b: Self) -> Self
  static func / (a: Self, b: Coefficient) -> Self
  static func + (a: Self, b: Coefficient) -> Self
  func squareRoot() -> Self
}

/// One coordinate of any binary floating-point type as a lane (a wrapper that inlining
/// removes), so `OptimizerState<Element>` needs no constraint beyond `BinaryFloatingPoint`.
@frozen @usableFromInline
struct ScalarLane<T: BinaryFloatingPoint>: UpdateLane {
  @usableFromInline typealias Coefficient = T
  @usableFromInline var x: T

  @inlinable @inline(__always)
  init(_ x: T) { self.x = x }

  @inlinable @inline(__always)
  static func + (a: Self, b: Self) -> Self { Self(a.x + b.x) }
  @inlinable @inline(__always)
  static func - (a: Self, b: Self) -> Self { Self(a.x - b.x) }
  @inlinable @inline(__always)
  static func * (a: Self, b: Self) -> Self { Self(a.x * b.x) }
  @inlinable @inline(__always)
  static func / (a: Self, b: Self) -> Self { Self(a.x / b.x) }
  @inlinable @inline(__always)
  static func * (a: T, b: Self) -> Self { Self(a * b.x) }
  @inlinable @inline(__always)
  static func / (a: Self, b: T) -> Self { Self(a.x / b) }
  @inlinable @inline(__always)
  static func + (a: Self, b: T) -> Self { Self(a.x + b) }
  @inlinable @inline(__always)
  func squareRoot() -> Self { Self(x.squareRoot()) }
}

extension SIMD2: UpdateLane where Scalar: BinaryFloatingPoint {
  @usableFromInline typealias Coefficient = Scalar
}

extension SIMD4: UpdateLane where Scalar: BinaryFloatingPoint {
  @usableFromInline typealias Coefficient = Scalar
}

/// The update rules, each written once, per lane: given the gradient g (with noise, at the
/// look-ahead point for Nesterov) and the optimizer's state, the move θⁱ⁺¹ − θⁱ.
///
/// Coefficients that depend on the step but not on the coordinate (Adam's 1 − βᵗ) are
/// computed once per step by the caller (`StepCoefficients`).
@usableFromInline
enum UpdateRule {
  /// Gradient descent: move = −η g.
  @inlinable @inline(__always)
  static func gd<L: UpdateLane>(_ g: L, lr: L.Coefficient) -> L {
    -lr * g
  }

  /// Heavy-ball momentum (and Nesterov's update after its look-ahead gradient):
  /// m ← λm − ηg, move = m.
  @inlinable @inline(__always)
  static func momentum<L: UpdateLane>(
    _ g: L, m: inout L, lr: L.Coefficient, lambda: L.Coefficient
  ) -> L {
    m = lambda * m - lr * g
    return m
  }

  /// Nesterov's look-ahead point θ + λm, where its gradient is taken.
  @inlinable @inline(__always)
  static func lookAhead<L: UpdateLane>(_ theta: L, m: L, lambda: L.Coefficient) -> L {
    theta + lambda * m
  }

  /// Adam: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², move = −η m̂ / (√v̂ + ε) with
  /// m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ) (`correction1`, `correction2`).
  @inlinable @inline(__always)
  static func adam<L: UpdateLane>(
    _ g: L, m: inout L, v: inout L, _ c: AdamCoefficients<L.Coefficient>
  ) -> L {
    m = c.beta1 * m + c.oneMinusBeta1 * g
    v = c.beta2 * v + c.oneMinusBeta2 * g * g
    let mHat = m / c.correction1
    let vHat = v / c.correction2
    return -c.lr * mHat / (vHat.squareRoot() + c.epsilon)
  }
}

/// Adam's hyper-parameters and the bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ of step t, given in
/// Double and converted to the lane's type once per step.
///
/// 1 − β is taken in Double before the conversion: in Float, 1 − Float(0.999) is off by
/// 5·10⁻⁵ relative, which would bias every Float step; for Double nothing changes.
@frozen @usableFromInline
struct AdamCoefficients<C: BinaryFloatingPoint> {
  @usableFromInline let lr, beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon: C
  @usableFromInline let correction1, correction2: C

  /// β₁ᵗ and β₂ᵗ are `beta1Power`, `beta2Power`.
  @inlinable @inline(__always)
  init(
    lr: Double, beta1: Double, beta2: Double, epsilon: Double, beta1Power: Double,
    beta2Power: Double
  ) {
    (self.lr, self.beta1, self.beta2, self.epsilon) = (C(lr), C(beta1), C(beta2), C(epsilon))
    (oneMinusBeta1, oneMinusBeta2) = (C(1 - beta1), C(1 - beta2))
    (correction1, correction2) = (C(1 - beta1Power), C(1 - beta2Power))
  }
}
