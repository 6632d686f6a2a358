import Foundation
import Raster

/// The outcome of comparing two images pixel by pixel.
public struct ImageDifference: Sendable {
  /// Pixels where some channel differs by more than the tolerance.
  public let differingPixels: Int
  /// The largest channel difference anywhere.
  public let maxChannelDifference: Int
  /// Whether sizes matched at all.
  public let sizesMatch: Bool
}

/// Compares decoded pixels with a tolerance (never file bytes) and keeps golden files.
public enum ImageCompare {
  /// Straight-alpha RGBA of a pixmap, decoded through an actual PNG round trip.
  public static func decoded(_ pixmap: Pixmap) throws -> DecodedImage {
    try PNGDecoder.decode(PNGEncoder.encode(pixmap))
  }

  /// Channel-wise comparison; pixels within `tolerance` (0…255) count as equal.
  public static func compare(_ a: DecodedImage, _ b: DecodedImage, tolerance: Int)
    -> ImageDifference
  {
    guard a.width == b.width, a.height == b.height else {
      return ImageDifference(
        differingPixels: max(a.width * a.height, b.width * b.height), maxChannelDifference: 255,
        sizesMatch: false)
    }
    var differing = 0
    var maxDiff = 0
    for p in 0..<(a.width * a.height) {
      var worst = 0
      for c in 0..<4 { worst = max(worst, abs(Int(a.rgba[p * 4 + c]) - Int(b.rgba[p * 4 + c]))) }
      if worst > tolerance { differing += 1 }
      maxDiff = max(maxDiff, worst)
    }
    return ImageDifference(
      differingPixels: differing, maxChannelDifference: maxDiff, sizesMatch: true)
  }

  /// An opaque image: grey copy of `expected`, red where `actual` differs beyond `tolerance`.
  public static func diffImage(_ actual: DecodedImage, _ expected: DecodedImage, tolerance: Int)
    throws -> Pixmap
  {
    var out = try Pixmap(width: max(1, actual.width), height: max(1, actual.height))
    out.clear(.white)
    guard actual.width == expected.width, actual.height == expected.height else { return out }
    var bytes = [UInt8](repeating: 255, count: actual.width * actual.height * 4)
    for p in 0..<(actual.width * actual.height) {
      var worst = 0
      for c in 0..<4 {
        worst = max(worst, abs(Int(actual.rgba[p * 4 + c]) - Int(expected.rgba[p * 4 + c])))
      }
      let grey = UInt8(
        (Int(expected.rgba[p * 4]) + Int(expected.rgba[p * 4 + 1]) + Int(expected.rgba[p * 4 + 2]))
          / 12 + 170)
      let (r, g, b): (UInt8, UInt8, UInt8) = worst > tolerance ? (255, 0, 0) : (grey, grey, grey)
      bytes[p * 4] = r
      bytes[p * 4 + 1] = g
      bytes[p * 4 + 2] = b
    }
    return try Pixmap(width: actual.width, height: actual.height, premultipliedRGBA: bytes)
  }
}

/// Golden-image checks: `SADDLE_RECORD_GOLDEN=1` (re)writes the golden PNGs; otherwise
/// the rendered pixmap is compared, as decoded pixels, with the stored golden, and on
/// failure the actual image and a diff image are written to a temporary directory.
public struct GoldenImages: Sendable {
  public let directory: URL

  public init(directory: URL) { self.directory = directory }

  /// Whether this run records goldens instead of checking them.
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["SADDLE_RECORD_GOLDEN"] == "1"
  }

  /// Returns `nil` when `pixmap` matches golden `name` (or was recorded), else a message
  /// naming the differing pixel count and the paths of the written actual and diff images.
  public func check(
    _ pixmap: Pixmap, named name: String, tolerance: Int = 2, allowedPixels: Int = 0
  ) throws -> String? {
    let file = directory.appendingPathComponent("\(name).png")
    let png = try PNGEncoder.encode(pixmap)
    if Self.isRecording {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(png).write(to: file)
      return nil
    }
    guard let stored = try? Data(contentsOf: file) else {
      return "golden \(file.path) missing; run with SADDLE_RECORD_GOLDEN=1 to record it"
    }
    let expected = try PNGDecoder.decode([UInt8](stored))
    let actual = try PNGDecoder.decode(png)
    let diff = ImageCompare.compare(actual, expected, tolerance: tolerance)
    if diff.sizesMatch && diff.differingPixels <= allowedPixels { return nil }
    let outDir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "saddle-golden-failures")
    try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
    let actualURL = outDir.appendingPathComponent("\(name)-actual.png")
    let diffURL = outDir.appendingPathComponent("\(name)-diff.png")
    try Data(png).write(to: actualURL)
    try Data(PNGEncoder.encode(ImageCompare.diffImage(actual, expected, tolerance: tolerance)))
      .write(to: diffURL)
    let message =
      "golden \(name): \(diff.differingPixels) pixels differ (max channel Δ \(diff.maxChannelDifference)); actual \(actualURL.path), diff \(diffURL.path)"
    print(message)
    return message
  }
}
