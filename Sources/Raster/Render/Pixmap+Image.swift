// Design note. Images are sampled per destination pixel centre through the inverse
// transform (no anti-aliased image edges, as Agg's image blits). Unrotated images take a
// fast path with per-column and per-row tables, which is what heat maps need; pixels are
// packed UInt32 and bilinear weights 8-bit fixed point. Rejected: supersampled or
// area-averaging minification (heat maps are magnified, not shrunk), and mapping every
// pixel through the full affine transform for unrotated images too (the first version:
// 3–5× slower).

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
    let (iw, ih) = (Double(image.width), Double(image.height))
    let corners = [(0.0, 0.0), (iw, 0), (0, ih), (iw, ih)].map {
      transform.apply(Point(x: $0.0, y: $0.1))
    }
    let within = clip.map { $0.intersection(bounds) } ?? bounds
    guard let region = Self.fillRegion(for: Self.bounded([corners]), within: within) else { return }
    let k = UInt32((opacity * 255).rounded())
    let w = width
    if inverse.b == 0 && inverse.c == 0 {
      drawAxisAligned(image, inverse: inverse, region: region, filter: filter, opacity: k)
      return
    }
    image.data.withUnsafeBytes { srcRaw in
      data.withUnsafeMutableBytes { dstRaw in
        let src = srcRaw.bindMemory(to: UInt32.self)
        let dst = dstRaw.bindMemory(to: UInt32.self)
        for y in region.y..<region.maxY {
          let start = inverse.apply(Point(x: Double(region.x) + 0.5, y: Double(y) + 0.5))
          Self.sampleRow(
            src, image.width, image.height, from: start, step: Point(x: inverse.a, y: inverse.b),
            count: region.width, filter: filter, opacity: k,
            into: dst.baseAddress! + y * w + region.x)
        }
      }
    }
  }

  /// Hot loop: samples one destination row (pixel centres `start + i·step` in image
  /// space) and composites each sample source-over. Pixels are packed little-endian
  /// UInt32; bilinear weights are 8-bit fixed point, two channels per multiply.
  private static func sampleRow(
    _ src: UnsafeBufferPointer<UInt32>, _ sw: Int, _ sh: Int, from start: Point, step: Point,
    count: Int, filter: ImageFilter, opacity k: UInt32, into row: UnsafeMutablePointer<UInt32>
  ) {
    let (maxU, maxV) = (Double(sw), Double(sh))
    for i in 0..<count {
      let u = start.x + step.x * Double(i)
      let v = start.y + step.y * Double(i)
      guard u >= 0, v >= 0, u < maxU, v < maxV else { continue }
      var s: UInt32
      if filter == .nearest {
        s = UInt32(littleEndian: src[Int(v) * sw + Int(u)])
      } else {
        let x = min(max(u - 0.5, 0), maxU - 1)
        let y = min(max(v - 0.5, 0), maxV - 1)
        let (x0, y0) = (Int(x), Int(y))
        let (x1, y1) = (min(x0 + 1, sw - 1), min(y0 + 1, sh - 1))
        let fx = UInt32((x - Double(x0)) * 256)
        let fy = UInt32((y - Double(y0)) * 256)
        let top = lerpPixel(
          UInt32(littleEndian: src[y0 * sw + x0]), UInt32(littleEndian: src[y0 * sw + x1]), fx)
        let bottom = lerpPixel(
          UInt32(littleEndian: src[y1 * sw + x0]), UInt32(littleEndian: src[y1 * sw + x1]), fx)
        s = lerpPixel(top, bottom, fy)
      }
      put(s, opacity: k, at: row + i)
    }
  }
}

extension Pixmap {
  /// The common case of an unrotated image (heat maps): source columns, rows and weights
  /// are computed once per column and once per row instead of once per pixel.
  private mutating func drawAxisAligned(
    _ image: Pixmap, inverse: Transform, region: IntRect, filter: ImageFilter, opacity k: UInt32
  ) {
    let (sw, sh) = (image.width, image.height)
    let bilinear = filter == .bilinear
    // Per destination column: left source column, right source column, weight (−1: outside).
    var columns = [(Int32, Int32, Int32)](repeating: (0, 0, -1), count: region.width)
    for i in 0..<region.width {
      let u = inverse.a * (Double(region.x + i) + 0.5) + inverse.tx
      guard u >= 0, u < Double(sw) else { continue }
      columns[i] = Self.sampleIndices(u, sw, bilinear)
    }
    let w = width
    image.data.withUnsafeBytes { srcRaw in
      data.withUnsafeMutableBytes { dstRaw in
        let src = srcRaw.bindMemory(to: UInt32.self)
        let dst = dstRaw.bindMemory(to: UInt32.self)
        for y in region.y..<region.maxY {
          let v = inverse.d * (Double(y) + 0.5) + inverse.ty
          guard v >= 0, v < Double(sh) else { continue }
          let (r0, r1, fy) = Self.sampleIndices(v, sh, bilinear)
          let (top, bottom) = (Int(r0) * sw, Int(r1) * sw)
          let row = dst.baseAddress! + y * w + region.x
          for i in 0..<region.width {
            let (c0, c1, fx) = columns[i]
            if fx < 0 { continue }
            var s = UInt32(littleEndian: src[top + Int(c0)])
            if bilinear {
              let upper = lerpPixel(s, UInt32(littleEndian: src[top + Int(c1)]), UInt32(fx))
              let lower = lerpPixel(
                UInt32(littleEndian: src[bottom + Int(c0)]),
                UInt32(littleEndian: src[bottom + Int(c1)]), UInt32(fx))
              s = lerpPixel(upper, lower, UInt32(fy))
            }
            Self.put(s, opacity: k, at: row + i)
          }
        }
      }
    }
  }

  /// Source indices and 8-bit weight for coordinate `t` in 0..<n: the containing pixel
  /// (nearest), or the two pixel centres around it (bilinear, clamped at the edges).
  @inline(__always)
  static func sampleIndices(_ t: Double, _ n: Int, _ bilinear: Bool) -> (Int32, Int32, Int32) {
    guard bilinear else { return (Int32(Int(t)), 0, 0) }
    let c = min(max(t - 0.5, 0), Double(n - 1))
    let i = Int(c)
    return (Int32(i), Int32(min(i + 1, n - 1)), Int32((c - Double(i)) * 256))
  }

  /// Source-over of one premultiplied pixel, scaled by `opacity` (0…255), at `p`.
  @inline(__always)
  static func put(_ pixel: UInt32, opacity k: UInt32, at p: UnsafeMutablePointer<UInt32>) {
    let s = k == 255 ? pixel : scalePixel(pixel, k)
    let alpha = s >> 24
    if alpha == 255 {
      p.pointee = UInt32(littleEndian: s)
    } else if alpha != 0 {
      p.pointee = UInt32(
        littleEndian: s &+ scalePixel(UInt32(littleEndian: p.pointee), 255 - alpha))
    }
  }
}

/// Per-channel a + (b − a)·f/256 of two packed pixels, f in 0…256 (truncating).
@inline(__always)
func lerpPixel(_ a: UInt32, _ b: UInt32, _ f: UInt32) -> UInt32 {
  let g = 256 - f
  let rb = ((a & 0x00FF_00FF) &* g &+ (b & 0x00FF_00FF) &* f) >> 8
  let ag = (((a >> 8) & 0x00FF_00FF) &* g &+ ((b >> 8) & 0x00FF_00FF) &* f) >> 8
  return (rb & 0x00FF_00FF) | ((ag & 0x00FF_00FF) << 8)
}
