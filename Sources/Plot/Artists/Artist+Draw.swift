import Foundation
import Raster

extension Artist {
  /// Draws the artist inside `frame` (clipped to the axes box); stops with
  /// `RasterError.cancelled` when `ctx`'s cancellation check turns true.
  func draw(on r: Renderer, frame f: AxesFrame, _ ctx: DrawContext) throws {
    switch self {
    case .line(let l): try Self.drawLine(l, r, f, ctx)
    case .scatter(let s): try Self.drawScatter(s, r, f, ctx)
    case .filledContour(let c): Self.drawFilledContour(c, r, f)
    case .contourLines(let c): Self.drawContourLines(c, r, f)
    case .heatmap(let h): try Self.drawHeatmap(h, r, f)
    case .bars(let b): try Self.drawBars(b, r, f)
    case .quiver(let q): Self.drawQuiver(q, r, f)
    case .annotation(let a):
      let p = f.point(a.x, a.y)
      guard p.isFinite else { return }
      try r.draw(
        text: a.text, at: p, style: TextStyle(size: a.size * f.px, color: a.color),
        clip: nil)
    }
  }

  /// The line, cleaned point by point (no copy of its points; long lines simplified as
  /// matplotlib does), then arrows and markers.
  private static func drawLine(_ l: LineSeries, _ r: Renderer, _ f: AxesFrame, _ ctx: DrawContext) throws {
    let color = PlotColor.withAlpha(l.color ?? PlotColor.cycle(0), l.alpha)
    let n = min(l.xs.count, l.ys.count)
    if l.width > 0,
      let style = try? StrokeStyle(
        width: l.width * f.px, cap: .butt, join: .round, dashes: l.dashes.map { $0 * f.px })
    {
      var cleaner = LineCleaner(clip: f.pathClip, mode: n >= LineCleaner.runsFrom ? .runs : .cone)
      for k in 0..<n {
        if k % 65536 == 65535 { try ctx.checkCancelled() }
        cleaner.add(f.point(l.xs[k], l.ys[k]))
      }
      if let path = PathCleaning.path(cleaner.finish()) { r.stroke(path, color: color, style: style, clip: f.box) }
    }
    guard l.arrowEvery > 0 || l.marker != nil else { return }
    let pts = (0..<n).map { f.point(l.xs[$0], l.ys[$0]) }
    if l.arrowEvery > 0 { drawArrows(pts, every: l.arrowEvery, width: l.width * f.px, color, r, f) }
    if let m = l.marker {
      try MarkerPainter(
        marker: m, size: l.markerSize * f.px, face: l.markerFill ?? color,
        edge: l.markerEdgeColor ?? color, edgeWidth: l.markerEdgeWidth * f.px
      ).draw(pts, on: r, clip: f.box, isCancelled: ctx.isCancelled)
    }
  }

  /// Filled arrowheads at the middle of every `every`-th segment, pointing along the line.
  private static func drawArrows(
    _ pts: [Point], every: Int, width: Double, _ color: Color, _ r: Renderer, _ f: AxesFrame
  ) {
    let size = max(width * 3.5, 4 * f.px)
    for k in stride(from: 0, to: pts.count - 1, by: every) {
      let (a, b) = (pts[k], pts[k + 1])
      let (dx, dy) = (b.x - a.x, b.y - a.y)
      let len = (dx * dx + dy * dy).squareRoot()
      guard len > 0.5, a.isFinite, b.isFinite else { continue }
      let (ux, uy) = (dx / len, dy / len)
      // Centred on the segment's middle.
      let tip = Point(x: (a.x + b.x) / 2 + ux * size / 2, y: (a.y + b.y) / 2 + uy * size / 2)
      let base = Point(x: tip.x - ux * size, y: tip.y - uy * size)
      let h = size * 0.45
      let head = [tip, Point(x: base.x - uy * h, y: base.y + ux * h), Point(x: base.x + uy * h, y: base.y - ux * h)]
      if let path = try? Path.polyline(head, closed: true) { r.fill(path, color: color, clip: f.box) }
    }
  }

