import Foundation
import Testing

@testable import Raster

/// Total coverage (ink area in px²) of a stroke on a 64×64 grid.
func strokeArea(_ path: Path, _ style: StrokeStyle) -> Double {
  var acc = CoverageAccumulator(region: IntRect(x: 0, y: 0, width: 64, height: 64)!)
  for polygon in Pixmap.strokeOutlines(path, style: style, transform: .identity) {
    acc.add(polygon: polygon)
  }
  acc.resolve(rule: .nonZero)
  return totalCoverage(acc)
}

@Suite struct StrokeTests {
  let segment = try! Path.polyline([Point(x: 10, y: 20.3), Point(x: 50, y: 20.3)])
  let corner = try! Path.polyline([Point(x: 10, y: 10), Point(x: 30, y: 10), Point(x: 30, y: 30)])

  @Test func strokeWidthGivesLengthTimesWidth() throws {
    #expect(abs(strokeArea(segment, try StrokeStyle(width: 4)) - 160) < 1e-3)
    #expect(abs(strokeArea(segment, try StrokeStyle(width: 2.5)) - 100) < 1e-3)
  }

  @Test func capsExtendTheEnds() throws {
    #expect(abs(strokeArea(segment, try StrokeStyle(width: 4, cap: .square)) - 176) < 1e-3)
    let round = strokeArea(segment, try StrokeStyle(width: 4, cap: .round))
    #expect(abs(round - (160 + Double.pi * 4)) < 0.1)  // chords lose < 0.01 px per px² of disc
  }

  @Test func joinsFillTheOuterCorner() throws {
    // Two 20×4 rectangles overlap in 2×2 at the inner corner (156 px²); the outer 2×2
    // corner is filled fully (miter), half (bevel) or by a quarter disc (round).
    #expect(abs(strokeArea(corner, try StrokeStyle(width: 4, join: .miter)) - 160) < 1e-3)
    #expect(abs(strokeArea(corner, try StrokeStyle(width: 4, join: .bevel)) - 158) < 1e-3)
    #expect(
      abs(strokeArea(corner, try StrokeStyle(width: 4, join: .round)) - (156 + Double.pi)) < 0.05)
  }

  @Test func miterLimitTurnsSharpCornersIntoBevels() throws {
    let sharp = try Path.polyline([Point(x: 5, y: 30), Point(x: 50, y: 33), Point(x: 5, y: 36)])
    let mitered = strokeArea(sharp, try StrokeStyle(width: 2, join: .miter, miterLimit: 100))
    let limited = strokeArea(sharp, try StrokeStyle(width: 2, join: .miter, miterLimit: 4))
    let beveled = strokeArea(sharp, try StrokeStyle(width: 2, join: .bevel))
    #expect(mitered > limited + 5)
    #expect(abs(limited - beveled) < 1e-6)
  }

  @Test func closedPathsStrokeAsARing() throws {
    let square = try Path.rectangle(x: 10, y: 10, width: 20, height: 20)
    // Outer 22×22 minus inner 18×18 with miter joins.
    #expect(abs(strokeArea(square, try StrokeStyle(width: 2)) - (484 - 324)) < 1e-3)
  }

  @Test func dashesHaveTheirLengthsAndOffset() throws {
    let line = Polyline(points: [Point(x: 0, y: 5), Point(x: 100, y: 5)], closed: false)
    let dashes = Dasher.dash(line, pattern: [10, 5], offset: 0)
    #expect(dashes.count == 7)
    #expect(dashes.allSatisfy { abs(($0.points.last! - $0.points.first!).length - 10) < 1e-9 })
    #expect(dashes.map { $0.points[0].x } == [0, 15, 30, 45, 60, 75, 90])
    let shifted = Dasher.dash(line, pattern: [10, 5], offset: 5)
    #expect(abs(shifted[0].points.last!.x - 5) < 1e-9)
    #expect(abs(shifted[1].points[0].x - 10) < 1e-9)
    let area = strokeArea(
      try .polyline([Point(x: 0, y: 20), Point(x: 60, y: 20)]),
      try StrokeStyle(width: 2, dashes: [10, 5]))
    #expect(abs(area - 2 * 40) < 1e-3)  // dashes 0–10, 15–25, 30–40, 45–55
  }

  @Test func dashesContinueAcrossVertices() throws {
    let bent = Polyline(
      points: [Point(x: 0, y: 0), Point(x: 6, y: 0), Point(x: 6, y: 20)], closed: false)
    let dashes = Dasher.dash(bent, pattern: [10, 4], offset: 0)
    #expect(dashes[0].points == [Point(x: 0, y: 0), Point(x: 6, y: 0), Point(x: 6, y: 4)])
    #expect(dashes[1].points == [Point(x: 6, y: 8), Point(x: 6, y: 18)])
  }

  @Test func invalidStrokeStylesAreErrors() {
    #expect(throws: RasterError.self) { try StrokeStyle(width: -1) }
    #expect(throws: RasterError.self) { try StrokeStyle(width: .nan) }
    #expect(throws: RasterError.self) { try StrokeStyle(width: 1, miterLimit: 0.5) }
    #expect(throws: RasterError.self) { try StrokeStyle(width: 1, dashes: [0, 0]) }
    #expect(throws: RasterError.self) { try StrokeStyle(width: 1, dashes: [1, -2]) }
  }

  @Test func hairlinesScaleCoverageByWidth() throws {
    var pix = try Pixmap(width: 20, height: 10)
    pix.stroke(
      try .polyline([Point(x: 2, y: 4.5), Point(x: 18, y: 4.5)]), color: .black,
      style: try StrokeStyle(width: 0.5))
    #expect(pix.pixel(x: 10, y: 4)?.alpha == 128)
    #expect(pix.pixel(x: 10, y: 3)?.alpha == 0)
    #expect(pix.pixel(x: 10, y: 5)?.alpha == 0)
  }
}

