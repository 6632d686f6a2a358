import Raster

/// Renders into a `Pixmap` (white background) with the exact-area rasterizer.
public final class RasterRenderer: Renderer {
  public private(set) var pixmap: Pixmap
  let font: Font

  /// A white canvas of the given size; throws for sizes the pixmap cannot hold.
  public init(width: Int, height: Int) throws(RasterError) {
    pixmap = try Pixmap(width: width, height: height)
    pixmap.clear(.white)
    font = try Font.dejaVuSans()
  }

  public var width: Int { pixmap.width }
  public var height: Int { pixmap.height }

  /// Pixel rectangle of a clip: pixels whose centres lie inside `r`.
  static func intRect(_ r: PlotRect?) -> IntRect? {
    guard let r else { return nil }
    func pixel(_ v: Double) -> Int {
      Int(clamping: v, to: -Pixmap.maxSide...(2 * Pixmap.maxSide), rounding: .toNearestOrAwayFromZero, nan: 0)
    }
    let x0 = pixel(r.x), y0 = pixel(r.y)
    let x1 = pixel(r.maxX), y1 = pixel(r.maxY)
    return IntRect(x: x0, y: y0, width: max(x1 - x0, 0), height: max(y1 - y0, 0))
      ?? IntRect(x: 0, y: 0, width: 0, height: 0)
  }

  public func fill(_ path: Path, color: Color, clip: PlotRect?, antialiased: Bool) {
    pixmap.fill(path, color: color, clip: Self.intRect(clip), antialiased: antialiased)
  }

  public func stroke(_ path: Path, color: Color, style: StrokeStyle, clip: PlotRect?) {
    pixmap.stroke(path, color: color, style: style, clip: Self.intRect(clip))
  }

  public func draw(text: String, at p: Point, style: TextStyle, clip: PlotRect?) throws(RasterError) {
    try pixmap.draw(
      text: text, font: font, size: style.size, at: p, color: style.color,
      horizontal: style.horizontal, vertical: style.vertical, rotation: style.rotation,
      clip: Self.intRect(clip))
  }

  public func draw(image: Pixmap, in r: PlotRect, smooth: Bool, clip: PlotRect?) throws(RasterError) {
    guard
      let t = Transform(
        a: r.width / Double(image.width), b: 0, c: 0, d: r.height / Double(image.height),
        tx: r.x, ty: r.y)
    else { throw .invalidParameter("image rectangle") }
    try pixmap.draw(
      image, transform: t, filter: smooth ? .bilinear : .nearest, clip: Self.intRect(clip))
  }
}
