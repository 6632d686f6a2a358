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
    let x0 = pixel(r.x)
    let y0 = pixel(r.y)
    let x1 = pixel(r.maxX)
    let y1 = pixel(r.maxY)
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

  /// Each distinct face colour is rasterized once into a sprite (fill, then edge) and the
  /// sprites stamped at the points: points are pixel centres, so every marker's coverage is
  /// the same and stamping is exact (see `Sprite`); the pixmap stamps band by band.
  public func drawMarkers(_ batch: MarkerBatch, clip: PlotRect, isCancelled: () -> Bool) throws(RasterError) {
    var sprites: [Sprite] = []
    var index: [Color: UInt16] = [:]
    var which: [UInt16] = []
    var xs: [Int32] = []
    var ys: [Int32] = []
    xs.reserveCapacity(batch.points.count)
    ys.reserveCapacity(batch.points.count)
    var last: (Color, UInt16)?
    for (k, p) in batch.points.enumerated() {
      let face = batch.face(k)
      var slot = last?.0 == face ? last?.1 : index[face]
      if slot == nil, sprites.count < Int(UInt16.max) {
        let stroke = batch.stroke(k)
        if let sprite = Sprite(
          fill: batch.filled ? batch.path : nil, face: face, stroke: stroke == nil ? nil : batch.path,
          edge: stroke?.0 ?? face, style: stroke?.1)
        {
          slot = UInt16(sprites.count)
          sprites.append(sprite)
          index[face] = slot
        }
      }
      if let slot { last = (face, slot) }
      guard let slot, let x = Int32(saturating: p.x, rounding: .down), let y = Int32(saturating: p.y, rounding: .down)
      else { continue }
      xs.append(x)
      ys.append(y)
      if batch.faces.count > 1 { which.append(slot) }
    }
    try pixmap.stamp(
      sprites, xs: xs, ys: ys, which: batch.faces.count > 1 ? which : nil, clip: Self.intRect(clip),
      isCancelled: isCancelled)
  }
}