  /// All markers in one renderer call (rasters stamp one pre-rendered marker), coloured per
  /// point through the colour map when the series has values.
  private static func drawScatter(_ s: ScatterSeries, _ r: Renderer, _ f: AxesFrame, _ ctx: DrawContext) throws {
    let size = s.size.squareRoot() * f.px
    let n = min(s.xs.count, s.ys.count)
    let edge = s.edgeColor.map { PlotColor.withAlpha($0, s.alpha) }
    var faces = [PlotColor.withAlpha(s.color ?? PlotColor.cycle(0), s.alpha)]
    if let values = s.values {
      var lo = Double.infinity
      var hi = -Double.infinity
      for v in values where v.isFinite { (lo, hi) = (min(lo, v), max(hi, v)) }
      let scale = ColorScale(colormap: s.colormap, low: lo.isFinite ? lo : 0, high: hi.isFinite ? hi : 1)
      faces = (0..<n).map { k in PlotColor.withAlpha(k < values.count ? scale.color(values[k]) : .transparent, s.alpha)
      }
    }
    guard !faces.isEmpty else { return }
    try MarkerPainter(marker: s.marker, size: size, faces: faces, edge: edge, edgeWidth: s.edgeWidth * f.px)
      .draw(count: n, { f.point(s.xs[$0], s.ys[$0]) }, on: r, clip: f.box, isCancelled: ctx.isCancelled)
  }

  /// Grid coordinates (fractional column/row indices) → device points, by linear interpolation.
  static func gridMap(_ g: GridData, _ f: AxesFrame) -> (Double, Double) -> Point {
    let xs = g.xs
    let ys = g.ys
    func interp(_ v: [Double], _ t: Double) -> Double {
      let k = Int(clamping: t, to: 0...(v.count - 2), nan: 0)
      return v[k] + (t - Double(k)) * (v[k + 1] - v[k])
    }
    return { j, i in f.point(interp(xs, j), interp(ys, i)) }
  }

  private static func drawFilledContour(_ c: FilledContour, _ r: Renderer, _ f: AxesFrame) {
    guard c.grid.xs.count >= 2, c.grid.ys.count >= 2 else { return }
    let squares = MarchingSquares(grid: c.grid, map: gridMap(c.grid, f))
    // Painter's order: each band paints everything at or above its lower level, so band
    // boundaries are drawn over opaque colour and never show a seam.
    for k in 0..<max(c.levels.count - 1, 0) {
      let mid = (c.levels[k] + c.levels[k + 1]) / 2
      let color = c.scale.log ? c.scale.color((c.levels[k] * c.levels[k + 1]).squareRoot()) : c.scale.color(mid)
      let polys = squares.regionAtOrAbove(k == 0 && c.extendBelow ? -.infinity : c.levels[k])
      guard let path = PathCleaning.path(polys, closed: true) else { continue }
      r.fill(path, color: color, clip: f.box, antialiased: false)
    }
  }

  private static func drawContourLines(_ c: ContourLines, _ r: Renderer, _ f: AxesFrame) {
    guard c.grid.xs.count >= 2, c.grid.ys.count >= 2,
      let style = try? StrokeStyle(width: c.width * f.px, join: .round)
    else { return }
    let squares = MarchingSquares(grid: c.grid, map: gridMap(c.grid, f))
    let color = PlotColor.withAlpha(c.color, c.alpha)
    for level in c.levels {
      let lines = squares.lines(at: level).map { PathCleaning.simplify($0) }
      if let path = PathCleaning.path(lines) { r.stroke(path, color: color, style: style, clip: f.box) }
    }
  }

