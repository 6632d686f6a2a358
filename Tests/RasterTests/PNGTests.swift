import Foundation
import Testing
import _TestSupport

@testable import Raster

/// A deterministic test image: gradients, noise and (optionally) transparency.
func testPattern(width: Int, height: Int, opaque: Bool) throws -> Pixmap {
  var bytes = [UInt8](repeating: 0, count: width * height * 4)
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  for y in 0..<height {
    for x in 0..<width {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let noise = UInt8(truncatingIfNeeded: state >> 59)
      let a: UInt8 = opaque ? 255 : UInt8((x * 255) / max(1, width - 1))
      let straight = [UInt8(x * 7 % 256), UInt8(y * 5 % 256) &+ noise, UInt8((x + y) % 256)]
      let i = (y * width + x) * 4
      for c in 0..<3 { bytes[i + c] = UInt8(div255(UInt32(straight[c]) * UInt32(a))) }
      bytes[i + 3] = a
    }
  }
  return try Pixmap(width: width, height: height, premultipliedRGBA: bytes)
}

/// Runs a program, returning its exit status and combined output, or nil if it is absent.
func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String)? {
  guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

func writeTemp(_ bytes: [UInt8], _ name: String) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "saddle-png-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
  try Data(bytes).write(to: url)
  return url
}

@Suite struct PNGTests {
  @Test(arguments: [true, false])
  func roundTripThroughIndependentDecoderIsLossless(opaque: Bool) throws {
    let pix = try testPattern(width: 37, height: 23, opaque: opaque)
    let decoded = try PNGDecoder.decode(PNGEncoder.encode(pix))
    #expect(decoded.colorType == (opaque ? 2 : 6))
    #expect(decoded.width == 37 && decoded.height == 23)
    for y in 0..<23 {
      for x in 0..<37 {
        let c = try #require(pix.pixel(x: x, y: y))
        let expected: [UInt8] = c.alpha == 0 ? [0, 0, 0, 0] : [c.red, c.green, c.blue, c.alpha]
        #expect(decoded.pixel(x: x, y: y) == expected, "pixel \(x),\(y)")
      }
    }
  }

  @Test func flatImagesCompressWellAndUseEveryFilterPath() throws {
    var pix = try Pixmap(width: 800, height: 600)
    pix.clear(.white)
    let png = try PNGEncoder.encode(pix)
    #expect(png.count < 3000)
    // Noise forces Paeth/Average/Sub choices; decode must still be exact.
    let noisy = try testPattern(width: 64, height: 64, opaque: true)
    let raw = PNGEncoder.filteredRows(noisy, channels: 3)
    let filters = Set((0..<64).map { raw[$0 * (64 * 3 + 1)] })
    #expect(filters.count >= 2)
    #expect(
      try PNGDecoder.decode(PNGEncoder.encode(noisy)).rgba == ImageCompare.decoded(noisy).rgba)
  }

  @Test func dpiIsWrittenAsPhysChunk() throws {
    let png = try PNGEncoder.encode(try testPattern(width: 4, height: 4, opaque: true), dpi: 144)
    #expect(try PNGDecoder.decode(png).pixelsPerMeter == 5669)
    #expect(throws: RasterError.self) {
      try PNGEncoder.encode(try testPattern(width: 4, height: 4, opaque: true), dpi: .nan)
    }
  }

  @Test func decoderDetectsCorruption() throws {
    var png = try PNGEncoder.encode(try testPattern(width: 8, height: 8, opaque: false))
    png[40] ^= 0x55
    #expect(throws: PNGDecodeError.self) { try PNGDecoder.decode(png) }
  }

  @Test(arguments: [true, false])
  func pngcheckAcceptsOurFiles(opaque: Bool) throws {
    let url = try writeTemp(
      PNGEncoder.encode(try testPattern(width: 50, height: 30, opaque: opaque), dpi: 144),
      "check-\(opaque).png")
    defer { try? FileManager.default.removeItem(at: url) }
    guard let (status, output) = try run("/usr/bin/pngcheck", ["-v", url.path]) else {
      return  // pngcheck not installed on this machine; the Pillow and zlib checks still run
    }
    #expect(status == 0, "\(output)")
    #expect(output.contains("No errors detected"))
  }

  @Test func pillowDecodesTheSamePixels() throws {
    guard let python = testVenvPython() else { return }
    let pix = try testPattern(width: 19, height: 11, opaque: false)
    let url = try writeTemp(PNGEncoder.encode(pix), "pillow.png")
    defer { try? FileManager.default.removeItem(at: url) }
    let script =
      "import sys; from PIL import Image; im = Image.open(sys.argv[1]); im.load(); print(im.mode, im.size[0], im.size[1], im.tobytes().hex())"
    guard let (status, output) = try run(python, ["-c", script, url.path]) else {
      return
    }
    #expect(status == 0, "\(output)")
    let parts = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
    try #require(parts.count == 4)
    #expect(parts[0] == "RGBA" && parts[1] == "19" && parts[2] == "11")
    let ours = try PNGDecoder.decode(PNGEncoder.encode(pix)).rgba
    #expect(String(parts[3]) == ours.map { String(format: "%02x", $0) }.joined())
  }
}

@Suite struct PNGSizeTests {
  /// A rendered 2× figure-sized image survives the round trip exactly, as RGB.
  @Test func figureSizedImagesRoundTrip() throws {
    var pix = try Pixmap(width: 1600, height: 1200)
    pix.clear(.white)
    for k in 0..<20 {
      let r = 30 + Double(k) * 25
      pix.stroke(
        try .circle(center: Point(x: 800, y: 600), radius: r),
        color: Color(red: UInt8(k * 12), green: 80, blue: 160),
        style: try StrokeStyle(width: 1.5))
    }
    let png = try PNGEncoder.encode(pix, dpi: 200)
    let decoded = try PNGDecoder.decode(png)
    #expect(decoded.colorType == 2)
    #expect(decoded.pixelsPerMeter == 7874)
    var expected = [UInt8](repeating: 0, count: 1600 * 1200 * 4)
    for i in stride(from: 0, to: expected.count, by: 4) {
      for c in 0..<4 { expected[i + c] = pix.data[i + c] }  // opaque: premultiplied = straight
    }
    #expect(decoded.rgba == expected)
  }

  @Test func oneByOneImagesAreValid() throws {
    let single = try Pixmap(width: 1, height: 1, straightRGBA: [1, 2, 3, 4])
    let decoded = try PNGDecoder.decode(PNGEncoder.encode(single))
    #expect(decoded.width == 1 && decoded.height == 1)
    #expect(decoded.rgba[3] == 4)
  }
}

@Suite struct PNGSizeAgainstMatplotlibTests {
  /// matplotlib's own reference figures (Fixtures, copied from shared/reference/plots),
  /// decoded and re-encoded by us: same pixels, a file no larger than matplotlib's.
  @Test(arguments: ["d_scatter_1x", "e_bars_1x"])
  func ourFilesAreNoLargerThanMatplotlibs(name: String) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/\(name).png")
    let theirs = [UInt8](try Data(contentsOf: url))
    let decoded = try PNGDecoder.decode(theirs)
    let pix = try Pixmap(width: decoded.width, height: decoded.height, straightRGBA: decoded.rgba)
    let ours = try PNGEncoder.encode(pix)
    #expect(try PNGDecoder.decode(ours).rgba == decoded.rgba)
    #expect(ours.count <= theirs.count, "\(ours.count) vs matplotlib's \(theirs.count) bytes")
    print("\(name): \(ours.count) bytes vs matplotlib's \(theirs.count)")
  }
}
