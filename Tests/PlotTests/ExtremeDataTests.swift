import Foundation
import Raster
import Testing
import _TestSupport

@testable import Plot

/// Figures of data at the edges of the doubles (ranges near ±1.8e308, constants, subnormals,
/// ±∞) draw with finite ticks and visible data instead of trapping: one regression test per
/// case users found (issue 11), through the raster renderer and the recording renderer.
@Suite struct ExtremeDataTests {
  static let big = 1.7e308

  /// Renders `fig` at 1× to pixels and to a recording; returns the recording's texts and
  /// how many pixels inside the axes box have `color`.
  static func draw(_ fig: Figure, counting color: Color) throws -> (texts: [String], inked: Int) {
    let (w, h) = fig.pixelSize()
    let raster = try RasterRenderer(width: w, height: h)
    try fig.render(to: raster)
    let recording = RecordingRenderer(width: w, height: h)
    try fig.render(to: recording)
    let x0 = Int(PlotStyle.left * Double(w)) + 2
    let x1 = Int(PlotStyle.right * Double(w)) - 2
    let y0 = Int((1 - PlotStyle.top) * Double(h)) + 2
    let y1 = Int((1 - PlotStyle.bottom) * Double(h)) - 2
    var inked = 0
    for y in y0..<y1 {
      for x in x0..<x1 {
        guard let p = raster.pixmap.pixel(x: x, y: y) else { continue }
        if abs(Int(p.red) - Int(color.red)) + abs(Int(p.green) - Int(color.green)) + abs(Int(p.blue) - Int(color.blue))
          < 60
        {
          inked += 1
        }
      }
    }
    return (recording.texts.map(\.0), inked)
  }

  /// Tick labels are numbers: none reads "nan" or "inf", and there are at least `count`.
  static func expectNumericLabels(_ texts: [String], atLeast count: Int) {
    let numeric = texts.filter { $0.contains(where: \.isNumber) }
    #expect(numeric.count >= count, "labels \(texts)")
    for t in texts {
      #expect(!t.lowercased().contains("nan") && !t.lowercased().contains("inf"), "label \(t)")
    }
  }

  static func line(_ ys: [Double], xs: [Double]? = nil) -> Figure {
    var f = Figure(name: "extreme")
    f.main.add(.line(LineSeries(xs: xs ?? ys.indices.map(Double.init), ys: ys, color: .black)))
    return f
  }

  /// Regression: the "best" legend placement clipped raw data segments, and a NaN point (a gap)
  /// made `clipSegment` halve its coordinates forever until the stack overflowed (found with a
  /// spectral-density figure whose histogram outline has gaps for empty bins).
  @Test func bestLegendOverALineWithNaNGaps() throws {
    var f = Self.line([1, 2, .nan, 3, 4, .nan, .infinity, 5])
    f.main.artists = []
    var line = LineSeries(xs: [0, 1, 2, 3, 4, 5, 6, 7], ys: [1, 2, .nan, 3, 4, .nan, .infinity, 5], color: .black)
    line.label = "gaps"
    f.main.add(.line(line))
    f.main.legend = LegendSpec(location: .best)
    let (texts, inked) = try Self.draw(f, counting: .black)
    #expect(texts.contains("gaps"))
    #expect(inked > 0)
  }

  @Test func plotOfASingleHugeValue() throws {
    let (texts, _) = try Self.draw(Self.line([1e308]), counting: .black)
    Self.expectNumericLabels(texts, atLeast: 4)
  }

  @Test func plotFromZeroToNearlyTheLargestDouble() throws {
    let (texts, inked) = try Self.draw(Self.line([0, Self.big]), counting: .black)
    Self.expectNumericLabels(texts, atLeast: 4)
    #expect(inked > 100, "the line is drawn")
  }

  /// `vmax − vmin` overflows: limits from −1.7e308 to 1.7e308.
  @Test func axisWhoseWidthOverflows() throws {
    let (texts, inked) = try Self.draw(Self.line([-Self.big, Self.big, 0]), counting: .black)
    Self.expectNumericLabels(texts, atLeast: 4)
    #expect(inked > 100)
    let ticks = MaxNLocator(geometry: AxisGeometry(orientation: .y, lengthPixels: 400, fontSizePoints: 10, dpi: 100)!)
      .tickValues(-Self.big, Self.big)
    #expect(ticks.count >= 3 && ticks.allSatisfy(\.isFinite))
    #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
  }

  /// `(vmax + vmin)/2` overflows: both limits near the largest double.
  @Test func axisWhoseMidpointOverflows() throws {
    let (texts, inked) = try Self.draw(Self.line([1.0e308, Self.big]), counting: .black)
    Self.expectNumericLabels(texts, atLeast: 4)
    #expect(inked > 100)
  }

  @Test func heatmapOfOneHugeValue() throws {
    var f = Figure(name: "heat")
    let scale = ColorScale(colormap: .viridis, low: 1e308, high: 1e308)
    f.main.add(.heatmap(Heatmap(grid: GridData(xs: [0], ys: [0], z: [[1e308]]), scale: scale)))
    f.main.colorbar = ColorbarSpec(scale: scale)
    f.main.xlimits = -0.5...0.5
    f.main.ylimits = -0.5...0.5
    let (texts, inked) = try Self.draw(f, counting: Colormap.viridis.color(at: 0.5))
    Self.expectNumericLabels(texts, atLeast: 6)
    #expect(inked > 1000, "the cell is painted")
  }

