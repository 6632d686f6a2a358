import Raster

/// An axis-aligned rectangle in device pixels (y down).
public struct PlotRect: Equatable, Sendable {
  public var x: Double, y: Double, width: Double, height: Double
  public init(x: Double, y: Double, width: Double, height: Double) {
    (self.x, self.y, self.width, self.height) = (x, y, width, height)
  }
  public var maxX: Double { x + width }
  public var maxY: Double { y + height }
  public func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }
  public func intersects(_ r: PlotRect) -> Bool {
    x < r.maxX && r.x < maxX && y < r.maxY && r.y < maxY
  }
}

/// How one line of text is set: size in pixels, anchors, rotation.
public struct TextStyle: Equatable, Sendable {
  public var size: Double
  public var color: Color
  public var horizontal: HorizontalAnchor
  public var vertical: VerticalAnchor
  public var rotation: TextRotation
  public init(
    size: Double, color: Color = .black, horizontal: HorizontalAnchor = .left,
    vertical: VerticalAnchor = .baseline, rotation: TextRotation = .horizontal
  ) {
    (self.size, self.color, self.horizontal, self.vertical, self.rotation) =
      (size, color, horizontal, vertical, rotation)
  }
}

/// The drawing operations a figure needs; every coordinate is in device pixels.
///
/// Figures draw themselves through this protocol only, so the same layout produces a
/// raster image, an SVG document or (in tests) a list of recorded operations.
public protocol Renderer: AnyObject {
  /// Canvas size in pixels.
  var width: Int { get }
  var height: Int { get }
  /// Fills `path`; `antialiased: false` gives hard pixel edges (filled contours).
  func fill(_ path: Path, color: Color, clip: PlotRect?, antialiased: Bool)
  func stroke(_ path: Path, color: Color, style: StrokeStyle, clip: PlotRect?)
  func draw(text: String, at: Point, style: TextStyle, clip: PlotRect?) throws(RasterError)
  /// Draws `image` stretched over `rect`; `smooth` chooses bilinear over nearest sampling.
  func draw(image: Pixmap, in rect: PlotRect, smooth: Bool, clip: PlotRect?) throws(RasterError)
  /// Draws one marker at many points (matplotlib's `draw_markers`), in order; see `MarkerBatch`.
  /// Throws `.cancelled` when `isCancelled` turns true (checked every few thousand markers).
  func drawMarkers(_ batch: MarkerBatch, clip: PlotRect, isCancelled: () -> Bool) throws(RasterError)
}

/// Markers of one shape: `path` is centred on the origin and drawn at each of `points`
/// (device pixels, already snapped and inside the clip): filled with the point's face colour
/// (`faces` holds one colour for all points or one per point), then stroked with `edge` and
/// `edgeStyle`. Unfilled shapes (crosses) are only stroked, in `edge` or else the face colour.
public struct MarkerBatch: Sendable {
  public var path: Path
  public var filled: Bool
  public var points: [Point]
  public var faces: [Color]
  public var edge: Color?
  public var edgeStyle: StrokeStyle?

  /// The face colour of point `k`.
  func face(_ k: Int) -> Color { faces.count == 1 ? faces[0] : faces[k] }

  /// What point `k` strokes with, if anything: the edge colour and style.
  func stroke(_ k: Int) -> (Color, StrokeStyle)? {
    guard let edgeStyle, edgeStyle.width > 0 else { return nil }
    if filled { return edge.map { ($0, edgeStyle) } }
    return (edge ?? face(k), edgeStyle)
  }
}

extension Renderer {
  /// An anti-aliased fill.
  func fill(_ path: Path, color: Color, clip: PlotRect?) {
    fill(path, color: color, clip: clip, antialiased: true)
  }

  /// Markers as one fill and one stroke each (for vector output and recordings).
  public func drawMarkers(_ batch: MarkerBatch, clip: PlotRect, isCancelled: () -> Bool) throws(RasterError) {
    for (k, p) in batch.points.enumerated() {
      if k % 4096 == 4095, isCancelled() { throw .cancelled }
      guard let t = Transform.translation(x: p.x, y: p.y), let path = try? batch.path.transformed(by: t) else {
        continue
      }
      if batch.filled { fill(path, color: batch.face(k), clip: clip) }
      if let (color, style) = batch.stroke(k) { stroke(path, color: color, style: style, clip: clip) }
    }
  }
}