@Suite struct CompositingTests {
  @Test func sourceOverOfHalfTransparentRedOnBlue() throws {
    var pix = try Pixmap(width: 4, height: 4)
    pix.clear(Color(red: 0, green: 0, blue: 255))
    pix.fill(
      try .rectangle(x: 0, y: 0, width: 4, height: 4),
      color: Color(red: 255, green: 0, blue: 0, alpha: 128))
    #expect(pix.pixel(x: 1, y: 1) == Color(red: 128, green: 0, blue: 127))
  }

  @Test func partialCoverageBlendsLinearlyWithoutGamma() throws {
    var pix = try Pixmap(width: 4, height: 1)
    pix.clear(.white)
    pix.fill(try .rectangle(x: 0, y: 0, width: 1.5, height: 1), color: .black)
    #expect(pix.pixel(x: 0, y: 0) == .black)
    #expect(pix.pixel(x: 1, y: 0) == Color(red: 127, green: 127, blue: 127))
  }

  @Test func clipRectangleLimitsDrawing() throws {
    var pix = try Pixmap(width: 10, height: 10)
    pix.fill(
      try .rectangle(x: -5, y: -5, width: 30, height: 30), color: .black,
      clip: IntRect(x: 2, y: 3, width: 4, height: 5))
    for y in 0..<10 {
      for x in 0..<10 {
        let inside = (2..<6).contains(x) && (3..<8).contains(y)
        #expect(pix.pixel(x: x, y: y)?.alpha == (inside ? 255 : 0), "\(x),\(y)")
      }
    }
  }

