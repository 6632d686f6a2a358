import Foundation
import Raster

/// Contour levels for a colour-filled surface: about `bands` equal bands whose step is
/// "nice" (1, 2, 2.5, 5 × 10ᵏ), covering [lo, hi].
///
/// Safe for any finite data: constant or nearly constant values are widened first (as
/// matplotlib's `nonsingular`), so a step never vanishes next to its values (1e300 + 0.05 is
/// 1e300, which made the old stride loop forever); a range whose width overflows is worked
/// out at 10⁻³ scale; the count is bounded.
public enum ContourLevels {
  public static func nice(lo: Double, hi: Double, bands: Int = 20) -> [Double] {
    var (a, b) = (ExtremeArithmetic.finite(lo), ExtremeArithmetic.finite(hi))
    guard !a.isNaN, !b.isNaN else { return [0, 1] }
    // Spans below 10⁻¹² of the values (or none) cannot hold `bands` distinct steps.
    (a, b) = MaxNLocator.nonsingular(a, b, expander: 0.05, tiny: 1e-12)
    guard (b - a).isFinite else {
      let s = MaxNLocator.overflowScale
      return nice(lo: a / s, hi: b / s, bands: bands).map { ExtremeArithmetic.finite($0 * s) }
    }
    let count = Double(max(bands, 1))
    let span = b - a
    let raw = span / count
    let magnitude = pow(10, log10(raw).rounded(.down))
    // The nice step whose band count is nearest `bands`.
    let step =
      [1, 2, 2.5, 5, 10].map { $0 * magnitude }.min {
        abs(span / $0 - count) < abs(span / $1 - count)
      } ?? raw
    let first = (a / step).rounded(.down)
    let last = max((b / step).rounded(.up), first + 1)
    let n = Int(clamping: last - first, to: 1...(10 * max(bands, 1)), nan: 1)
    return (0...n).map { ExtremeArithmetic.finite((first + Double($0)) * step) }
  }
}
