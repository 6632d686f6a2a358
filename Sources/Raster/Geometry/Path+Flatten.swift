/// A flattened sub-path: straight segments only, in device pixels.
struct Polyline: Sendable {
  var points: [Point]
  var closed: Bool
}

extension Path {
  /// Replaces curves by chords so no point of the curve is farther than `tolerance`
  /// (device pixels) from the polyline, after mapping by `transform`. The default of
  /// 0.01 px keeps area errors of curved shapes below 0.1 % down to 20 px radii.
  ///
  /// Segment counts follow the second-difference bound for uniform subdivision:
  /// a quadratic deviates by at most |p0 − 2p1 + p2|/(8n²), a cubic by at most
  /// (3/4)·max second difference/n² (Wang's formula). Points are clamped to ±1e7 so a
  /// huge transform cannot overflow the rasterizer.
  func flattened(transform t: Transform, tolerance: Double = 0.01) -> [Polyline] {
    var result: [Polyline] = []
    var current: [Point] = []
    var last = Point(x: 0, y: 0)
    func flush(closed: Bool) {
      if current.count >= 2 { result.append(Polyline(points: current, closed: closed)) }
      current = []
    }
    for element in elements {
      switch element {
      case .move(let p):
        flush(closed: false)
        last = Self.clamp(t.apply(p))
        current = [last]
      case .line(let p):
        last = Self.clamp(t.apply(p))
        current.append(last)
      case .quad(let c, let p):
        let (c1, p1) = (Self.clamp(t.apply(c)), Self.clamp(t.apply(p)))
        Self.flattenQuad(last, c1, p1, tolerance, into: &current)
        last = p1
      case .cubic(let c1, let c2, let p):
        let (d1, d2, p1) = (
          Self.clamp(t.apply(c1)), Self.clamp(t.apply(c2)), Self.clamp(t.apply(p))
        )
        Self.flattenCubic(last, d1, d2, p1, tolerance, into: &current)
        last = p1
      case .close:
        if let first = current.first { last = first }
        flush(closed: true)
      }
    }
    flush(closed: false)
    return result
  }

  private static func clamp(_ p: Point) -> Point {
    let limit = 1e7
    return Point(x: min(max(p.x, -limit), limit), y: min(max(p.y, -limit), limit))
  }

  private static func segments(_ bound: Double, _ tolerance: Double) -> Int {
    let n = (bound / tolerance).squareRoot().rounded(.up)
    return max(1, min(Int(n.isFinite ? n : 1), 4096))
  }

  private static func flattenQuad(
    _ p0: Point, _ p1: Point, _ p2: Point, _ tol: Double, into out: inout [Point]
  ) {
    let dd = (p0 - p1 * 2 + p2).length
    let n = segments(dd / 8, tol)
    for i in 1...n {
      let t = Double(i) / Double(n)
      let mt = 1 - t
      out.append(p0 * (mt * mt) + p1 * (2 * mt * t) + p2 * (t * t))
    }
  }

  private static func flattenCubic(
    _ p0: Point, _ p1: Point, _ p2: Point, _ p3: Point, _ tol: Double, into out: inout [Point]
  ) {
    let dd = max((p0 - p1 * 2 + p2).length, (p1 - p2 * 2 + p3).length)
    let n = segments(0.75 * dd, tol)
    for i in 1...n {
      let t = Double(i) / Double(n)
      let mt = 1 - t
      let a = mt * mt * mt
      let b = 3 * mt * mt * t
      let c = 3 * mt * t * t
      let d = t * t * t
      out.append(p0 * a + p1 * b + p2 * c + p3 * d)
    }
  }
}
