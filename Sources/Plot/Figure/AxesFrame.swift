import Foundation
import Raster

/// An axes laid out on the canvas: its pixel box, view limits and the data→pixel mapping.
struct AxesFrame {
  let box: PlotRect
  let xview: ClosedRange<Double>
  let yview: ClosedRange<Double>
  let xscale: AxisScale
  let yscale: AxisScale
  /// Pixels per point.
  let px: Double
  let dpi: Double

  private func position(_ v: Double, _ scale: AxisScale) -> Double {
    scale == .log ? (v > 0 ? log10(v) : -.infinity) : v
  }

  /// Device x of data x (non-finite for values a log axis cannot show).
  func x(_ v: Double) -> Double {
    let (a, b) = (position(xview.lowerBound, xscale), position(xview.upperBound, xscale))
    return box.x + ExtremeArithmetic.fraction(position(v, xscale), a, b) * box.width
  }

  func y(_ v: Double) -> Double {
    let (a, b) = (position(yview.lowerBound, yscale), position(yview.upperBound, yscale))
    return box.maxY - ExtremeArithmetic.fraction(position(v, yscale), a, b) * box.height
  }

  func point(_ x: Double, _ y: Double) -> Point { Point(x: self.x(x), y: self.y(y)) }

  /// A clip box around the axes, wide enough for strokes to end outside it.
  var pathClip: PlotRect {
    let m = 50 * px
    return PlotRect(x: box.x - m, y: box.y - m, width: box.width + 2 * m, height: box.height + 2 * m)
  }
}

extension Axes {
  /// Data extent of all artists, per axis, ignoring non-finite values (and non-positive
  /// ones on log axes); nil on an axis with no data. One pass, no copies of the data.
  func dataLimits() -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?, sticky: Bool) {
    var xs = Extent(log: xscale == .log)
    var ys = Extent(log: yscale == .log)
    var sticky = false
    for artist in artists {
      switch artist {
      case .line(let l):
        xs.add(l.xs)
        ys.add(l.ys)
      case .scatter(let s):
        xs.add(s.xs)
        ys.add(s.ys)
      case .filledContour(let c):
        xs.add(c.grid.xs)
        ys.add(c.grid.ys)
        sticky = true
      case .contourLines(let c):
        xs.add(c.grid.xs)
        ys.add(c.grid.ys)
        sticky = true
      case .heatmap(let h):
        // Cells extend half a step beyond their centres.
        for (v, out) in [(h.grid.xs, 0), (h.grid.ys, 1)] where !v.isEmpty {
          let half = v.count > 1 ? ExtremeArithmetic.finite((v[v.count - 1] - v[0]) / Double(v.count - 1) / 2) : 0.5
          let edges = [v[0] - half, v[v.count - 1] + half]
          if out == 0 { xs.add(edges) } else { ys.add(edges) }
        }
        sticky = true
      case .bars(let b):
        for (x, h) in zip(b.xs, b.heights) {
          xs.add([x - b.width / 2, x + b.width / 2])
          ys.add([b.bottom, b.bottom + h])
        }
      case .quiver(let q):
        xs.add(q.xs)
        ys.add(q.ys)
      case .annotation: break
      }
    }
    return (xs.range, ys.range, sticky)
  }

  /// View limits: given limits, else the data range widened by 5 % margins (none for
  /// gridded data, whose edges stick, as matplotlib's sticky edges). Degenerate ranges widen
  /// as matplotlib's `nonsingular` does (±5 %, or ±0.05 around 0 and for subnormal data), and
  /// every limit stays finite: margins of a range near ±1.8e308 stop at the largest double.
  func viewLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    let data = dataLimits()
    func view(_ given: ClosedRange<Double>?, _ d: ClosedRange<Double>?, _ scale: AxisScale)
      -> ClosedRange<Double>
    {
      if let given { return given }
      guard let d else { return scale == .log ? 1...10 : 0...1 }
      if scale == .log { return Self.logView(d, sticky: data.sticky) }
      let (lo, hi) = MaxNLocator.nonsingular(d.lowerBound, d.upperBound, expander: 0.05, tiny: 1e-15)
      if data.sticky || d.lowerBound == d.upperBound { return lo...hi }
      let span = hi - lo
      let m = span.isFinite ? span * PlotStyle.margin : hi * PlotStyle.margin - lo * PlotStyle.margin
      return ExtremeArithmetic.finite(lo - m)...ExtremeArithmetic.finite(hi + m)
    }
    let x = view(xlimits, data.x, xscale)
    var y = view(ylimits, data.y, yscale)
    // Bars stand on zero: keep the baseline at the edge when it is the data minimum.
    if ylimits == nil, yscale == .linear, artists.contains(where: { if case .bars = $0 { true } else { false } }),
      let dy = data.y, dy.lowerBound == 0
    {
      y = 0...y.upperBound
    }
    return (x, y)
  }

  /// A log axis's view of positive data `d`: a decade each side of a single value, else
  /// margins in log space; kept within the positive finite doubles.
  private static func logView(_ d: ClosedRange<Double>, sticky: Bool) -> ClosedRange<Double> {
    let tiny = Double.leastNonzeroMagnitude
    func clamp(_ v: Double) -> Double { min(max(v, tiny), ExtremeArithmetic.largest) }
    if d.lowerBound == d.upperBound {
      let v = d.lowerBound
      return clamp(v / 10)...clamp(v * 10)
    }
    if sticky { return d }
    let (a, b) = (log10(d.lowerBound), log10(d.upperBound))
    let m = (b - a) * PlotStyle.margin
    return clamp(pow(10, a - m))...clamp(pow(10, b + m))
  }
}

extension Axes {
  /// Fixes unset view limits to the extent of a surface or heat map drawn so far, so artists
  /// added later (trajectories that leave the box) are clipped instead of widening the view.
  public mutating func keepSurfaceLimits() {
    let (x, y, sticky) = dataLimits()
    guard sticky else { return }
    if xlimits == nil { xlimits = x }
    if ylimits == nil { ylimits = y }
  }
}

/// The smallest and largest finite value seen (positive only on log axes).
private struct Extent {
  let log: Bool
  var low = Double.infinity, high = -Double.infinity

  init(log: Bool) { self.log = log }

  mutating func add(_ values: [Double]) {
    for v in values where v.isFinite && (!log || v > 0) {
      if v < low { low = v }
      if v > high { high = v }
    }
  }

  var range: ClosedRange<Double>? { low <= high ? low...high : nil }
}
