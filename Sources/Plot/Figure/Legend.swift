import Raster

/// A legend laid out for one axes: entries from labelled artists, sized with matplotlib's
/// legend parameters and placed at a fixed location or where it covers the least data.
struct Legend {
  enum Handle {
    case line(LineSeries)
    case marker(ScatterSeries)
    case patch(Color)
  }

  let entries: [(String, Handle)]
  let axes: Axes
  let spec: LegendSpec
  let ctx: DrawContext

  init(axes: Axes, spec: LegendSpec, _ ctx: DrawContext) {
    var list: [(String, Handle)] = []
    for a in axes.artists {
      switch a {
      case .line(let l): if let t = l.label { list.append((t, .line(l))) }
      case .scatter(let s): if let t = s.label { list.append((t, .marker(s))) }
      case .bars(let b): if let t = b.label { list.append((t, .patch(b.color ?? PlotColor.cycle(0)))) }
      default: break
      }
    }
    (entries, self.axes, self.spec, self.ctx) = (list, axes, spec, ctx)
  }

  private var em: Double { spec.fontSize * ctx.px }
  private var rowsPerColumn: Int { (entries.count + spec.columns - 1) / max(spec.columns, 1) }
  private var rowHeight: Double { ctx.lineHeight(spec.fontSize) }

  private var columnWidths: [Double] {
    (0..<spec.columns).map { c in
      let texts = entries.indices.filter { $0 / rowsPerColumn == c }.map { ctx.width(entries[$0].0, spec.fontSize) }
      return (PlotStyle.legendHandleLength + PlotStyle.legendHandleTextPad) * em + (texts.max() ?? 0)
    }
  }

  /// The legend's size in pixels.
  var size: (width: Double, height: Double) {
    let w = columnWidths.reduce(0, +) + Double(spec.columns - 1) * PlotStyle.legendColumnSpacing * em
    let rows = Double(rowsPerColumn)
    let h = rows * rowHeight + (rows - 1) * PlotStyle.legendLabelSpacing * em
    return (w + 2 * PlotStyle.legendBorderPad * em, h + 2 * PlotStyle.legendBorderPad * em)
  }

  /// The legend box at `location` inside the axes box.
  func box(at location: LegendLocation, in axes: PlotRect) -> PlotRect {
    let (w, h) = size
    let pad = PlotStyle.legendBorderAxesPad * em
    let (left, right, cx) = (axes.x + pad, axes.maxX - pad - w, axes.x + (axes.width - w) / 2)
    let (top, bottom, cy) = (axes.y + pad, axes.maxY - pad - h, axes.y + (axes.height - h) / 2)
    let (x, y): (Double, Double)
    switch location {
    case .upperRight, .best: (x, y) = (right, top)
    case .upperLeft: (x, y) = (left, top)
    case .lowerLeft: (x, y) = (left, bottom)
    case .lowerRight: (x, y) = (right, bottom)
    case .right, .centerRight: (x, y) = (right, cy)
    case .centerLeft: (x, y) = (left, cy)
    case .lowerCenter: (x, y) = (cx, bottom)
    case .upperCenter: (x, y) = (cx, top)
    case .center: (x, y) = (cx, cy)
    }
    return PlotRect(x: x, y: y, width: w, height: h)
  }

  /// matplotlib's 'best': the first candidate (in its order) with the fewest data vertices
  /// inside plus line segments crossing the box plus bars overlapping it.
  func bestLocation(_ f: AxesFrame) -> LegendLocation {
    let order: [LegendLocation] = [
      .upperRight, .upperLeft, .lowerLeft, .lowerRight, .right, .centerLeft, .centerRight, .lowerCenter,
      .upperCenter, .center,
    ]
    var lines: [[Point]] = []
    var markers: [Point] = []
    var bars: [PlotRect] = []
    for a in axes.artists {
      switch a {
      case .line(let l): lines.append(zip(l.xs, l.ys).map { f.point($0, $1) })
      case .scatter(let s): markers += zip(s.xs, s.ys).map { f.point($0, $1) }
      case .bars(let b):
        for (x, h) in zip(b.xs, b.heights) {
          let p0 = f.point(x - b.width / 2, b.bottom + h)
          let p1 = f.point(x + b.width / 2, b.bottom)
          bars.append(
            PlotRect(x: min(p0.x, p1.x), y: min(p0.y, p1.y), width: abs(p1.x - p0.x), height: abs(p1.y - p0.y)))
        }
      default: break
      }
    }
    // Counted without copies: scatters and lines of 10⁶ points are common.
    func badness(_ box: PlotRect) -> Int {
      var n = bars.reduce(0) { $0 + ($1.intersects(box) ? 1 : 0) }
      n += markers.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
      for line in lines {
        n += line.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
        for k in line.indices.dropLast() where PathCleaning.clipSegment(line[k], line[k + 1], to: box) != nil {
          n += 1
        }
      }
      return n
    }
    let scores = order.map { badness(box(at: $0, in: f.box)) }
    return zip(order, scores).min { $0.1 < $1.1 }?.0 ?? .upperRight
  }