  @Test func premultipliedStorageRejectsImpossiblePixels() {
    #expect(throws: RasterError.self) {
      try Pixmap(width: 1, height: 1, premultipliedRGBA: [200, 0, 0, 100])
    }
    #expect(throws: RasterError.self) { try Pixmap(width: 0, height: 5) }
    #expect(throws: RasterError.self) {
      try Pixmap(width: 2, height: 2, premultipliedRGBA: [0, 0, 0])
    }
  }

  @Test func imagesDrawWithNearestAndBilinearSampling() throws {
    var src = try Pixmap(width: 2, height: 1)
    src.fill(try .rectangle(x: 0, y: 0, width: 1, height: 1), color: .black)
    src.fill(try .rectangle(x: 1, y: 0, width: 1, height: 1), color: .white)
    var near = try Pixmap(width: 8, height: 4)
    try near.draw(src, transform: Transform.scale(x: 4, y: 4)!, filter: .nearest)
    #expect(near.pixel(x: 3, y: 2) == .black)
    #expect(near.pixel(x: 4, y: 2) == .white)
    var smooth = try Pixmap(width: 8, height: 4)
    try smooth.draw(src, transform: Transform.scale(x: 4, y: 4)!, filter: .bilinear)
    #expect(smooth.pixel(x: 0, y: 0) == .black)
    let mid = try #require(smooth.pixel(x: 3, y: 1))
    #expect(mid.red > 90 && mid.red < 130)  // 3.5/4 − 0.5 = 0.375 of the way to white
    #expect(throws: RasterError.singularTransform) {
      try near.draw(src, transform: Transform.scale(x: 0, y: 1)!)
    }
  }
}

@Suite struct SpanTests {
  /// Regression: spans ended at the last touched cell, so shapes running off the right
  /// edge (whose right edges are dropped) lost the pixels between.
  @Test func shapesRunningOffTheRightEdgeStayFilled() throws {
    var pix = try Pixmap(width: 10, height: 4)
    pix.fill(try .rectangle(x: 2, y: 0, width: 100, height: 4), color: .black)
    pix.fill(
      try .polyline([Point(x: 3, y: 0), Point(x: 50, y: 0), Point(x: 50, y: 4)], closed: true),
      color: .black, clip: IntRect(x: 0, y: 0, width: 10, height: 4))
    for x in 2..<10 { #expect(pix.pixel(x: x, y: 2) == .black, "x=\(x)") }
    #expect(pix.pixel(x: 1, y: 2)?.alpha == 0)
  }

  /// Bands: a shape taller than one band, running past the bottom edge, with a last band
  /// shorter than the rest, must fill every row once and write nothing out of bounds.
  @Test func tallShapesAreFilledBandByBand() throws {
    var pix = try Pixmap(width: 50, height: 70)
    pix.fill(
      try .rectangle(x: 5, y: 10, width: 40, height: 1000),
      color: Color(red: 0, green: 0, blue: 0, alpha: 128))
    for y in 0..<70 { #expect(pix.pixel(x: 20, y: y)?.alpha == (y >= 10 ? 128 : 0), "row \(y)") }
    var clipped = try Pixmap(width: 50, height: 70)
    clipped.fill(
      try .circle(center: Point(x: 25, y: 40), radius: 200), color: .black,
      clip: IntRect(x: 3, y: 4, width: 40, height: 61))
    #expect(clipped.pixel(x: 3, y: 64) == .black)
    #expect(clipped.pixel(x: 3, y: 65)?.alpha == 0)
    #expect(clipped.pixel(x: 43, y: 30)?.alpha == 0)
  }

  @Test func evenOddAndNonZeroAgreeThroughFillAndCoverage() throws {
    // The compositing path (spans, cleared cells) must give what resolve() gives.
    let star = try Path.polyline(
      (0..<5).map { k in
        let a = -Double.pi / 2 + Double(k) * 4 * Double.pi / 5
        return Point(x: 20 + 15 * cos(a), y: 20 + 15 * sin(a))
      }, closed: true)
    for rule in [FillRule.nonZero, .evenOdd] {
      var pix = try Pixmap(width: 40, height: 40)
      pix.fill(star, color: .black, rule: rule)
      let acc = coverageGrid(star, width: 40, height: 40, rule: rule)
      for y in 0..<40 {
        for x in 0..<40 {
          #expect(
            Int(pix.pixel(x: x, y: y)!.alpha)
              == Int((acc.coverage(x: x, y: y) * 255 + 0.5).rounded(.down)))
        }
      }
    }
  }
}

@Suite struct ImageTransformTests {
  /// A 2×1 image (red, blue) rotated a quarter turn lands as a 1×2 column, red on top.
  @Test func rotatedImagesMapPixelsThroughTheInverseTransform() throws {
    let image = try Pixmap(width: 2, height: 1, straightRGBA: [255, 0, 0, 255, 0, 0, 255, 255])
    let quarter = try #require(Transform.rotation(radians: .pi / 2))
    let scale = try #require(Transform.scale(x: 10, y: 10))
    let shift = try #require(Transform.translation(x: 15, y: 0))
    let placed = try #require(quarter.then(scale)?.then(shift))
    var pix = try Pixmap(width: 20, height: 25)
    try pix.draw(image, transform: placed)
    #expect(pix.pixel(x: 10, y: 5) == Color(red: 255, green: 0, blue: 0))
    #expect(pix.pixel(x: 10, y: 15) == Color(red: 0, green: 0, blue: 255))
    #expect(pix.pixel(x: 10, y: 22)?.alpha == 0)
    #expect(pix.pixel(x: 3, y: 5)?.alpha == 0)
  }

