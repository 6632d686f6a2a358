extension Pixmap {
  /// Strokes `path` (mapped by `transform`; `style` lengths are device pixels) with `color`.
  ///
  /// Widths below one pixel are drawn one pixel wide with coverage scaled by the width,
  /// so a 0.3 px hairline looks like 30 % ink instead of vanishing or aliasing.
  public mutating func stroke(
    _ path: Path, color: Color, style: StrokeStyle,
    transform: Transform = .identity, clip: IntRect? = nil
  ) {
    guard style.width > 0 else { return }
    fill(
      polygons: Self.strokeOutlines(path, style: style, transform: transform),
      color: color, rule: .nonZero, clip: clip, opacity: Float(min(style.width, 1)))
  }

  /// The device-space outline polygons of a stroke (hairlines widened to 1 px).
  static func strokeOutlines(_ path: Path, style: StrokeStyle, transform: Transform) -> [[Point]] {
    var lines = path.flattened(transform: transform)
    if !style.dashes.isEmpty {
      lines = lines.flatMap { Dasher.dash($0, pattern: style.dashes, offset: style.dashOffset) }
    }
    let stroker = Stroker(
      halfWidth: max(style.width, 1) / 2, cap: style.cap, join: style.join,
      miterLimit: style.miterLimit)
    return lines.flatMap { stroker.outlines($0) }
  }
}
