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

/// Draws markers through the renderer's `drawMarkers`: fill then edge per marker, in order
/// (each may be translucent), only those whose centre lies inside the clip.
struct MarkerPainter {
  let marker: Marker
  let size: Double
  /// One face colour for all points, or one per point.
  let faces: [Color]
  let edge: Color?
  let edgeWidth: Double

  init(marker: Marker, size: Double, face: Color, edge: Color?, edgeWidth: Double) {
    self.init(marker: marker, size: size, faces: [face], edge: edge, edgeWidth: edgeWidth)
  }

  init(marker: Marker, size: Double, faces: [Color], edge: Color?, edgeWidth: Double) {
    (self.marker, self.size, self.faces, self.edge, self.edgeWidth) = (marker, size, faces, edge, edgeWidth)
  }

  /// Draws at `count` points given by `point(k)` (device pixels); one allocation for the
  /// kept points, none per point.
  func draw(
    count: Int, _ point: (Int) -> Point, on r: Renderer, clip: PlotRect, isCancelled: () -> Bool
  ) throws(RasterError) {
    guard !faces.isEmpty, let path = marker.path(at: Point(x: 0, y: 0), size: size) else { return }
    var kept: [Point] = []
    var keptFaces: [Color] = []
    // Reserved up front: growing by doubling copied and faulted in 10⁶ points several times.
    kept.reserveCapacity(count)
    if faces.count > 1 { keptFaces.reserveCapacity(count) }
    for k in 0..<count {
      if k % 65536 == 65535, isCancelled() { throw .cancelled }
      let q = point(k)
      guard q.isFinite, clip.contains(q) else { continue }
      // Centres snap to pixel centres (as Agg stamps markers): every marker gets the same
      // pixels, which looks crisper, compresses far better in PNG and lets rasters stamp.
      kept.append(Point(x: q.x.rounded(.down) + 0.5, y: q.y.rounded(.down) + 0.5))
      if faces.count > 1 { keptFaces.append(faces[min(k, faces.count - 1)]) }
    }
    guard !kept.isEmpty else { return }
    let batch = MarkerBatch(
      path: path, filled: marker.filled, points: kept, faces: faces.count > 1 ? keptFaces : faces, edge: edge,
      edgeStyle: try? StrokeStyle(width: edgeWidth, join: .miter))
    try r.drawMarkers(batch, clip: clip, isCancelled: isCancelled)
  }

  /// Draws at `points` (device pixels).
  func draw(_ points: [Point], on r: Renderer, clip: PlotRect, isCancelled: () -> Bool = { false })
    throws(RasterError)
  {
    try draw(count: points.count, { points[$0] }, on: r, clip: clip, isCancelled: isCancelled)
  }
}
