import Testing

@testable import Raster

/// The sprite blend loop (16-bit lanes, covered spans, parts on several threads) against the
/// plain per-pixel source-over it replaces.
@Suite struct SpriteBlendTests {
  /// Source-over of one premultiplied pixel, one channel at a time with `div255`: the oracle.
  static func over(_ s: UInt32, _ d: UInt32) -> UInt32 {
    var out: UInt32 = 0
    for c in 0..<4 {
      let (sc, dc) = ((s >> (8 * c)) & 0xFF, (d >> (8 * c)) & 0xFF)
      out |= (sc + div255(dc * (255 - (s >> 24)))) << (8 * c)
    }
    return out
  }

  /// Every destination byte under every alpha (with colour channels at several levels
  /// below it), four pixels per step and the one-at-a-time remainder alike.
  @Test func blendLoopMatchesSourceOverExactly() {
    for count in [4 * 256, 4 * 256 - 3] {
      for alpha in UInt32(0)...255 {
        let source = (0..<count).map { i -> UInt32 in
          let c = UInt32(i % 7) * alpha / 6
          return alpha << 24 | (alpha / 2) << 16 | c << 8 | (alpha - c)
        }
        let factors = source.map { (255 - ($0 >> 24)) * 0x0001_0001 }
        var destination = (0..<count).map { i -> UInt32 in
          let d = UInt32(i / 4)
          return (255 - d) << 24 | d << 16 | (d ^ 0x5A) << 8 | d
        }
        let expected = zip(source, destination).map { Self.over($0, $1) }
        source.withUnsafeBufferPointer { s in
          factors.withUnsafeBufferPointer { k in
            destination.withUnsafeMutableBufferPointer { d in
              SpriteRows.blend(s.baseAddress!, factors: k.baseAddress!, into: d.baseAddress!, count: count)
            }
          }
        }
        #expect(destination == expected, "alpha \(alpha), \(count) pixels")
      }
    }
  }

  static func sprite() throws -> Sprite {
    let path = try Path.circle(center: Point(x: 0, y: 0), radius: 5.2)
    let style = try StrokeStyle(width: 1.4, join: .miter)
    let face = Color(red: 31, green: 119, blue: 180, alpha: 204)
    return try #require(
      Sprite(fill: path, face: face, stroke: path, edge: Color(red: 0, green: 0, blue: 0, alpha: 204), style: style))
  }

  /// Stamping equals blending every sprite pixel with `over`, including transparent ones
  /// (which leave the destination as it was), for positions cut by the clip and the canvas
  /// on every side, so spans are cut at arbitrary columns.
  @Test func stampMatchesPerPixelSourceOver() throws {
    let sprite = try Self.sprite()
    #expect(sprite.pixmap.data.contains(0), "the sprite has transparent corners to skip")
    var stamped = try Pixmap(width: 41, height: 37)
    stamped.clear(Color(red: 250, green: 240, blue: 10, alpha: 255))
    var expected = stamped
    let clip = IntRect(x: 3, y: 2, width: 33, height: 31)!
    for x in -8...46 {
      for y in stride(from: -8, through: 44, by: 5) {
        stamped.stamp(sprite, x: x, y: y, clip: clip)
        for sy in 0..<sprite.pixmap.height {
          for sx in 0..<sprite.pixmap.width {
            let (px, py) = (x + sprite.offsetX + sx, y + sprite.offsetY + sy)
            guard px >= clip.x, px < clip.maxX, py >= clip.y, py < clip.maxY else { continue }
            let s = Self.word(sprite.pixmap.data, (sy * sprite.pixmap.width + sx) * 4)
            let i = (py * expected.width + px) * 4
            let out = Self.over(s, Self.word(expected.data, i))
            for c in 0..<4 { expected.data[i + c] = UInt8(truncatingIfNeeded: out >> (8 * c)) }
          }
        }
      }
    }
    #expect(stamped == expected)
  }

  static func word(_ bytes: [UInt8], _ i: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(bytes[i + $1]) << (8 * $1) }
  }

  /// Enough stamps for several parts on several threads: the result equals stamping one
  /// after another, exactly, and cancelling from any part stops them all.
  @Test func partsOnThreadsKeepEveryPixelsOrder() throws {
    let sprite = try Self.sprite()
    let faint = try #require(
      Sprite(
        fill: try Path.circle(center: Point(x: 0, y: 0), radius: 3),
        face: Color(red: 200, green: 20, blue: 20, alpha: 90),
        stroke: nil, edge: .black, style: nil))
    let count = 300_000
    let (xs, ys, which) = SpriteAndSaturationTests.randomStamps(count: count, width: 220, height: 300, seed: 99)
    var parallel = try Pixmap(width: 200, height: 280)
    parallel.clear(.white)
    var sequential = parallel
    try parallel.stamp([sprite, faint], xs: xs, ys: ys, which: which)
    for k in 0..<count { sequential.stamp(which[k] == 0 ? sprite : faint, x: Int(xs[k]), y: Int(ys[k])) }
    #expect(parallel == sequential)
    var cancelled = parallel
    var asked = 0
    #expect(throws: RasterError.cancelled) {
      try cancelled.stamp([sprite, faint], xs: xs, ys: ys, which: which) {
        asked += 1
        return asked == 3
      }
    }
    #expect(asked == 3, "the caller's check runs under the lock and stops being asked once true")
  }

  /// Parts are consecutive bands with about equal stamp counts, at least 2¹⁶ stamps each,
  /// at most 8, and never depend on anything but the counts.
  @Test func partsSplitBandsByStampCount() {
    #expect(Pixmap.stampParts(starts: [0, 10, 20]) == [0, 2])
    #expect(Pixmap.stampParts(starts: [0, 65536, 131072]) == [0, 1, 2])
    let even = [Int](stride(from: 0, through: 40 << 16, by: 1 << 16))
    #expect(Pixmap.stampParts(starts: even) == [0, 5, 10, 15, 20, 25, 30, 35, 40])
    // One band holding nearly everything ends a part; the rest cannot balance it.
    #expect(Pixmap.stampParts(starts: [0, 1, 1_000_000, 1_000_001]) == [0, 2, 3])
    #expect(Pixmap.stampParts(starts: [0, 1_000_000]) == [0, 1])
  }
}
