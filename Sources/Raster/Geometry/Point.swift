/// A point or vector in the plane, in user or device units (device y points down).
public struct Point: Equatable, Hashable, Sendable {
  public var x: Double
  public var y: Double

  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }

  /// True when both coordinates are finite; paths only accept such points.
  public var isFinite: Bool { x.isFinite && y.isFinite }

  static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
  static func - (a: Point, b: Point) -> Point { Point(x: a.x - b.x, y: a.y - b.y) }
  static func * (a: Point, s: Double) -> Point { Point(x: a.x * s, y: a.y * s) }
  static prefix func - (a: Point) -> Point { Point(x: -a.x, y: -a.y) }

  /// Euclidean length of the vector.
  var length: Double { (x * x + y * y).squareRoot() }
  func dot(_ o: Point) -> Double { x * o.x + y * o.y }
  func cross(_ o: Point) -> Double { x * o.y - y * o.x }
  /// Left-hand normal of a unit direction in device space: (-dy, dx).
  var normal: Point { Point(x: -y, y: x) }
}

/// An axis-aligned rectangle of whole device pixels, used for clipping and bounds.
public struct IntRect: Equatable, Hashable, Sendable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  /// Creates a rectangle; `nil` when width or height is negative or an edge would
  /// overflow `Int`.
  public init?(x: Int, y: Int, width: Int, height: Int) {
    guard width >= 0, height >= 0, !x.addingReportingOverflow(width).overflow,
      !y.addingReportingOverflow(height).overflow
    else { return nil }
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  var maxX: Int { x + width }
  var maxY: Int { y + height }
  var isEmpty: Bool { width == 0 || height == 0 }

  /// The overlap of two rectangles (possibly empty, placed at the lower corner).
  func intersection(_ o: IntRect) -> IntRect {
    let x0 = max(x, o.x)
    let y0 = max(y, o.y)
    let x1 = max(x0, min(maxX, o.maxX))
    let y1 = max(y0, min(maxY, o.maxY))
    return IntRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)!
  }
}