  private static func drawHeatmap(_ h: Heatmap, _ r: Renderer, _ f: AxesFrame) throws {
    let (w, hgt) = (h.grid.xs.count, h.grid.ys.count)
    guard w >= 1, hgt >= 1 else { return }
    var bytes = [UInt8](repeating: 0, count: w * hgt * 4)
    for i in 0..<hgt {
      for j in 0..<w {
        let c = h.scale.color(h.grid.z[i][j])
        let o = ((hgt - 1 - i) * w + j) * 4
        (bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]) = (c.red, c.green, c.blue, c.alpha)
      }
    }
    let image = try Pixmap(width: w, height: hgt, straightRGBA: bytes)
    let dx = w > 1 ? (h.grid.xs[w - 1] - h.grid.xs[0]) / Double(w - 1) / 2 : 0.5
    let dy = hgt > 1 ? (h.grid.ys[hgt - 1] - h.grid.ys[0]) / Double(hgt - 1) / 2 : 0.5
    let p0 = f.point(h.grid.xs[0] - dx, h.grid.ys[hgt - 1] + dy)
    let p1 = f.point(h.grid.xs[w - 1] + dx, h.grid.ys[0] - dy)
    // Cells whose edges lie beyond the largest double have no place on the canvas.
    guard p0.isFinite, p1.isFinite, p1.x != p0.x, p1.y != p0.y else { return }
    try r.draw(
      image: image, in: PlotRect(x: p0.x, y: p0.y, width: p1.x - p0.x, height: p1.y - p0.y),
      smooth: false, clip: f.box)
  }

  private static func drawBars(_ b: BarSeries, _ r: Renderer, _ f: AxesFrame) throws {
    let color = b.color ?? PlotColor.cycle(0)
    for (x, h) in zip(b.xs, b.heights) where x.isFinite && h.isFinite {
      let p0 = f.point(x - b.width / 2, b.bottom + h)
      let p1 = f.point(x + b.width / 2, b.bottom)
      guard p0.isFinite, p1.isFinite,
        let path = try? Path.rectangle(x: p0.x, y: p0.y, width: p1.x - p0.x, height: p1.y - p0.y)
      else { continue }
      r.fill(path, color: color, clip: f.box)
      if let e = b.edgeColor, let s = try? StrokeStyle(width: f.px) { r.stroke(path, color: e, style: s, clip: f.box) }
      if let d = b.valueLabelDecimals {
        try r.draw(
          text: String(format: "%.\(d)f", h), at: Point(x: (p0.x + p1.x) / 2, y: min(p0.y, p1.y) - 2 * f.px),
          style: TextStyle(size: 8 * f.px, horizontal: .center, vertical: .bottom), clip: nil)
      }
    }
  }

  private static func drawQuiver(_ q: QuiverField, _ r: Renderer, _ f: AxesFrame) {
    let n = min(q.xs.count, q.ys.count, q.us.count, q.vs.count)
    // Lengths by `hypot` (scaled, as `dnrm2`): u² + v² would overflow for components near
    // 1e200 and underflow near 1e-200, and such arrows would vanish.
    var longest = 0.0
    for k in 0..<n {
      let len = hypot(q.us[k], q.vs[k])
      if len.isFinite { longest = max(longest, len) }
    }
    guard longest > 0, let style = try? StrokeStyle(width: 1.2 * f.px, cap: .butt) else { return }
    let spacing = f.box.width / max(Double(n).squareRoot(), 1)
    let longestArrow = 0.9 * spacing
    for k in 0..<n {
      let a = f.point(q.xs[k], q.ys[k])
      // Divided by the longest first (≤ 1), so a subnormal longest cannot make the scale ∞.
      let dx: Double = q.us[k] / longest * longestArrow
      let dy: Double = -q.vs[k] / longest * longestArrow
      let len = hypot(dx, dy)
      guard a.isFinite, len.isFinite, len > 0.5 else { continue }
      let b = Point(x: a.x + dx, y: a.y + dy)
      let head = min(len * 0.4, 6 * f.px)
      let (ux, uy) = (dx / len, dy / len)
      let base = Point(x: b.x - ux * head, y: b.y - uy * head)
      if let shaft = try? Path.polyline([a, base]) { r.stroke(shaft, color: q.color, style: style, clip: f.box) }
      let w = head * 0.5
      let tri = [b, Point(x: base.x - uy * w, y: base.y + ux * w), Point(x: base.x + uy * w, y: base.y - ux * w)]
      if let p = try? Path.polyline(tri, closed: true) { r.fill(p, color: q.color, clip: f.box) }
    }
  }
}
