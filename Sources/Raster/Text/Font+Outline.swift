extension Font {
  /// The outline of glyph `id` as a path, with font units mapped by `transform`;
  /// `nil` for blank glyphs. Off-curve points between two off-curve points imply an
  /// on-curve midpoint (TrueType's quadratic B-spline convention).
  func glyphPath(_ id: Int, transform t: Transform) throws(RasterError) -> Path? {
    var builder = PathBuilder()
    var segments = 0
    for contour in try contours(glyph: id) where contour.count >= 2 {
      let pts = contour.map { t.apply(Point(x: $0.x, y: $0.y)) }
      let on = contour.map(\.onCurve)
      let n = pts.count
      let start: Point
      let first: Int
      if let s = on.firstIndex(of: true) {
        start = pts[s]
        first = s
      } else {
        start = (pts[0] + pts[1]) * 0.5
        first = 0
      }
      try builder.move(to: start)
      var control: Point?
      for k in 1...n {
        let i = (first + k) % n
        let p = pts[i]
        if on[i] {
          if let c = control {
            try builder.quad(to: p, control: c)
          } else {
            try builder.line(to: p)
          }
          control = nil
        } else {
          if let c = control { try builder.quad(to: (c + p) * 0.5, control: c) }
          control = p
        }
        segments += 1
      }
      if let c = control { try builder.quad(to: start, control: c) }
      try builder.close()
    }
    return segments > 0 ? try builder.build() : nil
  }
}
