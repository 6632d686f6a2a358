import Foundation
import Raster

/// Turns device-space polylines from data into drawable pieces, as matplotlib's path
/// cleaning does: non-finite points cut the line (gaps), pieces are clipped to a box around
/// the axes, and runs of nearly collinear points are merged (deviation below 1/9 px).
enum PathCleaning {
  /// matplotlib's simplification threshold in pixels.
  static let simplifyTolerance = 1.0 / 9.0

  /// Cleans `points` into separate finite, clipped, simplified pieces (each ≥ 2 points).
  static func pieces(_ points: [Point], clip box: PlotRect, simplify: Bool = true) -> [[Point]] {
    var cleaner = LineCleaner(clip: box, mode: simplify ? .cone : .none)
    for p in points { cleaner.add(p) }
    return cleaner.finish()
  }

  /// Liang–Barsky clipping of segment a→b to `box`; nil when it lies outside.
  /// Device points far outside the canvas (finite data beyond the view) can be so far apart
  /// that b − a overflows; the clip is then found at half scale, which keeps the parameters.
  static func clipSegment(_ a: Point, _ b: Point, to box: PlotRect) -> (Point, Point)? {
    // An infinite end stays infinite at any scale: halving would recurse forever.
    guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
    if box.contains(a) && box.contains(b) { return (a, b) }
    var t0 = 0.0
    var t1 = 1.0
    let dx = b.x - a.x
    let dy = b.y - a.y
    guard dx.isFinite, dy.isFinite else {
      let half = PlotRect(x: box.x / 2, y: box.y / 2, width: box.width / 2, height: box.height / 2)
      func scaled(_ p: Point, _ k: Double) -> Point { Point(x: p.x * k, y: p.y * k) }
      guard let (c0, c1) = clipSegment(scaled(a, 0.5), scaled(b, 0.5), to: half) else { return nil }
      return (scaled(c0, 2), scaled(c1, 2))
    }
    let checks = ((-dx, a.x - box.x), (dx, box.maxX - a.x), (-dy, a.y - box.y), (dy, box.maxY - a.y))
    for (p, q) in [checks.0, checks.1, checks.2, checks.3] {
      if p == 0 {
        if q < 0 { return nil }
      } else {
        let r = q / p
        if p < 0 {
          if r > t1 { return nil }
          t0 = max(t0, r)
        } else {
          if r < t0 { return nil }
          t1 = min(t1, r)
        }
      }
    }
    let c0 = t0 == 0 ? a : Point(x: a.x + t0 * dx, y: a.y + t0 * dy)
    let c1 = t1 == 1 ? b : Point(x: a.x + t1 * dx, y: a.y + t1 * dy)
    return (c0, c1)
  }

  /// Drops points that lie within the tolerance of the chord replacing them (matplotlib's
  /// idea, made exact with a cone of directions): from the last kept point `a`, each later
  /// point q allows chord directions within asin(tol/|q−a|) of its own; a new point extends
  /// the run while its direction is inside every earlier allowance and it moves forward.
  static func simplify(_ line: [Point], tolerance: Double = simplifyTolerance) -> [Point] {
    guard line.count > 2 else { return line }
    var kept = [line[0]]
    var end = line[1]
    var cone = Cone(from: line[0], through: line[1], tolerance: tolerance)
    for p in line.dropFirst(2) {
      if let c = cone, let next = c.admitting(p, after: end, tolerance: tolerance) {
        cone = next
        end = p
        continue
      }
      kept.append(end)
      cone = Cone(from: end, through: p, tolerance: tolerance)
      end = p
    }
    kept.append(end)
    return kept
  }

  /// Allowed chord directions from an anchor, as angles relative to a reference direction.
  struct Cone {
    let anchor: Point
    let ux: Double, uy: Double
    var low: Double, high: Double

    /// The cone after the first point; nil when it coincides with the anchor.
    init?(from a: Point, through q: Point, tolerance: Double) {
      let (dx, dy) = (q.x - a.x, q.y - a.y)
      let d = (dx * dx + dy * dy).squareRoot()
      guard d > 0 else { return nil }
      (anchor, ux, uy) = (a, dx / d, dy / d)
      let w = d > tolerance ? asin(tolerance / d) : Double.pi / 2
      (low, high) = (-w, w)
    }

    /// The narrowed cone if `p` lies inside it and beyond `end`, else nil.
    func admitting(_ p: Point, after end: Point, tolerance: Double) -> Cone? {
      let (vx, vy) = (p.x - anchor.x, p.y - anchor.y)
      let along = ux * vx + uy * vy
      let endAlong = ux * (end.x - anchor.x) + uy * (end.y - anchor.y)
      guard along >= endAlong, along > 0 else { return nil }
      let angle = atan2(ux * vy - uy * vx, along)
      guard angle >= low, angle <= high else { return nil }
      let d = (vx * vx + vy * vy).squareRoot()
      let w = d > tolerance ? asin(tolerance / d) : Double.pi / 2
      var next = self
      next.low = max(low, angle - w)
      next.high = min(high, angle + w)
      return next
    }
  }

  /// Snaps a coordinate of an axis-aligned line of width `w` pixels to the pixel grid:
  /// odd widths to pixel centres, even widths to pixel edges (crisp, as Agg snapping).
  static func snap(_ v: Double, width w: Double) -> Double {
    let odd = Int(clamping: w, to: 1...Int.saturationLimit, rounding: .toNearestOrAwayFromZero, nan: 1) % 2 == 1
    return odd ? v.rounded(.down) + 0.5 : v.rounded()
  }

  /// A path of polylines (validated); nil when nothing drawable remains.
  static func path(_ pieces: [[Point]], closed: Bool = false) -> Path? {
    var b = PathBuilder()
    do {
      for piece in pieces where piece.count >= 2 {
        try b.move(to: piece[0])
        for p in piece.dropFirst() { try b.line(to: p) }
        if closed { try b.close() }
      }
      return try b.build()
    } catch { return nil }
  }
}
