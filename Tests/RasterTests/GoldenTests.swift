import Foundation
import Testing
import _TestSupport

@testable import Raster

let goldens = GoldenImages(
  directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden"))

/// Scenes exercising every drawing feature, compared with recorded goldens as decoded pixels.
@Suite struct GoldenTests {
  @Test func shapesScene() throws {
    var pix = try Pixmap(width: 200, height: 150)
    pix.clear(.white)
    let blue = Color(red: 31, green: 119, blue: 180)
    let orange = Color(red: 255, green: 127, blue: 14, alpha: 160)
    pix.fill(try .circle(center: Point(x: 50, y: 50), radius: 35), color: blue)
    pix.fill(try .circle(center: Point(x: 80, y: 60), radius: 30), color: orange)
    let star = try Path.polyline(
      (0..<5).map { k in
        let a = -Double.pi / 2 + Double(k) * 4 * Double.pi / 5
        return Point(x: 150 + 35 * cos(a), y: 50 + 35 * sin(a))
      }, closed: true)
    pix.fill(star, color: Color(red: 44, green: 160, blue: 44), rule: .evenOdd)
    var b = PathBuilder()
    try b.move(to: Point(x: 10, y: 140))
    try b.cubic(
      to: Point(x: 190, y: 140), control1: Point(x: 60, y: 60), control2: Point(x: 140, y: 180))
    pix.stroke(
      try b.build(), color: Color(red: 214, green: 39, blue: 40),
      style: try StrokeStyle(width: 3, cap: .round))
    pix.fill(
      try .rectangle(x: 120.5, y: 95.25, width: 60, height: 20),
      color: Color(red: 0, green: 0, blue: 0, alpha: 90))
    if let message = try goldens.check(pix, named: "shapes") {
      Issue.record(Comment(rawValue: message))
    }
  }

  @Test func strokesScene() throws {
    var pix = try Pixmap(width: 240, height: 160)
    pix.clear(.white)
    let zigzag = try Path.polyline([Point(x: 0, y: 30), Point(x: 25, y: 0), Point(x: 50, y: 30)])
    let joins: [LineJoin] = [.miter, .round, .bevel]
    let caps: [LineCap] = [.butt, .round, .square]
    for (i, join) in joins.enumerated() {
      let t = Transform.translation(x: 20 + Double(i) * 75, y: 15)!
      pix.stroke(
        zigzag, color: .black, style: try StrokeStyle(width: 10, cap: caps[i], join: join),
        transform: t)
    }
    for (i, width) in [0.25, 0.5, 1, 1.5, 2.5].enumerated() {
      let y = 70 + Double(i) * 8
      pix.stroke(
        try .polyline([Point(x: 10, y: y), Point(x: 230, y: y + 4)]), color: .black,
        style: try StrokeStyle(width: width))
    }
    let dashed = try StrokeStyle(width: 2, cap: .butt, dashes: [8, 4, 2, 4], dashOffset: 3)
    pix.stroke(
      try .circle(center: Point(x: 60, y: 135), radius: 18),
      color: Color(red: 148, green: 103, blue: 189), style: dashed)
    pix.stroke(
      try .polyline([
        Point(x: 100, y: 150), Point(x: 140, y: 118), Point(x: 180, y: 150), Point(x: 230, y: 120),
      ]),
      color: Color(red: 23, green: 190, blue: 207),
      style: try StrokeStyle(width: 1.5, join: .round, dashes: [6, 3]))
    if let message = try goldens.check(pix, named: "strokes") {
      Issue.record(Comment(rawValue: message))
    }
  }

  @Test func clippedImageScene() throws {
    var heat = try Pixmap(width: 4, height: 3)
    for y in 0..<3 {
      for x in 0..<4 {
        let c = Color(red: UInt8(x * 80), green: UInt8(y * 120), blue: 200)
        heat.fill(try .rectangle(x: Double(x), y: Double(y), width: 1, height: 1), color: c)
      }
    }
    var pix = try Pixmap(width: 160, height: 80)
    pix.clear(.white)
    let clip = IntRect(x: 10, y: 10, width: 140, height: 60)
    try pix.draw(
      heat, transform: Transform.scale(x: 20, y: 20)!.then(.translation(x: 0, y: 10)!)!,
      filter: .nearest, clip: clip)
    try pix.draw(
      heat, transform: Transform.scale(x: 20, y: 20)!.then(.translation(x: 80, y: 10)!)!,
      filter: .bilinear, opacity: 0.8, clip: clip)
    pix.stroke(
      try .rectangle(x: 10.5, y: 10.5, width: 139, height: 59), color: .black,
      style: try StrokeStyle(width: 1))
    if let message = try goldens.check(pix, named: "clipped-image") {
      Issue.record(Comment(rawValue: message))
    }
  }
}

@Suite struct GoldenMachineryTests {
  @Test func mismatchIsReportedWithActualAndDiffImagesWritten() throws {
    guard !GoldenImages.isRecording else { return }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "saddle-golden-selftest-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var expected = try Pixmap(width: 10, height: 10)
    expected.clear(.white)
    try Data(PNGEncoder.encode(expected)).write(to: dir.appendingPathComponent("probe.png"))
    let store = GoldenImages(directory: dir)
    #expect(try store.check(expected, named: "probe") == nil)
    var actual = expected
    actual.fill(try .rectangle(x: 2, y: 2, width: 3, height: 1), color: .black)
    let message = try #require(try store.check(actual, named: "probe"))
    #expect(message.contains("3 pixels differ"))
    let diffPath = try #require(message.components(separatedBy: "diff ").last)
    let diff = try PNGDecoder.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: diffPath))))
    #expect(diff.pixel(x: 3, y: 2) == [255, 0, 0, 255])
    #expect(diff.pixel(x: 3, y: 5) != [255, 0, 0, 255])
    // A one-level difference is within the default tolerance.
    var nearly = expected
    nearly.clear(Color(red: 254, green: 255, blue: 255))
    #expect(try store.check(nearly, named: "probe") == nil)
    #expect(try store.check(expected, named: "absent")?.contains("SADDLE_RECORD_GOLDEN=1") == true)
  }
}

