import Raster

/// Counts of values in equal-width bins over their finite range, as numpy's `histogram`
/// with an integer `bins`: the last bin is closed, constant data gets the range v ± 0.5.
///
/// Bin arithmetic never overflows: a range wider than the largest double (values from
/// −1e308 to 1e308) is divided without forming `hi − lo`, and every index is clamped.
public struct Histogram: Sendable, Equatable {
  /// `bins + 1` increasing bin edges.
  public let edges: [Double]
  /// How many finite values fall in each bin.
  public let counts: [Double]

  /// Bins `values` (non-finite ones are left out); nil when no value is finite or `bins` < 1.
  public init?(values: [Double], bins: Int) {
    guard bins >= 1 else { return nil }
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    guard lo <= hi else { return nil }
    if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
    // Values so large that ±0.5 vanishes widen by 5 % (matplotlib's nonsingular).
    if lo == hi { (lo, hi) = MaxNLocator.nonsingular(lo, hi, expander: 0.05, tiny: 1e-15) }
    let n = Double(bins)
    edges = (0...bins).map { k in
      k == bins ? hi : ExtremeArithmetic.finite(Self.along(lo, hi, Double(k) / n))
    }
    var counts = [Double](repeating: 0, count: bins)
    for v in values where v.isFinite {
      let t = ExtremeArithmetic.fraction(v, lo, hi) * n
      counts[Int(clamping: t, to: 0...(bins - 1), rounding: .down, nan: 0)] += 1
    }
    self.counts = counts
  }

  /// lo + (hi − lo)·t, without forming an overflowing difference.
  private static func along(_ lo: Double, _ hi: Double, _ t: Double) -> Double {
    let span = hi - lo
    let half = (hi / 2 - lo / 2) * t
    return span.isFinite ? lo + span * t : lo + half + half
  }

  /// Bin centres.
  public var centers: [Double] {
    (0..<counts.count).map { ExtremeArithmetic.midpoint(edges[$0], edges[$0 + 1]) }
  }

  /// Width of the bins (the first bin's; all are equal up to rounding), at most the largest double.
  public var binWidth: Double { ExtremeArithmetic.finite(edges[1] - edges[0]) }
}
