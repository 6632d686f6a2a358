import Foundation

/// Turns flattened polylines into closed outlines that, filled with the non-zero rule,
/// cover exactly the stroke.
///
/// Each open polyline becomes one contour: the left offset forward (outer corners get
/// the join, inner corners pivot through the vertex), the end cap, the right offset
/// backward, the start cap. A closed polyline becomes two opposite contours (a ring).
/// The contour is the boundary sum of one rectangle per segment plus one convex join
/// piece per outer corner, all equally oriented, so non-zero filling yields their union.
struct Stroker {
  let halfWidth: Double
  let cap: LineCap
  let join: LineJoin
  let miterLimit: Double
  /// Maximum distance (device px) between a true arc and its chords.
  var tolerance = 0.005

  func outlines(_ line: Polyline) -> [[Point]] {
    let pts = Self.deduplicated(line.points, closed: line.closed)
    if pts.count == 1 { return dot(pts[0]) }
    if line.closed && pts.count >= 3 { return closedOutlines(pts) }
    return [openOutline(line.closed ? pts + [pts[0]] : pts)]
  }

  /// Removes repeated points (and a closing duplicate) so every segment has a direction.
  static func deduplicated(_ points: [Point], closed: Bool) -> [Point] {
    var out: [Point] = []
    out.reserveCapacity(points.count)
    for p in points where out.last.map({ ($0 - p).length > 1e-9 }) ?? true { out.append(p) }
    if closed, out.count > 1, (out[0] - out[out.count - 1]).length <= 1e-9 { out.removeLast() }
    return out
  }

  private func directions(_ pts: [Point], closed: Bool) -> [Point] {
    let m = closed ? pts.count : pts.count - 1
    return (0..<m).map { i in
      let v = pts[(i + 1) % pts.count] - pts[i]
      return v * (1 / v.length)
    }
  }

  private func openOutline(_ pts: [Point]) -> [Point] {
    let d = directions(pts, closed: false)
    let last = pts.count - 1
    var out: [Point] = [pts[0] + d[0].normal * halfWidth]
    for i in stride(from: 1, to: last, by: 1) { appendJoin(&out, pts[i], d[i - 1], d[i]) }
    out.append(pts[last] + d[last - 1].normal * halfWidth)
    appendCap(&out, pts[last], d[last - 1])
    for i in stride(from: last - 1, through: 1, by: -1) {
      appendJoin(&out, pts[i], -d[i], -d[i - 1])
    }
    out.append(pts[0] - d[0].normal * halfWidth)
    appendCap(&out, pts[0], -d[0])
    return out
  }

  private func closedOutlines(_ pts: [Point]) -> [[Point]] {
    let d = directions(pts, closed: true)
    let m = pts.count
    var left: [Point] = []
    var right: [Point] = []
    for i in 0..<m { appendJoin(&left, pts[i], d[(i + m - 1) % m], d[i]) }
    for i in stride(from: m - 1, through: 0, by: -1) {
      appendJoin(&right, pts[i], -d[i], -d[(i + m - 1) % m])
    }
    return [left, right]
  }

  /// Appends the traced (left) side's corner at `p`, from p + n(dIn)·h to p + n(dOut)·h.
  private func appendJoin(_ out: inout [Point], _ p: Point, _ dIn: Point, _ dOut: Point) {
    let nIn = dIn.normal * halfWidth
    let nOut = dOut.normal * halfWidth
    let turn = dIn.cross(dOut)
    let cosine = dIn.dot(dOut)
    if abs(turn) < 1e-12 && cosine > 0 {
      out.append(p + nOut)
      return
    }
    out.append(p + nIn)
    if turn > 0 {  // the traced side is inside the turn: pivot through the vertex
      out.append(p)
      out.append(p + nOut)
      return
    }
    switch join {
    case .bevel:
      break
    case .miter:
      let ratio = 1 / ((1 + cosine) / 2).squareRoot()
      if cosine > -1 + 1e-12 && ratio <= miterLimit {
        out.append(p + (nIn + nOut) * (1 / (1 + cosine)))
      }
    case .round:
      let sweep = -abs(atan2(nIn.cross(nOut), nIn.dot(nOut)))
      appendArc(&out, center: p, from: nIn, sweep: sweep == 0 ? -Double.pi : sweep)
      return
    }
    out.append(p + nOut)
  }

  /// Appends the cap at end point `p` of a piece heading along `d`, from p + n·h to p − n·h.
  private func appendCap(_ out: inout [Point], _ p: Point, _ d: Point) {
    let n = d.normal * halfWidth
    switch cap {
    case .butt:
      out.append(p - n)
    case .square:
      let ext = d * halfWidth
      out.append(p + n + ext)
      out.append(p - n + ext)
      out.append(p - n)
    case .round:
      appendArc(&out, center: p, from: n, sweep: -Double.pi)
    }
  }

  /// Appends the arc points after `center + v0`, rotating by `sweep` radians, end included.
  private func appendArc(_ out: inout [Point], center: Point, from v0: Point, sweep: Double) {
    let step = 2 * acos(max(-1, 1 - tolerance / max(halfWidth, 1e-9)))
    let n = Int(clamping: abs(sweep) / max(step, 1e-3), to: 1...4096, rounding: .up, nan: 1)
    for k in 1...n {
      let a = sweep * Double(k) / Double(n)
      let (s, c) = (sin(a), cos(a))
      out.append(center + Point(x: v0.x * c - v0.y * s, y: v0.x * s + v0.y * c))
    }
  }

  /// A zero-length piece: a disc for round caps, a square for square caps, else nothing.
  private func dot(_ p: Point) -> [[Point]] {
    let h = halfWidth
    switch cap {
    case .butt:
      return []
    case .square:
      return [
        [
          p + Point(x: -h, y: -h), p + Point(x: h, y: -h), p + Point(x: h, y: h),
          p + Point(x: -h, y: h),
        ]
      ]
    case .round:
      var out = [p + Point(x: h, y: 0)]
      appendArc(&out, center: p, from: Point(x: h, y: 0), sweep: 2 * Double.pi)
      return [out]
    }
  }
}
