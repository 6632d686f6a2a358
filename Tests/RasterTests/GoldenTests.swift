import Foundation
import Testing
import _TestSupport

@testable import Raster

let goldens = GoldenImages(
  directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"))

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
    try b.cubic(to: Point(x: 190, y: 140), control1: Point(x: 60, y: 60), control2: Point(x: 140, y: 180))
    pix.stroke(try b.build(), color: Color(red: 214, green: 39, blue: 40), style: try StrokeStyle(width: 3, cap: .round))
    pix.fill(try .rectangle(x: 120.5, y: 95.25, width: 60, height: 20), color: Color(red: 0, green: 0, blue: 0, alpha: 90))
    if let message = try goldens.check(pix, named: "shapes") { Issue.record(Comment(rawValue: message)) }
  }

  @Test func strokesScene() throws {
    var pix = try Pixmap(width: 240, height: 160)
    pix.clear(.white)
    let zigzag = try Path.polyline([Point(x: 0, y: 30), Point(x: 25, y: 0), Point(x: 50, y: 30)])
    let joins: [LineJoin] = [.miter, .round, .bevel]
    let caps: [LineCap] = [.butt, .round, .square]
    for (i, join) in joins.enumerated() {
      let t = Transform.translation(x: 20 + Double(i) * 75, y: 15)!
      pix.stroke(zigzag, color: .black, style: try StrokeStyle(width: 10, cap: caps[i], join: join), transform: t)
    }
    for (i, width) in [0.25, 0.5, 1, 1.5, 2.5].enumerated() {
      let y = 70 + Double(i) * 8
      pix.stroke(try .polyline([Point(x: 10, y: y), Point(x: 230, y: y + 4)]), color: .black, style: try StrokeStyle(width: width))
    }
    let dashed = try StrokeStyle(width: 2, cap: .butt, dashes: [8, 4, 2, 4], dashOffset: 3)
    pix.stroke(try .circle(center: Point(x: 60, y: 135), radius: 18), color: Color(red: 148, green: 103, blue: 189), style: dashed)
    pix.stroke(
      try .polyline([Point(x: 100, y: 150), Point(x: 140, y: 118), Point(x: 180, y: 150), Point(x: 230, y: 120)]),
      color: Color(red: 23, green: 190, blue: 207), style: try StrokeStyle(width: 1.5, join: .round, dashes: [6, 3]))
    if let message = try goldens.check(pix, named: "strokes") { Issue.record(Comment(rawValue: message)) }
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
    try pix.draw(heat, transform: Transform.scale(x: 20, y: 20)!.then(.translation(x: 0, y: 10)!)!, filter: .nearest, clip: clip)
    try pix.draw(heat, transform: Transform.scale(x: 20, y: 20)!.then(.translation(x: 80, y: 10)!)!, filter: .bilinear, opacity: 0.8, clip: clip)
    pix.stroke(try .rectangle(x: 10.5, y: 10.5, width: 139, height: 59), color: .black, style: try StrokeStyle(width: 1))
    if let message = try goldens.check(pix, named: "clipped-image") { Issue.record(Comment(rawValue: message)) }
  }
}

@Suite struct GoldenMachineryTests {
  @Test func mismatchIsReportedWithActualAndDiffImagesWritten() throws {
    guard !GoldenImages.isRecording else { return }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("saddle-golden-selftest-\(ProcessInfo.processInfo.processIdentifier)")
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
