/// The one conversion from a computed `Double` to an integer that drawing code uses.
///
/// `Int(x)` traps when `x` is NaN, ±∞ or beyond `Int`'s range, and figures compute doubles
/// from user data (ranges near ±1.8e308, logarithms of 0, quotients by a zero span), so every
/// conversion in Raster and Plot goes through these: NaN has no integer (nil), everything
/// else saturates at ±`Int.saturationLimit`, small enough that sums, differences and products
/// by small counts of two results cannot overflow either.
extension Int {
  /// The magnitude results saturate at: 2⁵³, the largest range of consecutive integers a
  /// `Double` holds exactly.
  public static let saturationLimit = 1 << 53

  /// `value` rounded by `rule` and clamped to ±`saturationLimit`; nil when `value` is NaN.
  /// Inlinable: drawing 10⁶ markers converts 2·10⁶ coordinates, and inlined the rule folds.
  @inlinable
  public init?(saturating value: Double, rounding rule: FloatingPointRoundingRule = .towardZero) {
    guard !value.isNaN else { return nil }
    let limit = Double(Int.saturationLimit)
    self = Int(Swift.min(Swift.max(value.rounded(rule), -limit), limit))
  }

  /// `value` rounded by `rule` and clamped to `bounds`; `nan` when `value` is NaN.
  public init(
    clamping value: Double, to bounds: ClosedRange<Int>, rounding rule: FloatingPointRoundingRule = .towardZero,
    nan: Int
  ) {
    guard let v = Int(saturating: value, rounding: rule) else {
      self = nan
      return
    }
    self = Swift.min(Swift.max(v, bounds.lowerBound), bounds.upperBound)
  }
}

extension Int32 {
  /// `value` rounded by `rule` and clamped to `Int32`'s range; nil when `value` is NaN.
  /// Values inside `Int32` rounded down take a fast path: baseline x86-64 has no rounding
  /// instruction, so `rounded(.down)` is a libm call (a fifth of a 10⁶-marker batch's setup).
  @inlinable
  public init?(saturating value: Double, rounding rule: FloatingPointRoundingRule = .towardZero) {
    if rule == .down, value > -2_147_483_648.0, value < 2_147_483_647.0 {
      let t = Int32(value)  // toward zero; in range, and NaN fails both comparisons
      self = Double(t) > value ? t - 1 : t
      return
    }
    guard let v = Int(saturating: value, rounding: rule) else { return nil }
    self = Int32(clamping: v)
  }
}
