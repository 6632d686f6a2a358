import Foundation
import Raster
import Testing
import _TestSupport

@testable import Plot

/// Figures of many points: long lines simplified as matplotlib does (same extent, within the
/// tolerance), markers stamped (same pixels as one fill and stroke each), drawing that stops
/// when asked.
@Suite struct LargeDataTests {
  /// A deterministic noisy line: many points per pixel column.
  static func noisy(_ n: Int) -> [Point] {
    (0..<n).map { i in
      Point(x: 20 + 300 * Double(i) / Double(n), y: 120 + 60 * sin(Double(i) / 500) + 25 * sin(7919.3 * Double(i)))
    }
  }

  static func distance(_ p: Point, _ a: Point, _ b: Point) -> Double {
    let (dx, dy) = (b.x - a.x, b.y - a.y)
    let len2 = dx * dx + dy * dy
    let t = len2 == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2))
    let (ex, ey) = (a.x + t * dx - p.x, a.y + t * dy - p.y)
    return (ex * ex + ey * ey).squareRoot()
  }

  /// Every input point lies within two tolerances of the simplified line (matplotlib's run
  /// bound: the point and the run's extremes may sit on opposite sides of its direction), the
  /// vertical extent is kept, and a dense line collapses to a few vertices per pixel column.
  @Test func runSimplificationKeepsExtentWithinTolerance() throws {
    let points = Self.noisy(20_000)
    var runs = RunSimplifier(start: points[0])
    for p in points.dropFirst() { runs.add(p) }
    let out = runs.finish()
    // A run ends once the line has moved 1/9 px across its (vertical) direction: at most
    // ten runs of three vertices per pixel column, where the input has 67 points.
    #expect(out.count < 300 * 30, "\(out.count) vertices for 300 columns")
    #expect(out.first == points.first && out.last == points.last)
    #expect(out.map(\.y).min() == points.map(\.y).min() && out.map(\.y).max() == points.map(\.y).max())
    var worst = 0.0
    var j = 0
    for p in points {
      // The output is monotone in x within a tolerance: search segments near the last match.
      var best = Double.infinity
      for k in max(0, j - 40)..<min(out.count - 1, j + 400) {
        let d = Self.distance(p, out[k], out[k + 1])
        if d < best { (best, j) = (d, k) }
      }
      worst = max(worst, best)
    }
    #expect(worst <= 2 * PathCleaning.simplifyTolerance + 1e-9, "deviation \(worst)")
  }

  @Test func runSimplificationMergesCollinearAndRepeatedPoints() {
    var runs = RunSimplifier(start: Point(x: 0, y: 0))
    for k in 1...100 { runs.add(Point(x: Double(k), y: 0)) }
    runs.add(Point(x: 100, y: 0))
    for k in 1...50 { runs.add(Point(x: 100, y: Double(k))) }
    #expect(runs.finish() == [Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 100, y: 50)])
  }

  /// A stand-in that draws like `RasterRenderer` but markers one fill and one stroke each
  /// (the protocol's default), to check the stamped markers against.
  final class PerMarkerRenderer: Renderer {
    let inner: RasterRenderer
    init(width: Int, height: Int) throws { inner = try RasterRenderer(width: width, height: height) }
    var width: Int { inner.width }
    var height: Int { inner.height }
    func fill(_ path: Path, color: Color, clip: PlotRect?, antialiased: Bool) {
      inner.fill(path, color: color, clip: clip, antialiased: antialiased)
    }
    func stroke(_ path: Path, color: Color, style: StrokeStyle, clip: PlotRect?) {
      inner.stroke(path, color: color, style: style, clip: clip)
    }
    func draw(text: String, at p: Point, style: TextStyle, clip: PlotRect?) throws(RasterError) {
      try inner.draw(text: text, at: p, style: style, clip: clip)
    }
    func draw(image: Pixmap, in rect: PlotRect, smooth: Bool, clip: PlotRect?) throws(RasterError) {
      try inner.draw(image: image, in: rect, smooth: smooth, clip: clip)
    }
  }

  @Test func stampedMarkersMatchOneFillAndStrokeEach() throws {
    var f = Figure(width: 3.2, height: 2.4, name: "markers")
    for (k, m) in Marker.allCases.enumerated() {
      var s = ScatterSeries(
        xs: (0..<40).map { Double($0 % 9) + 0.3 * Double(k) }, ys: (0..<40).map { Double($0 / 9 + k) })
      s.marker = m
      s.alpha = 0.7
      s.edgeColor = .black
      if k % 2 == 0 { s.values = (0..<40).map(Double.init) }
      f.main.add(.scatter(s))
    }
    let (w, h) = f.pixelSize(scale: 2)
    let stamped = try RasterRenderer(width: w, height: h)
    try f.render(to: stamped, scale: 2)
    let reference = try PerMarkerRenderer(width: w, height: h)
    try f.render(to: reference, scale: 2)
    var worst = 0
    for (a, b) in zip(stamped.pixmap.data, reference.inner.pixmap.data) { worst = max(worst, abs(Int(a) - Int(b))) }
    #expect(worst <= 2, "largest channel difference \(worst)")
  }

  /// Drawing polls the caller's check and stops with `.cancelled` (lines, scatters).
  @Test func drawingStopsWhenCancelled() throws {
    let n = 300_000
    let xs = (0..<n).map { Double($0) }
    let ys = (0..<n).map { sin(Double($0)) }
    for artist in [Artist.line(LineSeries(xs: xs, ys: ys)), .scatter(ScatterSeries(xs: xs, ys: ys))] {
      var f = Figure(name: "big")
      f.main.add(artist)
      let r = try RasterRenderer(width: 640, height: 480)
      var polls = 0
      #expect(throws: RasterError.cancelled) {
        try f.render(to: r) {
          polls += 1
          return polls > 2
        }
      }
      #expect(polls == 3)
    }
  }

  /// A line of 10⁶ noisy points draws as its envelope: the band between the extremes is
  /// inked and the result matches drawing a tenth of the points closely.
  @Test func millionPointLineDrawsItsEnvelope() throws {
    let n = 1_000_000
    let xs = (0..<n).map { Double($0) / Double(n) }
    let ys = (0..<n).map { i in sin(6 * Double(i) / Double(n)) + 0.2 * sin(7919.3 * Double(i)) }
    var f = Figure(name: "line")
    f.main.add(.line(LineSeries(xs: xs, ys: ys, color: .black)))
    let r = try RasterRenderer(width: 640, height: 480)
    try f.render(to: r)
    let frame = f.main.viewLimits()
    // At x = 0.5 the band spans sin(3) ± 0.2: the pixels at its centre are inked.
    let box = (x: 0.125 * 640, width: 0.775 * 640, y: 0.12 * 480, height: 0.77 * 480)
    let px = Int(box.x + (0.5 - frame.x.lowerBound) / (frame.x.upperBound - frame.x.lowerBound) * box.width)
    let mid = sin(3.0)
    let py = Int(
      box.y + box.height - (mid - frame.y.lowerBound) / (frame.y.upperBound - frame.y.lowerBound) * box.height)
    let c = try #require(r.pixmap.pixel(x: px, y: py))
    #expect(c.red < 80, "inked at the band's centre: \(c)")
  }
}
