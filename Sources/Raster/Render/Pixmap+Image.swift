/// How an image is sampled when drawn scaled or rotated.
public enum ImageFilter: Sendable {
  /// The source pixel under each destination pixel centre (crisp heat-map cells).
  case nearest
  /// Weighted average of the four nearest source pixel centres (smooth).
  case bilinear
}

extension Pixmap {
  /// Draws `image` source-over, with its pixel grid (0…width × 0…height) mapped to device
  /// pixels by `transform`. Destination pixels whose centre maps outside the image are left
  /// alone, so edges are not anti-aliased. Throws if `transform` is singular or `opacity` invalid.
  public mutating func draw(
    _ image: Pixmap, transform: Transform, filter: ImageFilter = .nearest,
    opacity: Double = 1, clip: IntRect? = nil
  ) throws(RasterError) {
    guard opacity.isFinite, (0...1).contains(opacity) else {
      throw .invalidParameter("opacity \(opacity) not in 0…1")
    }
    let inverse = try transform.inverted()
    let corners = [
      (0.0, 0.0), (Double(image.width), 0), (0, Double(image.height)),
      (Double(image.width), Double(image.height)),
    ]
    .map { transform.apply(Point(x: $0.0, y: $0.1)) }
    guard
      let region = Self.fillRegion(
        for: [corners], within: clip.map { $0.intersection(bounds) } ?? bounds)
    else { return }
    let k = UInt32((opacity * 255).rounded())
    for y in region.y..<region.maxY {
      let start = inverse.apply(Point(x: Double(region.x) + 0.5, y: Double(y) + 0.5))
      for i in 0..<region.width {
        let u = start.x + inverse.a * Double(i)
        let v = start.y + inverse.b * Double(i)
        guard u >= 0, v >= 0, u < Double(image.width), v < Double(image.height) else { continue }
        let s = filter == .nearest ? image.nearest(u, v) : image.bilinear(u, v)
        blend(at: (y * width + region.x + i) * 4, s, opacity: k)
      }
    }
  }

  /// Premultiplied source pixel containing (u, v), which must lie inside the image.
  @inline(__always)
  func nearest(_ u: Double, _ v: Double) -> (UInt32, UInt32, UInt32, UInt32) {
    let i = (Int(v) * width + Int(u)) * 4
    return (UInt32(data[i]), UInt32(data[i + 1]), UInt32(data[i + 2]), UInt32(data[i + 3]))
  }

  /// Premultiplied bilinear sample at (u, v), clamping to the edge pixels.
  func bilinear(_ u: Double, _ v: Double) -> (UInt32, UInt32, UInt32, UInt32) {
    let x = min(max(u - 0.5, 0), Double(width - 1))
    let y = min(max(v - 0.5, 0), Double(height - 1))
    let (x0, y0) = (Int(x), Int(y))
    let (x1, y1) = (min(x0 + 1, width - 1), min(y0 + 1, height - 1))
    let fx = UInt32((x - Double(x0)) * 256)
    let fy = UInt32((y - Double(y0)) * 256)
    let (i00, i01) = ((y0 * width + x0) * 4, (y0 * width + x1) * 4)
    let (i10, i11) = ((y1 * width + x0) * 4, (y1 * width + x1) * 4)
    @inline(__always) func mix(_ c: Int) -> UInt32 {
      let top = UInt32(data[i00 + c]) * (256 - fx) + UInt32(data[i01 + c]) * fx
      let bottom = UInt32(data[i10 + c]) * (256 - fx) + UInt32(data[i11 + c]) * fx
      return (top * (256 - fy) + bottom * fy + 32768) >> 16
    }
    return (mix(0), mix(1), mix(2), mix(3))
  }

  /// Source-over of one premultiplied pixel scaled by `opacity` (0…255).
  @inline(__always)
  mutating func blend(at i: Int, _ s: (UInt32, UInt32, UInt32, UInt32), opacity k: UInt32) {
    let (r, g, b, a) =
      k == 255 ? s : (div255(s.0 * k), div255(s.1 * k), div255(s.2 * k), div255(s.3 * k))
    let inv = 255 - a
    data[i] = UInt8(r + div255(UInt32(data[i]) * inv))
    data[i + 1] = UInt8(g + div255(UInt32(data[i + 1]) * inv))
    data[i + 2] = UInt8(b + div255(UInt32(data[i + 2]) * inv))
    data[i + 3] = UInt8(a + div255(UInt32(data[i + 3]) * inv))
  }
}
