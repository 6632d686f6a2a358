/// Midpoints, half-widths and distances that do not overflow in between.
///
/// `(lo + hi) / 2` and `hi − lo` overflow for a box such as −1e308...1e308 although the
/// midpoint (0) and half-width (1e308) are ordinary numbers; the forms here halve first
/// when the plain sum would overflow, and distances go through `Vector.norm` (scaled like
/// `dnrm2`). For ordinary inputs they equal the plain formulas bit for bit.
public enum SafeArithmetic {
  /// (a + b) / 2 without overflow.
  public static func midpoint(_ a: Double, _ b: Double) -> Double {
    let sum = a + b
    return sum.isFinite || !a.isFinite || !b.isFinite ? sum / 2 : a / 2 + b / 2
  }

  /// (b − a) / 2 without overflow.
  public static func halfWidth(_ a: Double, _ b: Double) -> Double {
    let difference = b - a
    return difference.isFinite || !a.isFinite || !b.isFinite ? difference / 2 : b / 2 - a / 2
  }

  /// The Euclidean distance ‖a − b‖, without overflow in the differences or their squares.
  /// The halves live in a temporary buffer (on the stack for short vectors): the critical-point
  /// search measures every Newton step with this, and an array per call showed in its profile.
  public static func distance(_ a: [Double], _ b: [Double]) -> Double {
    let count = Swift.min(a.count, b.count)
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { halves in
      for i in 0..<count { halves[i] = halfWidth(b[i], a[i]) }
      return 2 * Vector.norm(of: UnsafeBufferPointer(halves))
    }
  }
}