  @Test func straightAlphaImagesArePremultiplied() throws {
    let image = try Pixmap(width: 1, height: 1, straightRGBA: [200, 100, 0, 128])
    #expect(image.data == [100, 50, 0, 128])
    #expect(image.pixel(x: 0, y: 0) == Color(red: 199, green: 100, blue: 0, alpha: 128))
    #expect(throws: RasterError.self) {
      try Pixmap(width: 2, height: 1, straightRGBA: [0, 0, 0, 0])
    }
  }

  @Test func textRespectsTheClip() throws {
    var pix = try Pixmap(width: 60, height: 30)
    let font = try Font.dejaVuSans()
    let clip = IntRect(x: 0, y: 0, width: 20, height: 30)
    try pix.draw(
      text: "MMMM", font: font, size: 20, at: Point(x: 2, y: 22), color: .black, clip: clip)
    #expect((0..<30).contains { y in pix.pixel(x: 10, y: y)!.alpha > 0 })
    #expect(
      !(20..<60).contains { x in (0..<30).contains { y in pix.pixel(x: x, y: y)!.alpha > 0 } })
  }
}

@Suite struct ImagePathAgreementTests {
  /// The axis-aligned fast path and the general affine path must sample alike: a full
  /// turn (not exactly the identity in floating point) takes the general path.
  @Test(arguments: [ImageFilter.nearest, .bilinear])
  func fastAndGeneralPathsAgree(filter: ImageFilter) throws {
    var bytes = [UInt8](repeating: 255, count: 5 * 4 * 4)
    for i in 0..<20 {
      bytes[i * 4] = UInt8(i * 12)
      bytes[i * 4 + 1] = UInt8(255 - i * 9)
      bytes[i * 4 + 3] = UInt8(155 + i * 5)
    }
    let image = try Pixmap(width: 5, height: 4, straightRGBA: bytes)
    let scale = try #require(Transform.scale(x: 7.37, y: 5.13))  // no pixel centre on an edge
    let turn = try #require(Transform.rotation(radians: 2 * .pi))
    let general = try #require(turn.then(scale))
    #expect(general.b != 0 || general.c != 0)
    var a = try Pixmap(width: 40, height: 24)
    var b = try Pixmap(width: 40, height: 24)
    try a.draw(image, transform: scale, filter: filter, opacity: 0.9)
    try b.draw(image, transform: general, filter: filter, opacity: 0.9)
    var worst = 0
    for i in 0..<a.data.count { worst = max(worst, abs(Int(a.data[i]) - Int(b.data[i]))) }
    #expect(worst <= 2)
  }
}
