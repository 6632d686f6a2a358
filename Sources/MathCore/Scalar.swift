import Foundation

/// A number type that formulas can be evaluated over.
///
/// `Double` conforms here and Autodiff's forward-mode dual numbers (`Dual`, `Dual<Dual>`:
/// exact gradients and Hessians) conform above it, so one formula tree yields values and
/// derivatives from the same code. Every function is elementwise and
/// follows IEEE-754 semantics for `Double` (NaN and ∞ are values, never traps).
public protocol Scalar: Sendable {
  /// Lifts a constant into the scalar type.
  init(_ value: Double)
  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  static prefix func - (operand: Self) -> Self
  /// `base` raised to `exponent`.
  static func pow(_ base: Self, _ exponent: Self) -> Self
  static func exp(_ x: Self) -> Self
  /// Natural logarithm.
  static func log(_ x: Self) -> Self
  static func sin(_ x: Self) -> Self
  static func cos(_ x: Self) -> Self
  static func tan(_ x: Self) -> Self
  static func sqrt(_ x: Self) -> Self
  static func tanh(_ x: Self) -> Self
  static func abs(_ x: Self) -> Self
  /// The logistic function 1 / (1 + e^−x).
  static func sigmoid(_ x: Self) -> Self
  /// max(x, 0); the derivative at 0 is taken as 0.
  static func relu(_ x: Self) -> Self
}

extension Scalar {
  /// Default logistic function built from `exp`, valid for any conforming type.
  public static func sigmoid(_ x: Self) -> Self {
    Self(1) / (Self(1) + exp(-x))
  }
}

extension Double: Scalar {
  /// Integer exponents use repeated multiplication so `(-2)^3` is exact and negative bases work.
  public static func pow(_ base: Double, _ exponent: Double) -> Double {
    if exponent == 2 { return base * base }
    return Foundation.pow(base, exponent)
  }
  public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
  public static func log(_ x: Double) -> Double { Foundation.log(x) }
  public static func sin(_ x: Double) -> Double { Foundation.sin(x) }
  public static func cos(_ x: Double) -> Double { Foundation.cos(x) }
  public static func tan(_ x: Double) -> Double { Foundation.tan(x) }
  public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
  public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
  public static func abs(_ x: Double) -> Double { Swift.abs(x) }
  /// Numerically stable logistic function (no overflow for large |x|).
  public static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
  }
  public static func relu(_ x: Double) -> Double { x > 0 ? x : 0 }
}
