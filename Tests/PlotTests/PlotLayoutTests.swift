import Foundation
import Raster
import Testing

@testable import Plot

/// Layout checked through the recording renderer: tick labels, legend placement, path
/// cleaning (gaps, clipping, simplification), contours and colour tables.
@Suite struct PlotLayoutTests {
  static func record(_ fig: Figure) throws -> RecordingRenderer {
    let (w, h) = fig.pixelSize()
    let r = RecordingRenderer(width: w, height: h)
    try fig.render(to: r)
    return r
  }

  /// Strokes drawn with `color`, as lists of sub-paths (each a list of points).
  static func strokes(_ r: RecordingRenderer, _ color: Color) -> [[[Point]]] {
    r.operations.compactMap { op -> [[Point]]? in
      guard case .stroke(let path, let c, _, _) = op, c == color else { return nil }
      var pieces: [[Point]] = []
      for e in path.elements {
        switch e {
        case .move(let p): pieces.append([p])
        case .line(let p): pieces[pieces.count - 1].append(p)
        default: break
        }
      }
      return pieces
    }
  }

  @Test func tickLabelsFollowMatplotlibsLocator() throws {
    var f = Figure()
    f.main.add(.line(LineSeries(xs: [0, 1], ys: [0, 10])))
    f.main.xlimits = 0...1
    f.main.ylimits = 0...10
    let texts = try Self.record(f).texts.map(\.0)
    for label in ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "0", "2", "4", "6", "8", "10"] {
      #expect(texts.contains(label), "missing tick label \(label)")
    }
  }

  /// Regression: a long title ran through the y axis's offset text ("1e−6+1") at the top left;
  /// it moves up above it, as matplotlib's does, and stays put when there is no offset text.
  @Test func aLongTitleRisesAboveTheYOffsetText() throws {
    var f = Figure(width: 5, height: 4, name: "offset")
    f.main.add(.line(LineSeries(xs: [0, 1, 2], ys: [1 + 1e-6, 1 + 2e-6, 1 + 3e-6])))
    f.main.title = "a title as wide as most of the panel"
    let texts = try Self.record(f).texts
    let offset = try #require(texts.first { $0.0 == "1e\u{2212}6+1" })
    let title = try #require(texts.first { $0.0 == f.main.title }).1
    #expect(title.y < offset.1.y - 10, "title baseline \(title.y), offset text bottom \(offset.1.y)")
    var plain = f
    plain.main.artists = [.line(LineSeries(xs: [0, 1, 2], ys: [1, 2, 3]))]
    let low = try #require(try Self.record(plain).texts.first { $0.0 == f.main.title }).1
    #expect(title.y < low.y)
  }

  /// Regression: in a row of surfaces, a colour bar's label ran into the next panel's y label.
  @Test func colorbarLabelsClearTheNextPanelsYLabel() throws {
    var f = Figure(width: 15, height: 4.5, rows: 1, columns: 3, name: "row")
    for k in 0..<3 {
      f.axes[k].add(.line(LineSeries(xs: [0, 1], ys: [0, 1])))
      f.axes[k].colorbar = ColorbarSpec(scale: ColorScale(low: -2, high: 0), label: "CB\(k)")
      f.axes[k].ylabel = "Y\(k)"
    }
    let texts = try Self.record(f).texts
    for k in 0..<2 {
      let bar = try #require(texts.first { $0.0 == "CB\(k)" }).1
      let next = try #require(texts.first { $0.0 == "Y\(k + 1)" }).1
      // The colour bar's tick labels ("-2.00") sit between the two: leave room for them.
      #expect(next.x - bar.x > 60, "colour bar label at x = \(bar.x), next y label at x = \(next.x)")
    }
  }

  /// Regression: a trajectory leaving a surface's box widened the view and left white space.
  @Test func trajectoriesDoNotWidenASurfacesView() {
    var ax = Axes()
    let grid = GridData(xs: [-2, 0, 2], ys: [-2, 0, 2], z: [[1, 0, 1], [0, 0, 0], [1, 0, 1]])
    ax.add(.filledContour(FilledContour(grid: grid, levels: [0, 0.5, 1], scale: ColorScale(low: 0, high: 1))))
    ax.keepSurfaceLimits()
    ax.add(.line(LineSeries(xs: [-1.5, 0.2], ys: [1.2, -3.1])))
    #expect(ax.xlimits == -2...2 && ax.ylimits == -2...2)
    var plain = Axes()
    plain.add(.line(LineSeries(xs: [0, 1], ys: [0, 1])))
    plain.keepSurfaceLimits()
    #expect(plain.xlimits == nil, "line plots keep autoscaling")
  }

  @Test func logAxisLabelsArePowersOfTen() throws {
    var f = Figure()
    f.main.add(.line(LineSeries(xs: [1, 2, 3], ys: [1e-3, 1e-1, 10])))
    f.main.yscale = .log
    let texts = try Self.record(f).texts.map(\.0)
    #expect(texts.contains("10⁻²") && texts.contains("10⁰") && texts.contains("10¹"))
  }

  @Test func aLogAxisNarrowerThanTwoDecadesLabelsItsSubdecadeTicks() throws {
    var f = Figure()
    f.main.add(.line(LineSeries(xs: [1, 2, 3], ys: [0.042, 0.05, 0.055])))
    f.main.yscale = .log
    let texts = try Self.record(f).texts.map(\.0)
    #expect(
      texts.filter { $0.hasPrefix("0.0") }.count >= 2,
      "a log axis from 0.04 to 0.06 must still show labelled ticks: \(texts)")
    var tiny = Figure()
    tiny.main.add(.line(LineSeries(xs: [1, 2], ys: [2e-7, 7e-7])))
    tiny.main.yscale = .log
    let tinyTexts = try Self.record(tiny).texts.map(\.0)
    #expect(tinyTexts.contains("5×10⁻⁷"), "far from 1, the labels are m×10ᵏ: \(tinyTexts)")
  }

  @Test func xLabelsSitBelowTheAxesAndTitleAbove() throws {
    var f = Figure()
    f.main.add(.line(LineSeries(xs: [0, 1], ys: [0, 1])))
    (f.main.title, f.main.xlabel) = ("T", "X")
    let r = try Self.record(f)
    let title = try #require(r.texts.first { $0.0 == "T" }).1
    let xl = try #require(r.texts.first { $0.0 == "X" }).1
    #expect(title.y < 0.12 * 480 && xl.y > 0.89 * 480)
  }

  @Test func bestLegendAvoidsTheData() throws {
    var f = Figure()
    // Data fills the upper right and upper left; the lower left is empty.
    f.main.add(
      .line(
        LineSeries(
          xs: (0...50).map { Double($0) / 50 }, ys: (0...50).map { 0.5 + 0.5 * Double($0) / 50 }, label: "rising")))
    f.main.add(.line(LineSeries(xs: [0, 0.3, 0.6, 1], ys: [1, 0.95, 0.9, 0.85], label: "top")))
    f.main.legend = LegendSpec()
    let r = try Self.record(f)
    let p = try #require(r.texts.first { $0.0 == "rising" }).1
    #expect(p.y > 240, "legend should be in the lower half, text at \(p)")
    let legend = Legend(axes: f.main, spec: LegendSpec(), try DrawContext(px: 100.0 / 72, dpi: 100))
    let frame = AxesFrame(
      box: PlotRect(x: 80, y: 57.6, width: 496, height: 369.6), xview: -0.05...1.05, yview: 0.4...1.05,
      xscale: .linear, yscale: .linear, px: 100.0 / 72, dpi: 100)
    #expect([.lowerLeft, .lowerRight, .lowerCenter].contains(legend.bestLocation(frame)))
  }

  @Test func nonFiniteValuesSplitLinesIntoPieces() throws {
    var f = Figure()
    let blue = PlotColor.cycle(0)
    f.main.add(.line(LineSeries(xs: [0, 1, 2, 3, 4, 5], ys: [0, 1, .nan, 1, .infinity, 2], color: blue)))
    let pieces = try #require(Self.strokes(try Self.record(f), blue).first)
    #expect(pieces.count == 1, "only 0–1 survives: 3 is isolated between NaN and ∞, got \(pieces.count)")
    var g = Figure()
    g.main.add(.line(LineSeries(xs: [0, 1, 2, 3, 4], ys: [0, 1, .nan, 1, 2], color: blue)))
    #expect(Self.strokes(try Self.record(g), blue).first?.count == 2)
  }

  @Test func linesAreClippedNearTheAxes() throws {
    var f = Figure()
    let red = PlotColor.cycle(3)
    f.main.add(.line(LineSeries(xs: [-1e6, 0, 1e6], ys: [0, 1, 0], color: red)))
    f.main.xlimits = -1...1
    let pieces = try #require(Self.strokes(try Self.record(f), red).first)
    for p in pieces.joined() { #expect(p.x > -200 && p.x < 900, "point \(p) not clipped") }
  }

  @Test func denseCollinearPolylinesAreSimplified() {
    let line = (0...1000).map { Point(x: Double($0) * 0.5, y: 100 + 0.01 * sin(Double($0))) }
    let simple = PathCleaning.simplify(line)
    #expect(simple.count < 10)
    #expect(simple.first == line.first && simple.last == line.last)
    let zigzag = (0...20).map { Point(x: Double($0) * 5, y: $0 % 2 == 0 ? 0 : 5) }
    #expect(PathCleaning.simplify(zigzag).count == zigzag.count)
  }

  @Test func snapPutsOddWidthsOnPixelCentres() {
    #expect(PathCleaning.snap(10.3, width: 1) == 10.5)
    #expect(PathCleaning.snap(10.3, width: 2) == 10)
  }

  @Test func marchingSquaresRegionHasTheRightArea() {
    // z = x on [0, 1]²: the region z ≥ 0.25 has area 0.75.
    let n = 11
    let v = (0..<n).map { Double($0) / Double(n - 1) }
    let g = GridData(xs: v, ys: v, z: v.map { _ in v })
    let ms = MarchingSquares(grid: g) { j, i in Point(x: j / Double(n - 1), y: i / Double(n - 1)) }
    let area = ms.regionAtOrAbove(0.25).reduce(0.0) { sum, poly in
      sum + abs(zip(poly, poly.dropFirst() + [poly[0]]).reduce(0.0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }) / 2
    }
    #expect(abs(area - 0.75) < 1e-9)
  }

  @Test func contourOfACircleIsOneClosedLoop() {
    let n = 41
    let v = (0..<n).map { -1 + 2 * Double($0) / Double(n - 1) }
    let g = GridData(xs: v, ys: v, z: v.map { y in v.map { x in x * x + y * y } })
    let ms = MarchingSquares(grid: g) { j, i in Point(x: j, y: i) }
    let loops = ms.lines(at: 0.5)
    #expect(loops.count == 1)
    #expect(loops[0].first == loops[0].last)
  }

  @Test func colormapsMatchMatplotlibsEndpoints() {
    #expect(Colormap.viridis.colors.count == 256)
    #expect(Colormap.viridis.color(at: 0) == PlotColor.rgb(0x440154))
    #expect(Colormap.viridis.color(at: 1) == PlotColor.rgb(0xfde724))
    #expect(Colormap.magma.color(at: 0) == PlotColor.rgb(0x000003))
    #expect(PlotColor.parse("tab:orange") == PlotColor.rgb(0xff7f0e))
    #expect(PlotColor.parse("nonsense") == nil)
  }

  @Test func svgHasTextElementsAndEmbeddedImages() throws {
    var f = Figure()
    let g = GridData(xs: [0, 1], ys: [0, 1], z: [[0, 1], [1, 2]])
    f.main.add(.heatmap(Heatmap(grid: g, scale: ColorScale(low: 0, high: 2))))
    f.main.title = "a < b & c"
    let svg = try f.svg()
    #expect(svg.contains("<text") && svg.contains("font-family=\"DejaVu Sans\""))
    #expect(svg.contains("data:image/png;base64,"))
    #expect(svg.contains("a &lt; b &amp; c"))
  }
}