  func draw(on r: Renderer, _ f: AxesFrame) throws {
    guard !entries.isEmpty else { return }
    let location = spec.location == .best ? bestLocation(f) : spec.location
    let b = box(at: location, in: f.box)
    let radius = 0.2 * em
    if let frame = roundedRect(b, radius) {
      r.fill(frame, color: PlotColor.withAlpha(.white, 0.8), clip: nil)
      if let s = try? StrokeStyle(width: f.px) {
        r.stroke(frame, color: PlotColor.withAlpha(PlotColor.rgb(0xcccccc), 0.8), style: s, clip: nil)
      }
    }
    var x = b.x + PlotStyle.legendBorderPad * em
    let widths = columnWidths
    for (k, (text, handle)) in entries.enumerated() {
      let (c, row) = (k / rowsPerColumn, k % rowsPerColumn)
      if row == 0 && c > 0 { x += widths[c - 1] + PlotStyle.legendColumnSpacing * em }
      let cy =
        b.y + PlotStyle.legendBorderPad * em + Double(row) * (rowHeight + PlotStyle.legendLabelSpacing * em)
        + rowHeight / 2
      try drawHandle(handle, x: x, cy: cy, r, f)
      try r.draw(
        text: text, at: Point(x: x + (PlotStyle.legendHandleLength + PlotStyle.legendHandleTextPad) * em, y: cy),
        style: TextStyle(size: em, horizontal: .left, vertical: .center), clip: nil)
    }
  }

  private func drawHandle(_ h: Handle, x: Double, cy: Double, _ r: Renderer, _ f: AxesFrame) throws {
    let len = PlotStyle.legendHandleLength * em
    let mid = Point(x: x + len / 2, y: cy)
    switch h {
    case .line(let l):
      let color = l.color ?? PlotColor.cycle(0)
      // The entry strokes like its line (dash pattern and transparency included).
      if l.width > 0, let s = try? StrokeStyle(width: l.width * f.px, cap: .butt, dashes: l.dashes.map { $0 * f.px }),
        let p = try? Path.polyline([Point(x: x, y: cy), Point(x: x + len, y: cy)])
      {
        r.stroke(p, color: PlotColor.withAlpha(color, l.alpha), style: s, clip: nil)
      }
      if let m = l.marker {
        try MarkerPainter(
          marker: m, size: l.markerSize * f.px, face: l.markerFill ?? color, edge: l.markerEdgeColor ?? color,
          edgeWidth: l.markerEdgeWidth * f.px
        ).draw([mid], on: r, clip: PlotRect(x: 0, y: 0, width: Double(r.width), height: Double(r.height)))
      }
    case .marker(let s):
      try MarkerPainter(
        marker: s.marker, size: s.size.squareRoot() * f.px,
        face: PlotColor.withAlpha(s.color ?? PlotColor.cycle(0), s.alpha), edge: s.edgeColor,
        edgeWidth: s.edgeWidth * f.px
      ).draw([mid], on: r, clip: PlotRect(x: 0, y: 0, width: Double(r.width), height: Double(r.height)))
    case .patch(let c):
      let h = 0.7 * em
      if let p = try? Path.rectangle(x: x, y: cy - h / 2, width: len, height: h) { r.fill(p, color: c, clip: nil) }
    }
  }

  private func roundedRect(_ b: PlotRect, _ rad: Double) -> Path? {
    var p = PathBuilder()
    let k = 0.5523 * rad
    do {
      try p.move(to: Point(x: b.x + rad, y: b.y))
      try p.line(to: Point(x: b.maxX - rad, y: b.y))
      try p.cubic(
        to: Point(x: b.maxX, y: b.y + rad), control1: Point(x: b.maxX - rad + k, y: b.y),
        control2: Point(x: b.maxX, y: b.y + rad - k))
      try p.line(to: Point(x: b.maxX, y: b.maxY - rad))
      try p.cubic(
        to: Point(x: b.maxX - rad, y: b.maxY), control1: Point(x: b.maxX, y: b.maxY - rad + k),
        control2: Point(x: b.maxX - rad + k, y: b.maxY))
      try p.line(to: Point(x: b.x + rad, y: b.maxY))
      try p.cubic(
        to: Point(x: b.x, y: b.maxY - rad), control1: Point(x: b.x + rad - k, y: b.maxY),
        control2: Point(x: b.x, y: b.maxY - rad + k))
      try p.line(to: Point(x: b.x, y: b.y + rad))
      try p.cubic(
        to: Point(x: b.x + rad, y: b.y), control1: Point(x: b.x, y: b.y + rad - k),
        control2: Point(x: b.x + rad - k, y: b.y))
      try p.close()
      return try p.build()
    } catch { return nil }
  }
}
