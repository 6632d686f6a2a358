import MathCore

/// Where and why a formula stops being finite at a point: the innermost failing part, with a
/// cause that names what really happened.
///
/// Design note: the calculus builtins used to call any non-finite power with a negative base
/// "a negative number to a fractional power", so `grad(L, at: [1e308, 1])` for
/// L = (1 − w1·w2)² blamed a fractional power for a square that overflowed. Here a part whose
/// operands are finite but whose value is ±∞ is an overflow (or a division by zero, or log 0),
/// and only a NaN from a negative base with a non-integer exponent is a fractional power.
extension FormulaNode {
  /// The innermost sub-formula that is not finite at `x` although its operands are, and the
  /// reason in words (nil when none can be named).
  public func firstFailure(at x: [Double]) -> (node: FormulaNode, reason: String?)? {
    let children: [FormulaNode]
    switch self {
    case .constant, .parameter: children = []
    case .negate(let a), .function(_, let a): children = [a]
    case .binary(_, let a, let b): children = [a, b]
    }
    for child in children { if let found = child.firstFailure(at: x) { return found } }
    let value = evaluate(x)
    guard !value.isFinite, !children.isEmpty else { return nil }
    return (self, failureReason(value: value, at: x))
  }

  private func failureReason(value: Double, at x: [Double]) -> String? {
    switch self {
    case .function(.log, let a):
      return "log needs a positive number, got \(NumberFormat.plain(a.evaluate(x)))"
    case .function(.sqrt, let a):
      return "sqrt needs a number ≥ 0, got \(NumberFormat.plain(a.evaluate(x)))"
    case .binary(.divide, _, let b) where b.evaluate(x) == 0: return "division by zero"
    case .binary(.power, let a, let b)
    where value.isNaN && a.evaluate(x) < 0 && b.evaluate(x).rounded() != b.evaluate(x):
      return "a negative number to a fractional power"
    case .binary(.power, let a, let b) where value.isInfinite && a.evaluate(x) == 0 && b.evaluate(x) < 0:
      return "zero to a negative power"
    default:
      return value.isInfinite ? "overflow: the result exceeds the largest double, about 1.8e308" : nil
    }
  }
}