  @Test func heatmapWhoseColourRangeOverflows() throws {
    var f = Figure(name: "heat")
    let scale = ColorScale(colormap: .viridis, low: -Self.big, high: Self.big)
    f.main.add(.heatmap(Heatmap(grid: GridData(xs: [0, 1], ys: [0], z: [[-Self.big, Self.big]]), scale: scale)))
    f.main.colorbar = ColorbarSpec(scale: scale)
    #expect(scale.fraction(Self.big) == 1 && scale.fraction(-Self.big) == 0 && scale.fraction(0) == 0.5)
    let (texts, inked) = try Self.draw(f, counting: Colormap.viridis.color(at: 1))
    Self.expectNumericLabels(texts, atLeast: 6)
    #expect(inked > 1000)
  }

  @Test func histogramOfValuesSpanningAllDoubles() throws {
    let h = try #require(Histogram(values: [1e308, -1e308], bins: 10))
    #expect(h.counts == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    #expect(h.edges.first == -1e308 && h.edges.last == 1e308 && h.edges.allSatisfy(\.isFinite))
    #expect(abs(h.binWidth / 2e307 - 1) < 1e-12)
    var f = Figure(name: "hist")
    f.main.add(.bars(BarSeries(xs: h.centers, heights: h.counts, width: h.binWidth)))
    let (texts, inked) = try Self.draw(f, counting: PlotColor.cycle(0))
    Self.expectNumericLabels(texts, atLeast: 4)
    #expect(inked > 500, "both outer bars are drawn")
  }

  @Test func histogramBinsFollowNumpy() throws {
    let h = try #require(Histogram(values: [0, 1, 2, 3, 4, .nan, .infinity], bins: 4))
    #expect(h.edges == [0, 1, 2, 3, 4])
    #expect(h.counts == [1, 1, 1, 2])
    let constant = try #require(Histogram(values: [3, 3], bins: 2))
    #expect(constant.edges == [2.5, 3, 3.5] && constant.counts == [0, 2])
    let huge = try #require(Histogram(values: [1e308], bins: 3))
    #expect(huge.edges.allSatisfy(\.isFinite) && huge.counts.reduce(0, +) == 1)
    #expect(Histogram(values: [.nan], bins: 3) == nil)
  }

  @Test func scatterNearTheLargestDouble() throws {
    var f = Figure(name: "scatter")
    var s = ScatterSeries(xs: [0, 1, 2], ys: [Self.big, -Self.big, 1.6e308], color: .black)
    s.edgeColor = .black
    f.main.add(.scatter(s))
    let (texts, inked) = try Self.draw(f, counting: .black)
    Self.expectNumericLabels(texts, atLeast: 4)
    #expect(inked > 30, "three markers")
  }

  /// The loss of gd on x² − y² runs to −∞: the finite part is drawn (values down to −1.7e308).
  @Test func lossCurveRunningToMinusInfinity() throws {
    var ys = (0..<60).map { -pow(1.44, Double($0) * 32) }
    ys += [-.infinity, .nan]
    let (texts, inked) = try Self.draw(Self.line(ys), counting: .black)
    Self.expectNumericLabels(texts, atLeast: 4)
    #expect(inked > 100)
  }

  @Test func lossCurveAtAFiniteHugeValue() throws {
    let flat = Self.line(Array(repeating: 1e308, count: 200))
    Self.expectNumericLabels(try Self.draw(flat, counting: .black).texts, atLeast: 4)
    var log = flat
    log.main.yscale = .log
    Self.expectNumericLabels(try Self.draw(log, counting: .black).texts, atLeast: 2)
    var logWide = Self.line([1e-300, Self.big])
    logWide.main.yscale = .log
    Self.expectNumericLabels(try Self.draw(logWide, counting: .black).texts, atLeast: 4)
  }

  @Test func subnormalAndSignedZeroData() throws {
    for ys in [[5e-324, 1e-323], [-0.0, 0.0], [Double.leastNormalMagnitude, 2 * Double.leastNormalMagnitude]] {
      let (texts, _) = try Self.draw(Self.line(ys), counting: .black)
      Self.expectNumericLabels(texts, atLeast: 4)
    }
  }

  @Test func limitsStayFinite() {
    var ax = Axes()
    ax.add(.line(LineSeries(xs: [-Self.big, Self.big], ys: [Self.big, Self.big])))
    let (x, y) = ax.viewLimits()
    #expect(x.lowerBound.isFinite && x.upperBound.isFinite && y.lowerBound.isFinite && y.upperBound.isFinite)
    #expect(x.lowerBound == -Double.greatestFiniteMagnitude && x.upperBound == .greatestFiniteMagnitude)
    #expect(y.lowerBound < Self.big && y.upperBound > Self.big)
  }

  @Test func formatterLabelsExtremeTicks() {
    let ticks = [-1.5e308, -1e308, -5e307, 0, 5e307, 1e308, 1.5e308, .infinity]
    let f = ScalarFormatter(locs: ticks, vmin: -Self.big, vmax: Self.big)
    #expect(f.orderOfMagnitude == 308)
    #expect(f.label(1e308) == "1.0")
    #expect(ScalarFormatter.formatData(.infinity) == "inf")
    #expect(ScalarFormatter.formatData(1e308) == "1e308")
  }
}
