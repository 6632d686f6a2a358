import Foundation
import Testing

@testable import Raster

/// The checking Double → Int conversion, and sprites stamped in place of per-marker fills.
@Suite struct SpriteAndSaturationTests {
  @Test func saturatingConversionNeverTraps() {
    #expect(Int(saturating: .nan) == nil)
    #expect(Int(saturating: .infinity) == Int.saturationLimit)
    #expect(Int(saturating: -.infinity) == -Int.saturationLimit)
    #expect(Int(saturating: 1.7e308) == Int.saturationLimit)
    #expect(Int(saturating: 2.7, rounding: .down) == 2 && Int(saturating: -2.7, rounding: .down) == -3)
    #expect(Int(saturating: 2.5, rounding: .toNearestOrAwayFromZero) == 3)
    #expect(Int(saturating: 5e-324, rounding: .up) == 1)
    #expect(Int(clamping: .nan, to: 0...9, nan: 4) == 4)
    #expect(Int(clamping: -1e300, to: 0...9, nan: 4) == 0 && Int(clamping: 1e300, to: 0...9, nan: 4) == 9)
    #expect(Int32(saturating: 1e100) == Int32.max && Int32(saturating: -1e100) == Int32.min)
    #expect(Int32(saturating: .nan) == nil)
    // Rounding down inside Int32 takes the path without libm; its edges and signs.
    #expect(Int32(saturating: .nan, rounding: .down) == nil)
    #expect(Int32(saturating: -2.5, rounding: .down) == -3 && Int32(saturating: 2.7, rounding: .down) == 2)
    #expect(Int32(saturating: -0.0, rounding: .down) == 0 && Int32(saturating: -1e-300, rounding: .down) == -1)
    #expect(Int32(saturating: -2_147_483_647.5, rounding: .down) == Int32.min)
    #expect(Int32(saturating: 2_147_483_646.9, rounding: .down) == 2_147_483_646)
    #expect(Int32(saturating: 2_147_483_647.5, rounding: .down) == Int32.max)
    #expect(Int32(saturating: -.infinity, rounding: .down) == Int32.min)
    // Sums of two saturated values still fit.
    #expect(Int.saturationLimit * 2 < Int.max)
  }

  static func marker() throws -> (Path, StrokeStyle) {
    (try Path.circle(center: Point(x: 0, y: 0), radius: 6.3), try StrokeStyle(width: 1.4, join: .miter))
  }

  /// A sprite stamped at pixel (x, y) matches filling and stroking the same shape centred on
  /// that pixel's centre, to one level of 8-bit rounding (source-over is associative).
  @Test func stampMatchesFillThenStroke() throws {
    let (path, style) = try Self.marker()
    let face = Color(red: 31, green: 119, blue: 180, alpha: 204)
    let edge = Color(red: 0, green: 0, blue: 0, alpha: 204)
    let sprite = try #require(Sprite(fill: path, face: face, stroke: path, edge: edge, style: style))
    var stamped = try Pixmap(width: 60, height: 40)
    stamped.clear(.white)
    var drawn = stamped
    for (x, y) in [(10, 10), (18, 12), (50, 35), (-2, 20)] {
      stamped.stamp(sprite, x: x, y: y)
      let t = try #require(Transform.translation(x: Double(x) + 0.5, y: Double(y) + 0.5))
      drawn.fill(path, color: face, transform: t)
      drawn.stroke(path, color: edge, style: style, transform: t)
    }
    var worst = 0
    for (a, b) in zip(stamped.data, drawn.data) { worst = max(worst, abs(Int(a) - Int(b))) }
    #expect(worst <= 1, "largest channel difference \(worst)")
    #expect(stamped.data != (try Pixmap(width: 60, height: 40)).data)
  }

  /// Band-by-band stamping keeps every pixel's blending order: it equals stamping one after
  /// another, exactly, for overlapping translucent sprites of two colours.
  @Test func bandedStampingKeepsOrder() throws {
    let (path, style) = try Self.marker()
    let colours = [Color(red: 200, green: 30, blue: 30, alpha: 200), Color(red: 30, green: 30, blue: 200, alpha: 150)]
    let sprites = try colours.map {
      try #require(Sprite(fill: path, face: $0, stroke: path, edge: .black, style: style))
    }
    let count = 3000
    let (xs, ys, which) = Self.randomStamps(count: count, width: 140, height: 120, seed: 12345)
    var banded = try Pixmap(width: 120, height: 100)
    banded.clear(.white)
    var sequential = banded
    let clip = IntRect(x: 5, y: 3, width: 100, height: 90)!
    try banded.stamp(sprites, xs: xs, ys: ys, which: which, clip: clip)
    for k in 0..<count { sequential.stamp(sprites[Int(which[k])], x: Int(xs[k]), y: Int(ys[k]), clip: clip) }
    #expect(banded == sequential)
    #expect(banded.pixel(x: 2, y: 50) == .white, "outside the clip")
  }

  /// `count` seeded pseudo-random positions in −10..<width−10 × −10..<height−10, each with
  /// one of two sprites.
  static func randomStamps(count: Int, width: Int, height: Int, seed: UInt64) -> ([Int32], [Int32], [UInt16]) {
    var state = seed
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let xs = (0..<count).map { _ in Int32(next(width) - 10) }
    let ys = (0..<count).map { _ in Int32(next(height) - 10) }
    return (xs, ys, (0..<count).map { _ in UInt16(next(2)) })
  }

  @Test func stampingStopsWhenCancelled() throws {
    let (path, style) = try Self.marker()
    let sprite = try #require(Sprite(fill: path, face: .black, stroke: path, edge: .black, style: style))
    var p = try Pixmap(width: 50, height: 50)
    let n = 20_000
    var asked = 0
    #expect(throws: RasterError.cancelled) {
      try p.stamp([sprite], xs: Array(repeating: 25, count: n), ys: Array(repeating: 25, count: n)) {
        asked += 1
        return true
      }
    }
    #expect(asked == 1)
  }
}
