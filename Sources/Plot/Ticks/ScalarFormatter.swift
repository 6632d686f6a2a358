import Foundation
import Raster

/// matplotlib's default linear tick formatter (`ScalarFormatter` with offsets on, offset
/// threshold 4, power limits (−5, 6), Unicode minus, no mathtext), reimplemented.
///
/// For a set of tick values it picks an additive offset (when ticks share ≥ 4 leading
/// digits), an order of magnitude (when values are ≥ 10⁶ or ≤ 10⁻⁵) and the fewest
/// decimals that still tell the ticks apart; labels then show (x − offset)/10^oom.
struct ScalarFormatter {
  static let offsetThreshold = 4
  static let powerLimits = (-5, 6)

  private(set) var offset = 0.0
  private(set) var orderOfMagnitude = 0
  private(set) var decimals = 0

  /// Prepares formatting for `locs` on an axis viewing [vmin, vmax].
  /// Non-finite locations (ticks past the largest double) are ignored.
  init(locs all: [Double], vmin: Double, vmax: Double) {
    let locs = all.filter(\.isFinite)
    let (lo, hi) = vmin <= vmax ? (vmin, vmax) : (vmax, vmin)
    let visible = locs.filter { lo <= $0 && $0 <= hi }
    guard !locs.isEmpty else { return }
    offset = Self.offset(visible)
    orderOfMagnitude = Self.orderOfMagnitude(visible, offset: offset, lo: lo, hi: hi)
    decimals = Self.decimals(locs, offset: offset, oom: orderOfMagnitude, view: (vmin, vmax))
  }

  /// The label of tick value `x`.
  func label(_ x: Double) -> String {
    var xp = (x - offset) / pow(10, Double(orderOfMagnitude))
    if abs(xp) < 1e-8 { xp = 0 }
    return PythonArithmetic.fixedPoint(xp, decimals: decimals)
  }

  /// The text shown at the axis end: "1e−6", "+1e6", "1e3+2e5"… or "" when unused.
  var offsetText: String {
    guard orderOfMagnitude != 0 || offset != 0 else { return "" }
    var offsetString = ""
    if offset != 0 {
      offsetString = Self.formatData(offset)
      if offset > 0 { offsetString = "+" + offsetString }
    }
    let sci = orderOfMagnitude != 0 ? "1e\(orderOfMagnitude)" : ""
    return PythonArithmetic.fixMinus(sci + offsetString)
  }

  /// Compact scientific form of one number, as `ScalarFormatter.format_data`.
  static func formatData(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return String(format: "%g", value) }
    let e = Self.exponent(abs(value))
    let s = PythonArithmetic.npRound(value / pow(10, Double(e)), decimals: 10)
    let significand =
      s.truncatingRemainder(dividingBy: 1) == 0 && abs(s) < 1e15
      ? String(format: "%d", Int(s)) : String(format: "%1.10g", s)
    return e == 0 ? significand : "\(significand)e\(e)"
  }

  private static func offset(_ visible: [Double]) -> Double {
    guard let lmin = visible.min(), let lmax = visible.max() else { return 0 }
    if lmin == lmax || (lmin <= 0 && 0 <= lmax) { return 0 }
    let absMin = min(abs(lmin), abs(lmax))
    let absMax = max(abs(lmin), abs(lmax))
    let sign = copysign(1.0, lmin)
    let oomMax = log10(absMax).rounded(.up)
    func fl(_ x: Double, _ oom: Double) -> Double { PythonArithmetic.floorDivide(x, pow(10, oom)) }
    var oom = oomMax
    while fl(absMin, oom) == fl(absMax, oom) && oom > -400 { oom -= 1 }
    oom += 1
    if (absMax - absMin) / pow(10, oom) <= 1e-2 {
      oom = oomMax
      while fl(absMax, oom) - fl(absMin, oom) <= 1 && oom > -400 { oom -= 1 }
      oom += 1
    }
    let n = Double(offsetThreshold - 1)
    return fl(absMax, oom) >= pow(10, n) ? sign * fl(absMax, oom) * pow(10, oom) : 0
  }

  private static func orderOfMagnitude(_ visible: [Double], offset: Double, lo: Double, hi: Double)
    -> Int
  {
    guard let val = visible.map(abs).max() else { return 0 }
    let oom: Int
    if offset != 0 {
      oom = Int(clamping: ExtremeArithmetic.log10Span(lo, hi), to: -400...400, rounding: .down, nan: 0)
    } else {
      oom = val == 0 ? 0 : Self.exponent(val)
    }
    return oom <= powerLimits.0 || oom >= powerLimits.1 ? oom : 0
  }

  private static func decimals(_ locs: [Double], offset: Double, oom: Int, view: (Double, Double))
    -> Int
  {
    let all = locs.count < 2 ? locs + [view.0, view.1] : locs
    var scaled = all.map { ($0 - offset) / pow(10, Double(oom)) }
    guard let top = scaled.max(), let bottom = scaled.min() else { return 0 }
    var range = ExtremeArithmetic.finite(top - bottom)
    if range == 0 { range = ExtremeArithmetic.finite(scaled.map(abs).max() ?? 0) }
    if range == 0 { range = 1 }
    if locs.count < 2 { scaled.removeLast(2) }
    let rangeOom = Self.exponent(range)
    var sigfigs = max(0, 3 - rangeOom)
    let thresh = 1e-3 * pow(10, Double(rangeOom))
    while sigfigs >= 0 {
      let worst =
        scaled.map { abs($0 - PythonArithmetic.npRound($0, decimals: sigfigs)) }.max() ?? 0
      if worst < thresh { sigfigs -= 1 } else { break }
    }
    return sigfigs + 1
  }

  /// ⌊log₁₀ v⌋ for v > 0, within ±400 (0 for NaN), as an integer.
  private static func exponent(_ v: Double) -> Int {
    Int(clamping: log10(v), to: -400...400, rounding: .down, nan: 0)
  }
}
