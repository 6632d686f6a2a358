import Autodiff
import Formula
import Foundation
import Language
import MathCore
import Plot
import Raster

/// Figures of loss functions: the 2-D surface (filled contours, contour lines, colour bar,
/// critical points), the 1-D curve, and trajectories of runs drawn over them.
public enum PlotSurface {
  /// Filled and line contours of `f` on the box, `n`×`n` samples, linear or log colours.
  /// Sampling stops with `Interrupted` when `cancellation` is set.
  public static func figure(
    _ f: UserFunction, _ x: (Double, Double), _ y: (Double, Double), n: Int, log: Bool,
    cancellation: CancellationFlag? = nil
  ) throws -> Figure {
    let xs = Vector.linspace(x.0, x.1, count: n).elements
    let ys = Vector.linspace(y.0, y.1, count: n).elements
    let m = try f.grid(xs: xs, ys: ys, cancellation: cancellation)
    let z = (0..<n).map { i in (0..<n).map { j in m[i, j] } }
    let finite = m.elements.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else {
      throw LanguageError(.value, "\(f.signature) is not finite anywhere in the box")
    }
    let grid = GridData(xs: xs, ys: ys, z: z)
    let (levels, scale) = colourLevels(lo: lo, hi: hi, finite: finite, log: log)
    var fig = Figure(name: "surface of \(f.name)")
    var ax = Axes()
    var fill = FilledContour(grid: grid, levels: levels, scale: scale)
    fill.extendBelow = true
    ax.add(.filledContour(fill))
    let every = log ? 4 : 2
    var lines = ContourLines(
      grid: grid, levels: stride(from: every, to: levels.count - 1, by: every).map { levels[$0] })
    lines.width = 0.6
    lines.alpha = 0.55
    ax.add(.contourLines(lines))
    ax.colorbar = ColorbarSpec(scale: scale, levels: levels, label: f.signature)
    (ax.xlabel, ax.ylabel) = (f.parameters[0], f.parameters[1])
    ax.title = f.plainText
    ax.equalAspect = (x.1 - x.0) / (y.1 - y.0) < 3 && (y.1 - y.0) / (x.1 - x.0) < 3
    if let formula = f.formula { markCriticalPoints(formula, box: [x, y], &ax) }
    fig.main = ax
    return fig
  }

  /// 21 levels: equal steps, or geometric from a floor that keeps low-loss structure
  /// (values near zero) distinguishable on a log scale.
  static func colourLevels(lo: Double, hi: Double, finite: [Double], log: Bool) -> ([Double], ColorScale) {
    let count = 20
    if log {
      let positive = finite.filter { $0 > 0 }
      let top = max(hi, Double.leastNormalMagnitude)
      let floor = max(positive.min() ?? top * 1e-4, top * 1e-4)
      let ratio = top > floor ? Foundation.log10(top / floor) : 1
      let levels = (0...count).map { floor * pow(10, ratio * Double($0) / Double(count)) }
      return (levels, ColorScale(colormap: .viridis, low: levels[0], high: levels[count], log: true))
    }
    let levels = ContourLevels.nice(lo: lo, hi: hi, bands: count)
    return (levels, ColorScale(colormap: .viridis, low: levels[0], high: levels[levels.count - 1]))
  }

  /// Marks minima (white dots), maxima (white triangles) and saddles (red crosses) found
  /// by the calculus search, with a legend when any were found.
  static func markCriticalPoints(_ formula: Formula, box: [(Double, Double)], _ ax: inout Axes) {
    let search = formula.criticalPoints(in: box)
    let styles: [(PointKind, Marker, Color, String)] = [
      (.localMinimum, .circle, .white, "minimum"), (.localMaximum, .triangle, .white, "maximum"),
      (.saddle, .cross, Color(red: 255, green: 0, blue: 0), "saddle point"),
    ]
    var any = false
    for (kind, marker, color, label) in styles {
      let pts = search.points.filter { $0.kind == kind }
      guard !pts.isEmpty else { continue }
      let one = box.count == 1
      var l = LineSeries(
        xs: pts.map { $0.point[0] }, ys: pts.map { one ? $0.value : $0.point[1] }, color: color, label: label)
      l.width = 0
      l.marker = marker
      l.markerSize = marker == .cross ? 10 : 8
      l.markerEdgeWidth = marker == .cross ? 2.5 : 1
      if marker != .cross { l.markerEdgeColor = .black }
      if one && color == .white { l.markerFill = color }
      ax.add(.line(l))
      any = true
    }
    if any { ax.legend = LegendSpec(location: .best, fontSize: 9) }
  }

  /// `f` on [a, b] with 500 samples, critical points marked.
  static func curve(_ f: UserFunction, _ x: (Double, Double)) throws -> Figure {
    let xs = Vector.linspace(x.0, x.1, count: 500).elements
    let ys: [Double]
    if let formula = f.formula {
      ys = formula.evaluate(columns: [xs])
    } else {
      ys = try xs.map { try f.evaluate([$0]) }
    }
    var fig = Figure(name: "plot of \(f.name)")
    fig.main.add(.line(LineSeries(xs: xs, ys: ys)))
    (fig.main.xlabel, fig.main.ylabel, fig.main.title) = (f.parameters[0], f.signature, f.plainText)
    if let formula = f.formula { markCriticalPoints(formula, box: [x], &fig.main) }
    return fig
  }

  /// A run's path: line (with a small marker per iterate when `markers`) and direction arrows,
  /// start (★) and end (■) marked.
  public static func addTrajectory(_ m: Matrix, label: String, markers: Bool = true, _ ax: inout Axes) {
    let xs = (0..<m.rows).map { m[$0, 0] }
    let ys = (0..<m.rows).map { m[$0, 1] }
    var l = LineSeries(xs: xs, ys: ys, label: label)
    l.marker = markers ? .circle : nil
    l.markerSize = 3
    l.arrowEvery = max(1, m.rows / 8)
    ax.add(.line(l))
    guard case .line(let added)? = ax.artists.last, let color = added.color else { return }
    for (i, marker, size) in [(0, Marker.star, 13.0), (m.rows - 1, .square, 7.0)] where m.rows > 0 {
      var p = LineSeries(xs: [xs[i]], ys: [ys[i]], color: i == 0 ? .white : color)
      p.width = 0
      p.marker = marker
      p.markerSize = size
      p.markerEdgeColor = .black
      ax.artists.append(.line(p))
    }
  }
}
