import Foundation
import MathCore

/// A scalar that knows its plain `Double` value, so branches (`relu`, `abs`) and checks
/// (finiteness) can look at it whatever the nesting of duals.
public protocol PrimalScalar: Scalar {
  /// The ordinary number this scalar stands for (all derivative parts dropped).
  var primal: Double { get }
  /// Whether every derivative part is exactly zero (a constant such as the 2 in `x^2`).
  var isConstant: Bool { get }
  /// Whether the value and every derivative part are exactly zero.
  var isExactlyZero: Bool { get }
}

extension Double: PrimalScalar {
  @inlinable public var primal: Double { self }
  @inlinable public var isConstant: Bool { true }
  @inlinable public var isExactlyZero: Bool { self == 0 }
}

/// A forward-mode dual number `value + tangent·ε` with `ε² = 0`.
///
/// Evaluating a formula on `Dual(x, 1)` yields f(x) in `value` and f′(x) in `tangent`,
/// exact to rounding (no finite differences). Nesting, `Dual<Dual<Double>>`, is a
/// hyper-dual number `a + b·ε₁ + c·ε₂ + d·ε₁ε₂`: seeding ε₁ along eᵢ and ε₂ along eⱼ gives
/// ∂²f/∂xᵢ∂xⱼ in `tangent.tangent`, so second derivatives are exact too.
///
/// Design note: a value type of two stored `Base` fields, `@frozen` and `@inlinable`, so a
/// `Dual<Dual<Double>>` is four inline doubles and every operation compiles to a few
/// floating-point instructions with no allocation. Rejected: a tangent *vector* per
/// number (heap storage per operation) and tapes (allocation, and pointless for the
/// few-parameter formulas of the lecture).
@frozen
public struct Dual<Base: PrimalScalar>: PrimalScalar {
  /// The function's value.
  public var value: Base
  /// The directional derivative along the seeded direction.
  public var tangent: Base

  @inlinable
  public init(_ value: Base, _ tangent: Base) {
    self.value = value
    self.tangent = tangent
  }

  /// A constant: zero tangent.
  @inlinable
  public init(_ value: Double) {
    self.value = Base(value)
    self.tangent = Base(0)
  }

  @inlinable public var primal: Double { value.primal }

  /// Applies a function with known value `f` and derivative `df` at `value` (chain rule).
  @inlinable
  func chain(_ f: Base, _ df: Base) -> Dual {
    Dual(f, df * tangent)
  }

  @inlinable
  public static func + (lhs: Dual, rhs: Dual) -> Dual {
    Dual(lhs.value + rhs.value, lhs.tangent + rhs.tangent)
  }

  @inlinable
  public static func - (lhs: Dual, rhs: Dual) -> Dual {
    Dual(lhs.value - rhs.value, lhs.tangent - rhs.tangent)
  }

  @inlinable
  public static func * (lhs: Dual, rhs: Dual) -> Dual {
    Dual(lhs.value * rhs.value, lhs.tangent * rhs.value + lhs.value * rhs.tangent)
  }

  @inlinable
  public static func / (lhs: Dual, rhs: Dual) -> Dual {
    let q = lhs.value / rhs.value
    return Dual(q, (lhs.tangent - q * rhs.tangent) / rhs.value)
  }

  @inlinable
  public static prefix func - (operand: Dual) -> Dual {
    Dual(-operand.value, -operand.tangent)
  }

  /// `base^exponent`. A constant exponent uses the power rule (so negative bases work,
  /// as for `(1 - x)^2`); a varying exponent uses `exp(exponent·log(base))`.
  @inlinable
  public static func pow(_ base: Dual, _ exponent: Dual) -> Dual {
    if exponent.isConstant {
      let p = exponent.value
      let pp = p.primal
      if pp == 0 { return Dual(1) }
      if pp == 1 { return base }
      if pp == 2 { return base * base }
      return base.chain(Base.pow(base.value, p), p * Base.pow(base.value, p - Base(1)))
    }
    return exp(exponent * log(base))
  }

  @inlinable public var isConstant: Bool { tangent.isExactlyZero && value.isConstant }
  @inlinable public var isExactlyZero: Bool { value.isExactlyZero && tangent.isExactlyZero }

  @inlinable public static func exp(_ x: Dual) -> Dual {
    let e = Base.exp(x.value)
    return x.chain(e, e)
  }
  @inlinable public static func log(_ x: Dual) -> Dual {
    x.chain(Base.log(x.value), Base(1) / x.value)
  }
  @inlinable public static func sin(_ x: Dual) -> Dual {
    x.chain(Base.sin(x.value), Base.cos(x.value))
  }
  @inlinable public static func cos(_ x: Dual) -> Dual {
    x.chain(Base.cos(x.value), -Base.sin(x.value))
  }
  @inlinable public static func tan(_ x: Dual) -> Dual {
    let c = Base.cos(x.value)
    return x.chain(Base.tan(x.value), Base(1) / (c * c))
  }
  @inlinable public static func sqrt(_ x: Dual) -> Dual {
    let r = Base.sqrt(x.value)
    return x.chain(r, Base(0.5) / r)
  }
  @inlinable public static func tanh(_ x: Dual) -> Dual {
    let t = Base.tanh(x.value)
    return x.chain(t, Base(1) - t * t)
  }
  /// |x|; the derivative at 0 is taken as 0 (a subgradient).
  @inlinable public static func abs(_ x: Dual) -> Dual {
    let p = x.primal
    return p > 0 ? x : p < 0 ? -x : Dual(Base.abs(x.value), Base(0))
  }
  @inlinable public static func sigmoid(_ x: Dual) -> Dual {
    let s = Base.sigmoid(x.value)
    return x.chain(s, s * (Base(1) - s))
  }
  /// max(x, 0); the derivative at 0 is taken as 0, like `Double.relu`.
  @inlinable public static func relu(_ x: Dual) -> Dual {
    x.primal > 0 ? x : Dual(0)
  }
}
