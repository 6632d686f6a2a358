extension Pixmap {
  /// Fills `path` (mapped by `transform` into device pixels) with `color`, source-over,
  /// anti-aliased by exact area coverage, limited to `clip` (device pixels) if given.
  public mutating func fill(
    _ path: Path, color: Color, rule: FillRule = .nonZero,
    transform: Transform = .identity, clip: IntRect? = nil
  ) {
    let polylines = path.flattened(transform: transform)
    fill(polygons: polylines.map(\.points), color: color, rule: rule, clip: clip, opacity: 1)
  }

  /// Fills device-space polygons (each implicitly closed) with coverage scaled by `opacity`.
  mutating func fill(
    polygons: [[Point]], color: Color, rule: FillRule, clip: IntRect?, opacity: Float
  ) {
    let region = clip.map { $0.intersection(bounds) } ?? bounds
    guard color.alpha > 0, opacity > 0,
      var acc = Self.accumulator(for: polygons, within: region)
    else { return }
    for polygon in polygons { acc.add(polygon: polygon) }
    acc.resolve(rule: rule)
    composite(acc, color: color, opacity: opacity)
  }

  /// An accumulator over the polygons' bounding box inside `region`, or `nil` if empty.
  static func accumulator(for polygons: [[Point]], within region: IntRect) -> CoverageAccumulator? {
    var (minX, minY) = (Double.infinity, Double.infinity)
    var (maxX, maxY) = (-Double.infinity, -Double.infinity)
    for polygon in polygons {
      for p in polygon {
        minX = min(minX, p.x)
        maxX = max(maxX, p.x)
        minY = min(minY, p.y)
        maxY = max(maxY, p.y)
      }
    }
    guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else { return nil }
    let x0 = Int(minX.rounded(.down))
    let y0 = Int(minY.rounded(.down))
    let x1 = Int(maxX.rounded(.up))
    let y1 = Int(maxY.rounded(.up))
    let box = IntRect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))!
    let r = box.intersection(region)
    // Edges left of the clipped box still count: the accumulator folds them onto its
    // left border, where they cover every pixel to their right.
    guard !r.isEmpty else { return nil }
    return CoverageAccumulator(region: r)
  }

  /// Hot loop: source-over of a solid premultiplied colour through resolved coverage.
  /// Integer arithmetic only; fully covered opaque pixels are stored directly.
  mutating func composite(_ acc: CoverageAccumulator, color: Color, opacity: Float) {
    let (pr, pg, pb, pa) = color.premultiplied
    let (r, g, b, a) = (UInt32(pr), UInt32(pg), UInt32(pb), UInt32(pa))
    let scale = 255 * min(opacity, 1)
    let w = width
    acc.cells.withUnsafeBufferPointer { cells in
      data.withUnsafeMutableBufferPointer { px in
        for row in 0..<acc.height {
          let cellBase = row * acc.stride
          var i = ((acc.originY + row) * w + acc.originX) * 4
          for x in 0..<acc.width {
            defer { i += 4 }
            let c = UInt32(cells[cellBase + x] * scale + 0.5)
            if c == 0 { continue }
            if c == 255 && a == 255 {
              px[i] = pr
              px[i + 1] = pg
              px[i + 2] = pb
              px[i + 3] = 255
              continue
            }
            let sa = div255(a * c)
            let inv = 255 - sa
            px[i] = UInt8(div255(r * c) + div255(UInt32(px[i]) * inv))
            px[i + 1] = UInt8(div255(g * c) + div255(UInt32(px[i + 1]) * inv))
            px[i + 2] = UInt8(div255(b * c) + div255(UInt32(px[i + 2]) * inv))
            px[i + 3] = UInt8(sa + div255(UInt32(px[i + 3]) * inv))
          }
        }
      }
    }
  }
}