/// The logo renders at the sizes Jupyter asks for, with a transparent surround and ink inside.
@Suite struct SaddleLogoTests {
  @Test func logoHasInkAndTransparentCorners() throws {
    for size in [32, 64] {
      let pix = try SaddleLogo.pixmap(size: size)
      #expect(pix.width == size && pix.height == size)
      #expect(pix.pixel(x: 0, y: 0)?.alpha == 0)
      #expect((pix.pixel(x: size / 2, y: size / 2)?.alpha ?? 0) > 200)
      let png = try SaddleLogo.png(size: size)
      #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
    #expect(throws: RasterError.self) { try SaddleLogo.png(size: 2) }
  }
}

/// Simplification keeps curves within the tolerance: no dropped point is farther than
/// two tolerances from the polyline that replaces it.
@Suite struct SimplificationTests {
  @Test func slowCurvesDoNotTurnIntoChords() {
    let line = (0...2000).map { k -> Point in
      let x = Double(k) * 0.2
      return Point(x: x, y: 200 + 0.002 * (x - 200) * (x - 200))
    }
    let simple = PathCleaning.simplify(line)
    #expect(simple.count < line.count / 4)
    var worst = 0.0
    var segment = 0
    for p in line {
      while segment < simple.count - 2 && p.x > simple[segment + 1].x { segment += 1 }
      let (a, b) = (simple[segment], simple[segment + 1])
      let t = b.x == a.x ? 0 : (p.x - a.x) / (b.x - a.x)
      worst = max(worst, abs(a.y + t * (b.y - a.y) - p.y))
    }
    #expect(worst <= 2 * PathCleaning.simplifyTolerance + 1e-9, "deviation \(worst)")
  }
}
