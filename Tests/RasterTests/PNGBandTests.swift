import Foundation
import Synchronization
import Testing
import _TestSupport

@testable import Raster

/// Images large enough to be deflated in parallel bands must still be one valid zlib
/// stream (checked by zlib's inflate, which verifies the combined Adler-32) that decodes
/// to the same pixels, with the same bytes on every run.
@Suite struct PNGBandTests {
  @Test(arguments: [true, false])
  func multiBandEncodingDecodesToTheSamePixelsAndIsDeterministic(opaque: Bool) throws {
    let pix = try testPattern(width: 1600, height: 1200, opaque: opaque)
    let channels = opaque ? 3 : 4
    #expect(PNGEncoder.bandCount(height: 1200, rowBytes: 1600 * channels) >= 2)
    let first = try PNGEncoder.encode(pix, level: 4)
    let second = try PNGEncoder.encode(pix, level: 4)
    #expect(first == second)
    #expect(try PNGDecoder.decode(first).rgba == ImageCompare.decoded(pix).rgba)
  }

  /// The stop button reaches the encoder: a stop during compression (here, after a few
  /// blocks) ends it with `.cancelled`, for one stream and for parallel bands alike, and the
  /// caller's check is never called again once it has said stop.
  @Test(arguments: [(320, 240), (1600, 1200)])
  func encodingStopsWhenCancelled(width: Int, height: Int) throws {
    let pix = try testPattern(width: width, height: height, opaque: true)
    let calls = Mutex(0)
    #expect(throws: RasterError.cancelled) {
      try PNGEncoder.encode(pix, level: 4) {
        calls.withLock {
          $0 += 1
          return $0 >= 3
        }
      }
    }
    #expect(calls.withLock { $0 } == 3)
    #expect(try PNGEncoder.encode(pix, level: 4) { false } == PNGEncoder.encode(pix, level: 4))
  }

  /// pngcheck (which inflates and checks the Adler-32) and Pillow accept a banded file
  /// and Pillow sees the same pixels as our decoder.
  @Test func pngcheckAndPillowAcceptBandedFiles() throws {
    let pix = try testPattern(width: 1600, height: 1200, opaque: false)
    let png = try PNGEncoder.encode(pix, level: 4)
    let url = try writeTemp(png, "bands.png")
    defer { try? FileManager.default.removeItem(at: url) }
    if let (status, output) = try run("/usr/bin/pngcheck", ["-v", url.path]) {
      #expect(status == 0 && output.contains("No errors detected"), "\(output)")
    }
    guard let python = testVenvPython() else { return }
    let raw = try writeTemp(try PNGDecoder.decode(png).rgba, "bands.rgba")
    defer { try? FileManager.default.removeItem(at: raw) }
    let script =
      "import sys; from PIL import Image; im = Image.open(sys.argv[1]); im.load(); "
      + "print(im.mode, im.tobytes() == open(sys.argv[2], 'rb').read())"
    guard let (status, output) = try run(python, ["-c", script, url.path, raw.path]) else {
      return
    }
    #expect(status == 0, "\(output)")
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "RGBA True")
  }

  @Test func smallImagesStayOneStreamAndBandsNeverOutnumberRows() {
    #expect(PNGEncoder.bandCount(height: 600, rowBytes: 800 * 3) == 1)
    #expect(PNGEncoder.bandCount(height: 960, rowBytes: 1280 * 3) == 1)
    #expect(PNGEncoder.bandCount(height: 3, rowBytes: 10_000_000) == 3)
  }

  @Test(arguments: [Int32(0), 1, 4, 6, 9])
  func headerMatchesZlibsOwnForEachLevel(level: Int32) {
    let header = PNGEncoder.zlibHeader(level: level)
    #expect((Int(header[0]) * 256 + Int(header[1])) % 31 == 0)
    #expect(header[0] == 0x78)
  }
}
