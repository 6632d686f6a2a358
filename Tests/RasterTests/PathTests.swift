import Testing

@testable import Raster

@Suite struct PathTests {
  @Test func nonFinitePointsAreRejectedWithTheirPosition() {
    var b = PathBuilder()
    #expect(throws: RasterError.nonFinite(what: "move(to:) at element 0")) {
      try b.move(to: Point(x: .nan, y: 0))
    }
    #expect(throws: RasterError.self) {
      try Path.rectangle(x: 0, y: .infinity, width: 1, height: 1)
    }
    #expect(throws: RasterError.self) {
      try Path([
        .move(Point(x: 0, y: 0)),
        .cubic(Point(x: 1, y: 1), Point(x: .nan, y: 0), Point(x: 2, y: 2)),
      ])
    }
  }

  @Test func emptyPathsAndMissingMoveToAreErrors() {
    #expect(throws: RasterError.emptyPath) { try PathBuilder().build() }
    #expect(throws: RasterError.emptyPath) { try Path([.move(Point(x: 1, y: 1))]) }
    #expect(throws: RasterError.missingMoveTo(element: 0)) { try Path([.line(Point(x: 1, y: 1))]) }
    #expect(throws: RasterError.missingMoveTo(element: 3)) {
      try Path([
        .move(Point(x: 0, y: 0)), .line(Point(x: 1, y: 0)), .close, .line(Point(x: 2, y: 2)),
      ])
    }
    #expect(throws: RasterError.self) { try Path.circle(center: Point(x: 0, y: 0), radius: 0) }
  }

  @Test func transformsComposeAndInvert() throws {
    let shift = try #require(Transform.translation(x: 10, y: 5))
    let t = try #require(Transform.rotation(radians: .pi / 2)?.then(shift))
    let p = t.apply(Point(x: 1, y: 0))
    #expect(abs(p.x - 10) < 1e-12 && abs(p.y - 6) < 1e-12)
    let back = try t.inverted().apply(p)
    #expect(abs(back.x - 1) < 1e-12 && abs(back.y) < 1e-12)
    #expect(throws: RasterError.singularTransform) { try Transform.scale(x: 0, y: 1)!.inverted() }
    #expect(Transform(a: .nan, b: 0, c: 0, d: 1, tx: 0, ty: 0) == nil)
    #expect(Transform.translation(x: .infinity, y: 0) == nil)
  }

  @Test func flatteningStaysWithinToleranceOfTheCurve() throws {
    let quad = try Path([
      .move(Point(x: 0, y: 0)), .quad(Point(x: 50, y: 100), Point(x: 100, y: 0)),
    ])
    let line = try #require(quad.flattened(transform: .identity, tolerance: 0.1).first)
    #expect(line.points.count > 10)
    // Apex of the parabola is at (50, 50); the polyline must come within tolerance of it.
    let nearest = line.points.map { ($0 - Point(x: 50, y: 50)).length }.min()!
    #expect(nearest < 0.1 + 1e-9)
  }

  @Test func hugeTransformsDoNotOverflowTheRasterizer() throws {
    var pix = try Pixmap(width: 8, height: 8)
    pix.fill(
      try .rectangle(x: 0, y: 0, width: 1, height: 1), color: .black,
      transform: Transform.scale(x: 1e300, y: 1e300)!)
    #expect(pix.pixel(x: 4, y: 4) == .black)
  }
}

@Suite struct ExtremeGeometryTests {
  /// Regression guard: huge stroke widths and far-away geometry must neither trap on
  /// Int conversion nor draw garbage; the covered part of the canvas is simply filled.
  @Test func clipRectanglesCannotOverflow() throws {
    #expect(IntRect(x: Int.max, y: 0, width: 10, height: 10) == nil)
    #expect(IntRect(x: 0, y: 0, width: -1, height: 10) == nil)
    var pix = try Pixmap(width: 4, height: 4)
    let far = try #require(IntRect(x: Int.min, y: Int.min, width: Int.max, height: Int.max))
    pix.fill(try .rectangle(x: 0, y: 0, width: 4, height: 4), color: .black, clip: far)
    #expect(pix.pixel(x: 1, y: 1)?.alpha == 0)
  }

  @Test func hugeStrokeWidthsAndCoordinatesAreClamped() throws {
    var pix = try Pixmap(width: 16, height: 16)
    let line = try Path.polyline([Point(x: -1e12, y: 8), Point(x: 1e12, y: 8)])
    pix.stroke(line, color: .black, style: try StrokeStyle(width: 1e300, cap: .round, join: .round))
    #expect(pix.pixel(x: 8, y: 8) == .black)
    #expect(pix.pixel(x: 0, y: 0) == .black)
    var far = try Pixmap(width: 16, height: 16)
    far.stroke(
      try .polyline([Point(x: 1e15, y: -1e15), Point(x: -1e15, y: 1e15), Point(x: 3, y: 1e200)]),
      color: .black,
      style: try StrokeStyle(width: 2, dashes: [1e-300, 1e-300]))
    let shift = try #require(Transform.translation(x: 1e300, y: -1e300))
    far.fill(try .circle(center: Point(x: 0, y: 0), radius: 5), color: .black, transform: shift)
    far.fill(
      try .rectangle(x: 0, y: 0, width: 1e308, height: 1e308),
      color: Color(red: 0, green: 0, blue: 0, alpha: 1))
    #expect(far.pixel(x: 15, y: 15)?.alpha ?? 0 >= 1)
    var image = try Pixmap(width: 2, height: 2)
    image.clear(.black)
    var canvas = try Pixmap(width: 8, height: 8)
    try canvas.draw(image, transform: try #require(Transform.scale(x: 1e150, y: 1e150)))
    #expect(canvas.pixel(x: 4, y: 4) == .black)
  }
}
