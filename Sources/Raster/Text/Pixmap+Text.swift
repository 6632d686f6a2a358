/// Which point of the text's advance box sits on the anchor horizontally.
public enum HorizontalAnchor: Sendable { case left, center, right }

/// Which line of the text sits on the anchor vertically (font ascent/descent lines).
public enum VerticalAnchor: Sendable { case baseline, top, center, bottom }

/// Text direction: along +x, or rotated 90° counter-clockwise (reading bottom to top).
public enum TextRotation: Sendable { case horizontal, vertical }

extension Pixmap {
  /// Draws one line of text with its anchor point at `position` (device pixels).
  ///
  /// The anchored origin is rounded to whole pixels so baselines and stems start on the
  /// pixel grid; all glyphs are filled in one rasterizer pass (non-zero rule).
  public mutating func draw(
    text: String, font: Font, size: Double, at position: Point, color: Color,
    horizontal: HorizontalAnchor = .left, vertical: VerticalAnchor = .baseline,
    rotation: TextRotation = .horizontal, clip: IntRect? = nil
  ) throws(RasterError) {
    guard position.isFinite else { throw .nonFinite(what: "text position") }
    let line = try font.layout(text, size: size)
    let du = horizontal == .left ? 0 : horizontal == .center ? line.width / 2 : line.width
    let dv: Double
    switch vertical {
    case .baseline: dv = 0
    case .top: dv = -line.ascent
    case .center: dv = (line.descent - line.ascent) / 2
    case .bottom: dv = line.descent
    }
    // Local (u along the baseline, v down) → device, then anchored and snapped.
    let (ox, oy) =
      rotation == .horizontal
      ? (position.x - du, position.y - dv) : (position.x - dv, position.y + du)
    let origin = Point(x: ox.rounded(), y: oy.rounded())
    var polygons: [[Point]] = []
    for g in line.glyphs {
      let s = line.scale
      let t: Transform?
      switch rotation {
      case .horizontal: t = Transform(a: s, b: 0, c: 0, d: -s, tx: origin.x + g.x, ty: origin.y)
      case .vertical: t = Transform(a: 0, b: -s, c: -s, d: 0, tx: origin.x, ty: origin.y - g.x)
      }
      guard let t, let path = try font.glyphPath(g.id, transform: t) else { continue }
      polygons += path.flattened(transform: .identity, tolerance: 0.05).map(\.points)
    }
    fill(polygons: polygons, color: color, rule: .nonZero, clip: clip, opacity: 1)
  }
}