@Suite struct TextGoldenTests {
  let font = try! Font.dejaVuSans()

  @Test func lectureLabelsScene() throws {
    var pix = try Pixmap(width: 320, height: 200)
    pix.clear(.white)
    let lines = [
      "θ η λ ∇L ‖w‖ − w₁ w₂", "10⁻³ 10⁻² 10⁻¹ 10⁰ 10¹", "Loss landscape: AV To Wé",
      "gradient descent, η = 0.1",
    ]
    for (i, line) in lines.enumerated() {
      try pix.draw(
        text: line, font: font, size: 13.9, at: Point(x: 40, y: 30 + Double(i) * 24), color: .black)
    }
    try pix.draw(
      text: "loss L(w₁, w₂)", font: font, size: 13.9, at: Point(x: 20, y: 120), color: .black,
      horizontal: .center, vertical: .center, rotation: .vertical)
    try pix.draw(
      text: "Title 18px", font: font, size: 18, at: Point(x: 180, y: 130),
      color: Color(red: 31, green: 119, blue: 180), horizontal: .center, vertical: .top)
    pix.stroke(
      try .polyline([Point(x: 180.5, y: 125), Point(x: 180.5, y: 195)]), color: .black,
      style: try StrokeStyle(width: 0.5))
    try pix.draw(
      text: "right", font: font, size: 10, at: Point(x: 310, y: 190),
      color: Color(red: 214, green: 39, blue: 40), horizontal: .right, vertical: .bottom)
    if let message = try goldens.check(pix, named: "text") {
      Issue.record(Comment(rawValue: message))
    }
  }

  @Test func anchorsPlaceTheAdvanceBox() throws {
    let size = 20.0
    let line = try font.layout("Hx", size: size)
    for (anchor, expectedLeft) in [
      (HorizontalAnchor.left, 50.0), (.center, 50 - line.width / 2), (.right, 50 - line.width),
    ] {
      var pix = try Pixmap(width: 120, height: 60)
      try pix.draw(
        text: "Hx", font: font, size: size, at: Point(x: 50, y: 40), color: .black,
        horizontal: anchor)
      let inked = (0..<120).filter { x in
        (0..<60).contains { y in pix.pixel(x: x, y: y)!.alpha > 0 }
      }
      // "H" starts with its left side bearing (≈ 201/2048 em) after the pen position.
      #expect(
        abs(Double(inked.first!) - (expectedLeft.rounded() + 201 * size / 2048)) <= 1, "\(anchor)")
    }
    var top = try Pixmap(width: 60, height: 60)
    try top.draw(
      text: "H", font: font, size: size, at: Point(x: 10, y: 10), color: .black, vertical: .top)
    let rows = (0..<60).filter { y in (0..<60).contains { x in top.pixel(x: x, y: y)!.alpha > 0 } }
    // Cap height 1493 units; baseline sits `ascent` below the anchor.
    let baseline = 10 + (1901 * size / 2048).rounded()
    #expect(abs(Double(rows.last! + 1) - baseline) <= 0.5)
    #expect(abs(Double(rows.first!) - (baseline - 1493 * size / 2048)) <= 1)
  }

  @Test func verticalTextReadsBottomToTop() throws {
    var pix = try Pixmap(width: 40, height: 120)
    try pix.draw(
      text: "Lo", font: font, size: 20, at: Point(x: 30, y: 100), color: .black, rotation: .vertical
    )
    let inked = (0..<120).filter { y in (0..<40).contains { x in pix.pixel(x: x, y: y)!.alpha > 0 }
    }
    // The text runs upward from y = 100 for its advance width; baseline at x = 30 (ink left of it).
    let width = try font.layout("Lo", size: 20).width
    #expect(inked.last! < 100 && inked.last! > 95)
    #expect(abs(Double(inked.first!) - (100 - width)) < 3)
    let columns = (0..<40).filter { x in
      (0..<120).contains { y in pix.pixel(x: x, y: y)!.alpha > 0 }
    }
    #expect(columns.last! <= 30)  // only the "o" overshoot (≈ 0.3 px) crosses the baseline
  }
}
