import MathCore
import Testing

/// Midpoints, half-widths and distances of boxes near the largest double (issue 11, item 12).
@Test func midpointsAndWidthsOfHugeBoxesStayFinite() {
  let m = Double.greatestFiniteMagnitude
  #expect(SafeArithmetic.midpoint(-m, m) == 0)
  #expect(SafeArithmetic.midpoint(m, m) == m)
  #expect(SafeArithmetic.halfWidth(-m, m) == m)
  #expect(SafeArithmetic.midpoint(1, 2) == 1.5)
  #expect(SafeArithmetic.halfWidth(-2, 2) == 2)
  // A distance beyond the largest double is ∞ (it overflows for real), not NaN.
  #expect(SafeArithmetic.distance([-1e308, 0], [1e308, 0]) == .infinity)
  #expect(SafeArithmetic.distance([-8e307, 0], [8e307, 0]) == 1.6e308)
  #expect(SafeArithmetic.distance([0, 0], [3, 4]) == 5)
}
