// Design note. A 10⁶-marker scatter at 2× blends about 2·10⁸ sprite pixels, so the blend loop
// is the whole cost. The packed-UInt32 form (two 8-bit lanes per 32-bit multiply) vectorizes
// on SSE2 only through emulated 32-bit multiplies, a per-pixel alpha broadcast and a scalar
// tail per row. Here each sprite keeps what the loop needs ready: its pixels padded so every
// row's covered span is a whole number of 4-pixel groups, each pixel's 255 − alpha factor
// repeated in both 16-bit halves, and the covered span of each row (fully transparent
// pixels left and right are skipped). Four pixels are then 16 bytes seen as eight 16-bit
// lanes: low and high bytes are scaled by two 16-bit multiplies with the same rounding as
// `scalePixel`, so results are bit-identical to it.
// Rejected: skipping destination pixels already at the colour's fixed point (8-bit
// source-over can have two adjacent fixed points, so which one a pixel reaches depends on
// history, and the check costs nearly what the blend does); a high multiply for the division
// by 255 (Swift's SIMD types have none, and the loop vectorizer keeps 32-bit lanes).

/// A sprite's pixels in the form its blend loop reads: padded rows, per-pixel factors and
/// per-row covered spans. Immutable after init (hence `@unchecked Sendable`).
final class SpriteRows: @unchecked Sendable {
  /// Pixels per padded row: the sprite's width plus room to round a span up to 4 pixels.
  let stride: Int
  let height: Int
  /// `stride × height` premultiplied pixels, zero in the padding.
  let pixels: UnsafeMutablePointer<UInt32>
  /// `stride × height` words holding 255 − alpha in both 16-bit halves (255 in the padding).
  let factors: UnsafeMutablePointer<UInt32>
  /// Per row, the first covered column and the end of its span rounded up to 4 pixels
  /// (equal when the row is fully transparent).
  let spans: UnsafeMutablePointer<Int32>

  init(_ pixmap: Pixmap) {
    let (w, h) = (pixmap.width, pixmap.height)
    stride = w + 3
    height = h
    pixels = .allocate(capacity: stride * h)
    pixels.initialize(repeating: 0, count: stride * h)
    factors = .allocate(capacity: stride * h)
    factors.initialize(repeating: 0x00FF_00FF, count: stride * h)
    spans = .allocate(capacity: 2 * h)
    pixmap.data.withUnsafeBytes { raw in
      for y in 0..<h {
        var (first, last) = (w, -1)
        for x in 0..<w {
          let p = raw.loadUnaligned(fromByteOffset: (y * w + x) * 4, as: UInt32.self)
          let inverse = 255 - UInt32(raw[(y * w + x) * 4 + 3])
          pixels[y * stride + x] = p
          factors[y * stride + x] = inverse | inverse << 16
          if p != 0 { (first, last) = (min(first, x), x) }
        }
        let start = min(first, w)
        let length = last >= first ? (last - first + 4) / 4 * 4 : 0
        spans[2 * y] = Int32(start)
        spans[2 * y + 1] = Int32(start + length)
      }
    }
  }

  deinit {
    pixels.deallocate()
    factors.deallocate()
    spans.deallocate()
  }

  /// Source-over of `count` sprite pixels from `s` (factors `k`) onto `d`: 4 pixels per
  /// step as eight 16-bit lanes, any remainder (a span cut by the clip) one at a time.
  @inline(__always)
  static func blend(
    _ s: UnsafePointer<UInt32>, factors k: UnsafePointer<UInt32>, into d: UnsafeMutablePointer<UInt32>, count: Int
  ) {
    var i = 0
    while i &+ 4 <= count {
      let dp = UnsafeMutableRawPointer(d + i)
      let dv = dp.loadUnaligned(as: SIMD8<UInt16>.self)
      let kv = UnsafeRawPointer(k + i).loadUnaligned(as: SIMD8<UInt16>.self)
      let sv = UnsafeRawPointer(s + i).loadUnaligned(as: SIMD8<UInt16>.self)
      let low = (dv & 0xFF) &* kv &+ 128
      let high = (dv &>> 8) &* kv &+ 128
      let scaledLow = (low &+ (low &>> 8)) &>> 8
      let scaledHigh = (high &+ (high &>> 8)) &>> 8
      // Each byte sum is at most 255 (premultiplied source plus the rest), so lanes never carry.
      dp.storeBytes(of: sv &+ (scaledLow | (scaledHigh &<< 8)), as: SIMD8<UInt16>.self)
      i &+= 4
    }
    while i < count {
      d[i] = s[i] &+ scalePixel(d[i], k[i] & 0xFFFF)
      i &+= 1
    }
  }
}
