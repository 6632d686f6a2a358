import Foundation
import Raster
import Testing

@testable import Plot

/// Figures of every artist kind built from seeded extreme data (±∞, NaN, ±1.7e308,
/// subnormals, ±0, constants, one point, empty) on linear and log axes: each renders to
/// pixels and to SVG without trapping, or throws a `RasterError` that says why.
@Suite struct ExtremeFigureFuzzTests {
  struct Source {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    static let specials: [Double] = [
      .infinity, -.infinity, .nan, 1.7e308, -1.7e308, 5e-324, -5e-324, 2.2e-308, 0, -0.0, 1, -1, 1e300, -1e-300,
    ]
    mutating func number() -> Double {
      below(3) == 0 ? Double(below(2001)) / 13 - 77 : Self.specials[below(Self.specials.count)]
    }
    mutating func vector(_ n: Int? = nil) -> [Double] {
      let count = n ?? [0, 1, 2, 5, 30][below(5)]
      if below(4) == 0 { return Array(repeating: number(), count: count) }
      return (0..<count).map { _ in number() }
    }
    mutating func grid() -> GridData {
      let (r, c) = (1 + below(4), 1 + below(4))
      return GridData(xs: vector(c), ys: vector(r), z: (0..<r).map { _ in vector(c) })
    }
  }

  static func artist(_ g: inout Source) -> Artist {
    switch g.below(8) {
    case 0:
      let y = g.vector()
      var l = LineSeries(xs: g.vector(y.count), ys: y)
      if g.below(2) == 0 { l.marker = .circle }
      if g.below(3) == 0 { l.arrowEvery = 1 }
      return .line(l)
    case 1:
      let y = g.vector()
      var s = ScatterSeries(xs: g.vector(y.count), ys: y)
      if g.below(2) == 0 { s.values = g.vector(y.count) }
      s.edgeColor = .black
      return .scatter(s)
    case 2:
      let scale = ColorScale(low: g.number(), high: g.number(), log: g.below(2) == 0)
      return .filledContour(FilledContour(grid: g.grid(), levels: g.vector(), scale: scale))
    case 3: return .contourLines(ContourLines(grid: g.grid(), levels: g.vector()))
    case 4: return .heatmap(Heatmap(grid: g.grid(), scale: ColorScale(low: g.number(), high: g.number())))
    case 5:
      let h = g.vector()
      var b = BarSeries(xs: g.vector(h.count), heights: h, width: abs(g.number()))
      b.valueLabelDecimals = g.below(2) == 0 ? 2 : nil
      return .bars(b)
    case 6:
      let n = g.below(6)
      return .quiver(QuiverField(xs: g.vector(n), ys: g.vector(n), us: g.vector(n), vs: g.vector(n)))
    default: return .annotation(Annotation("a", x: g.number(), y: g.number()))
    }
  }

  static func figure(_ g: inout Source) -> Figure {
    var f = Figure(width: 3.2, height: 2.4, name: "fuzz")
    for _ in 0...g.below(3) { f.main.add(artist(&g)) }
    if g.below(4) == 0 { f.main.xscale = .log }
    if g.below(4) == 0 { f.main.yscale = .log }
    if g.below(5) == 0 {
      let (a, b) = (g.number(), g.number())
      if a.isFinite, b.isFinite, a < b { f.main.ylimits = a...b }
    }
    if g.below(3) == 0 { f.main.legend = LegendSpec() }
    if g.below(3) == 0 {
      f.main.colorbar = ColorbarSpec(
        scale: ColorScale(low: g.number(), high: g.number()), levels: g.below(2) == 0 ? g.vector() : nil)
    }
    f.main.equalAspect = g.below(4) == 0
    return f
  }

  @Test func extremeFiguresRenderOrSayWhy() throws {
    var g = Source(state: 20_261_202)
    var drawn = 0
    for k in 0..<150 {
      let f = Self.figure(&g)
      do {
        let r = try RasterRenderer(width: 320, height: 240)
        try f.render(to: r)
        _ = try f.svg()
        drawn += 1
      } catch let e as RasterError {
        #expect(!e.description.isEmpty, "figure \(k)")
      } catch let e as TickError {
        #expect(!e.description.isEmpty, "figure \(k)")
      }
    }
    #expect(drawn > 100, "only \(drawn) of 150 figures drew")
  }
}
