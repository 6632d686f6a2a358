import Foundation
import Raster
import Testing
import _TestSupport

@testable import Plot

let plotGoldens = GoldenImages(
  directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"))

/// Small figures, one per artist kind, plus whole figures, compared with recorded goldens
/// as decoded pixels (`SADDLE_RECORD_GOLDEN=1` re-records; failures write diff images).
@Suite struct PlotGoldenTests {
  static func check(_ fig: Figure, _ name: String, scale: Double = 1) throws {
    let (w, h) = fig.pixelSize(scale: scale)
    let r = try RasterRenderer(width: w, height: h)
    try fig.render(to: r, scale: scale)
    if let message = try plotGoldens.check(r.pixmap, named: name, tolerance: 2, allowedPixels: 0) {
      Issue.record(Comment(rawValue: message))
    }
  }

  static func small(_ name: String) -> Figure { Figure(width: 3.2, height: 2.4, dpi: 100, name: name) }

  static func saddle(n: Int) -> GridData {
    let w = (0..<n).map { -2 + 4 * Double($0) / Double(n - 1) }
    return GridData(xs: w, ys: w, z: w.map { b in w.map { a in (1 - a * b) * (1 - a * b) } })
  }

  @Test func lineWithMarkersAndGap() throws {
    var f = Self.small("line")
    var l = LineSeries(xs: (0..<30).map(Double.init), ys: (0..<30).map { $0 == 12 ? .nan : sin(Double($0) / 4) })
    l.marker = .circle
    l.markerSize = 4
    f.main.add(.line(l))
    var dashed = LineSeries(xs: [0, 29], ys: [-1, 1], label: "dashed")
    dashed.dashes = [4, 2]
    f.main.add(.line(dashed))
    f.main.title = "line"
    try Self.check(f, "line")
  }

  @Test func scatterMarkers() throws {
    var f = Self.small("scatter")
    for (k, m) in Marker.allCases.enumerated() {
      var s = ScatterSeries(
        xs: [0, 1, 2].map { $0 + Double(k) * 3 }, ys: [0, 1, 0.5].map { $0 + Double(k) }, label: m.rawValue)
      s.marker = m
      s.size = 60
      s.alpha = 0.8
      s.edgeColor = .black
      f.main.add(.scatter(s))
    }
    try Self.check(f, "scatter")
  }

  @Test func filledContoursLinesAndColorbar() throws {
    var f = Self.small("contour")
    let g = Self.saddle(n: 40)
    let levels = (0...10).map { Double($0) * 2.5 }
    let scale = ColorScale(colormap: .viridis, low: 0, high: 25)
    f.main.add(.filledContour(FilledContour(grid: g, levels: levels, scale: scale)))
    f.main.add(.contourLines(ContourLines(grid: g, levels: [0.5, 2, 8])))
    f.main.colorbar = ColorbarSpec(scale: scale, levels: levels, label: "L")
    f.main.equalAspect = true
    try Self.check(f, "contour")
  }

  @Test func heatmapWithMagma() throws {
    var f = Self.small("heatmap")
    let g = GridData(xs: [0, 1, 2, 3], ys: [0, 1, 2], z: [[1, 2, 3, 4], [2, 4, 6, 8], [0, -1, -2, -3]])
    let scale = ColorScale(colormap: .magma, low: -3, high: 8)
    f.main.add(.heatmap(Heatmap(grid: g, scale: scale)))
    f.main.colorbar = ColorbarSpec(scale: scale)
    try Self.check(f, "heatmap")
  }

  @Test func groupedBarsWithValueLabelsAndLegend() throws {
    var f = Self.small("bars")
    for (offset, h, label) in [(-0.2, [3.0, 5, 2], "a"), (0.2, [4.0, 1, 3], "b")] {
      var b = BarSeries(xs: [0, 1, 2].map { $0 + offset }, heights: h, width: 0.4, label: label)
      b.valueLabelDecimals = 1
      f.main.add(.bars(b))
    }
    f.main.xticks = [(0, "x"), (1, "y"), (2, "z")]
    f.main.legend = LegendSpec(location: .upperRight)
    try Self.check(f, "bars")
  }

  @Test func quiverAndAnnotation() throws {
    var f = Self.small("quiver")
    var q = QuiverField(xs: [], ys: [], us: [], vs: [])
    for i in 0..<7 {
      for j in 0..<7 {
        let (x, y) = (Double(j) - 3, Double(i) - 3)
        (q.xs, q.ys, q.us, q.vs) = (q.xs + [x], q.ys + [y], q.us + [-y], q.vs + [x])
      }
    }
    f.main.add(.quiver(q))
    f.main.add(.annotation(Annotation("centre", x: 0, y: 0)))
    try Self.check(f, "quiver")
  }

  @Test func logAxisWithGridAndTrajectoryArrows() throws {
    var f = Self.small("log")
    var l = LineSeries(xs: (1...50).map(Double.init), ys: (1...50).map { exp(-Double($0) / 8) }, label: "loss")
    l.arrowEvery = 5
    f.main.add(.line(l))
    f.main.yscale = .log
    f.main.gridAlpha = (0.5, 0.15)
    f.main.legend = LegendSpec()
    try Self.check(f, "log")
  }

  @Test func subplotGridAtTwiceTheResolution() throws {
    var f = Figure(width: 6.4, height: 3.2, dpi: 50, rows: 1, columns: 2, name: "grid")
    f.axes[0].add(.line(LineSeries(xs: [0, 1, 2], ys: [1, 0, 2])))
    f.axes[0].title = "left"
    f.axes[1].add(.scatter(ScatterSeries(xs: [0, 1, 2], ys: [2, 1, 0])))
    f.axes[1].xlabel = "x"
    f.axes[1].ylabel = "y"
    try Self.check(f, "subplots_2x", scale: 2)
  }

  /// A whole default-size figure as the notebook shows it: filled contours, contour lines,
  /// colour bar, a trajectory with markers and arrows, markers with edges, legend, labels.
  @Test func wholeSurfaceFigureWithTrajectory() throws {
    var f = Figure(name: "surface")
    let g = Self.saddle(n: 100)
    let levels = (0...25).map(Double.init)
    let scale = ColorScale(colormap: .viridis, low: 0, high: 25)
    f.main.add(.filledContour(FilledContour(grid: g, levels: levels, scale: scale)))
    var lines = ContourLines(grid: g, levels: [0.1, 0.5, 1, 2, 4, 8, 16])
    lines.alpha = 0.6
    f.main.add(.contourLines(lines))
    let steps: [Double] = (0..<40).map(Double.init)
    let xs: [Double] = steps.map { -1.5 + 0.03 * $0 } + [-0.3]
    let ys: [Double] = steps.map { 1.2 - 0.05 * $0 } + [-0.8]
    var run = LineSeries(xs: xs, ys: ys, label: "gd")
    run.marker = .circle
    run.markerSize = 3
    run.arrowEvery = 8
    f.main.add(.line(run))
    var start = LineSeries(xs: [-1.5], ys: [1.2], color: .white, label: "start")
    start.width = 0
    start.marker = .star
    start.markerSize = 14
    start.markerEdgeColor = .black
    f.main.add(.line(start))
    f.main.colorbar = ColorbarSpec(scale: scale, levels: levels, label: "L")
    (f.main.title, f.main.xlabel, f.main.ylabel) = ("L(w₁, w₂) = (1 − w₁w₂)²", "w₁", "w₂")
    f.main.equalAspect = true
    f.main.legend = LegendSpec(location: .best, fontSize: 9)
    try Self.check(f, "whole_surface")
  }
}
