import Foundation
import Raster

extension Marker {
  /// The marker outline centred at `c` for a marker `size` pixels across (matplotlib's
  /// unit shapes scaled by markersize). Crosses and pluses are open strokes (`filled` false).
  func path(at c: Point, size s: Double) -> Path? {
    let r = s / 2
    switch self {
    case .circle: return try? Path.circle(center: c, radius: r)
    case .square: return try? Path.rectangle(x: c.x - r, y: c.y - r, width: s, height: s)
    case .diamond:
      let d = r * 2.0.squareRoot() * 0.5 * 1.2
      return polygon(c, [(0, -d), (d, 0), (0, d), (-d, 0)])
    case .triangle: return polygon(c, [(0, -r), (-r, r), (r, r)])
    case .star:
      let inner = 0.381966
      let pts = (0..<10).map { k -> (Double, Double) in
        let a = Double(k) * .pi / 5 - .pi / 2
        let rr = k % 2 == 0 ? r : r * inner
        return (rr * cos(a), rr * sin(a))
      }
      return polygon(c, pts)
    case .cross:
      return segments(c, [((-r, -r), (r, r)), ((-r, r), (r, -r))])
    case .plus:
      return segments(c, [((-r, 0), (r, 0)), ((0, -r), (0, r))])
    }
  }

  /// Whether the marker has an area to fill (crosses and pluses are only stroked).
  var filled: Bool { self != .cross && self != .plus }

  private func polygon(_ c: Point, _ pts: [(Double, Double)]) -> Path? {
    try? Path.polyline(pts.map { Point(x: c.x + $0.0, y: c.y + $0.1) }, closed: true)
  }

  private func segments(_ c: Point, _ segs: [((Double, Double), (Double, Double))]) -> Path? {
    var b = PathBuilder()
    for (a, e) in segs {
      try? b.move(to: Point(x: c.x + a.0, y: c.y + a.1))
      try? b.line(to: Point(x: c.x + e.0, y: c.y + e.1))
    }
    return try? b.build()
  }
}

/// Draws markers: fill then edge, one operation per marker (each may be translucent).
struct MarkerPainter {
  let marker: Marker
  let size: Double
  let face: Color
  let edge: Color?
  let edgeWidth: Double

  func draw(_ points: [Point], on r: Renderer, clip: PlotRect) {
    let style = try? StrokeStyle(width: edgeWidth, join: .miter)
    for q in points where q.isFinite && clip.contains(q) {
      // Centres snap to pixel centres (as Agg stamps markers): every marker gets the same
      // pixels, which looks crisper and compresses far better in PNG.
      let p = Point(x: q.x.rounded(.down) + 0.5, y: q.y.rounded(.down) + 0.5)
      guard let path = marker.path(at: p, size: size) else { continue }
      if marker.filled {
        r.fill(path, color: face, clip: clip)
        if let edge, let style, edgeWidth > 0 { r.stroke(path, color: edge, style: style, clip: clip) }
      } else if let style {
        r.stroke(path, color: edge ?? face, style: style, clip: clip)
      }
    }
  }
}
