/// One drawing command of a path.
public enum PathElement: Equatable, Sendable {
  case move(Point)
  case line(Point)
  /// Quadratic Bézier: control point, end point.
  case quad(Point, Point)
  /// Cubic Bézier: two control points, end point.
  case cubic(Point, Point, Point)
  case close
}

/// A validated, immutable sequence of sub-paths: every point finite, at least one segment,
/// every segment preceded by a `move`.
///
/// The only ways to make one are `PathBuilder.build()` and the throwing convenience
/// initialisers, so invalid geometry never reaches the rasterizer.
public struct Path: Equatable, Sendable {
  public let elements: [PathElement]

  init(validated elements: [PathElement]) { self.elements = elements }

  /// Checks a list of elements and wraps it; throws with the offending index otherwise.
  public init(_ elements: [PathElement]) throws(RasterError) {
    var builder = PathBuilder()
    for element in elements {
      switch element {
      case .move(let p): try builder.move(to: p)
      case .line(let p): try builder.line(to: p)
      case .quad(let c, let p): try builder.quad(to: p, control: c)
      case .cubic(let c1, let c2, let p): try builder.cubic(to: p, control1: c1, control2: c2)
      case .close: try builder.close()
      }
    }
    self = try builder.build()
  }

  /// An axis-aligned rectangle with corner (x, y) and the given size (may be negative).
  public static func rectangle(x: Double, y: Double, width: Double, height: Double)
    throws(RasterError) -> Path
  {
    var b = PathBuilder()
    try b.move(to: Point(x: x, y: y))
    try b.line(to: Point(x: x + width, y: y))
    try b.line(to: Point(x: x + width, y: y + height))
    try b.line(to: Point(x: x, y: y + height))
    try b.close()
    return try b.build()
  }

  /// A circle of radius `r` around `center`, as four cubic arcs (radial error < 3e-4·r).
  public static func circle(center: Point, radius r: Double) throws(RasterError) -> Path {
    guard r.isFinite, r > 0 else { throw .invalidParameter("circle radius \(r) must be > 0") }
    let k = 0.5522847498307936 * r
    let (cx, cy) = (center.x, center.y)
    var b = PathBuilder()
    try b.move(to: Point(x: cx + r, y: cy))
    try b.cubic(
      to: Point(x: cx, y: cy + r), control1: Point(x: cx + r, y: cy + k),
      control2: Point(x: cx + k, y: cy + r))
    try b.cubic(
      to: Point(x: cx - r, y: cy), control1: Point(x: cx - k, y: cy + r),
      control2: Point(x: cx - r, y: cy + k))
    try b.cubic(
      to: Point(x: cx, y: cy - r), control1: Point(x: cx - r, y: cy - k),
      control2: Point(x: cx - k, y: cy - r))
    try b.cubic(
      to: Point(x: cx + r, y: cy), control1: Point(x: cx + k, y: cy - r),
      control2: Point(x: cx + r, y: cy - k))
    try b.close()
    return try b.build()
  }

  /// A polyline through `points` (closed if asked); needs at least two points.
  public static func polyline(_ points: [Point], closed: Bool = false) throws(RasterError) -> Path {
    guard points.count >= 2 else {
      throw .invalidParameter("polyline needs ≥ 2 points, got \(points.count)")
    }
    var b = PathBuilder()
    try b.move(to: points[0])
    for p in points.dropFirst() { try b.line(to: p) }
    if closed { try b.close() }
    return try b.build()
  }

  /// The same path with every point mapped by `t`.
  public func transformed(by t: Transform) throws(RasterError) -> Path {
    let mapped = elements.map { element -> PathElement in
      switch element {
      case .move(let p): return .move(t.apply(p))
      case .line(let p): return .line(t.apply(p))
      case .quad(let c, let p): return .quad(t.apply(c), t.apply(p))
      case .cubic(let c1, let c2, let p): return .cubic(t.apply(c1), t.apply(c2), t.apply(p))
      case .close: return .close
      }
    }
    return try Path(mapped)
  }
}

/// Builds a `Path` step by step, rejecting non-finite points as they arrive.
public struct PathBuilder: Sendable {
  private var elements: [PathElement] = []
  private var hasCurrentPoint = false
  private var segmentCount = 0

  public init() {}

  public mutating func move(to p: Point) throws(RasterError) {
    try check(p, "move(to:)")
    elements.append(.move(p))
    hasCurrentPoint = true
  }

  public mutating func line(to p: Point) throws(RasterError) {
    try check(p, "line(to:)")
    try requireCurrent()
    elements.append(.line(p))
    segmentCount += 1
  }

  public mutating func quad(to p: Point, control c: Point) throws(RasterError) {
    try check(c, "quad control")
    try check(p, "quad(to:)")
    try requireCurrent()
    elements.append(.quad(c, p))
    segmentCount += 1
  }

  public mutating func cubic(to p: Point, control1 c1: Point, control2 c2: Point)
    throws(RasterError)
  {
    try check(c1, "cubic control1")
    try check(c2, "cubic control2")
    try check(p, "cubic(to:)")
    try requireCurrent()
    elements.append(.cubic(c1, c2, p))
    segmentCount += 1
  }

  /// Closes the current sub-path; the next segment needs a new `move(to:)`.
  public mutating func close() throws(RasterError) {
    try requireCurrent()
    elements.append(.close)
    hasCurrentPoint = false
  }

  /// The finished path; throws `emptyPath` when no segment was added.
  public func build() throws(RasterError) -> Path {
    guard segmentCount > 0 else { throw .emptyPath }
    return Path(validated: elements)
  }

  private func check(_ p: Point, _ what: String) throws(RasterError) {
    guard p.isFinite else { throw .nonFinite(what: "\(what) at element \(elements.count)") }
  }

  private func requireCurrent() throws(RasterError) {
    guard hasCurrentPoint else { throw .missingMoveTo(element: elements.count) }
  }
}
