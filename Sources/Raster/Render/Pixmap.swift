/// A rectangle of premultiplied RGBA8 pixels, row-major, top row first.
///
/// Premultiplied storage makes source-over one multiply-add per channel and lets
/// bilinear sampling average colours without dark fringes.
public struct Pixmap: Equatable, Sendable {
  public let width: Int
  public let height: Int
  /// Premultiplied R, G, B, A bytes; `4 * width * height` of them.
  public internal(set) var data: [UInt8]

  /// Largest accepted side, so sizes cannot overflow byte counts (32768² · 4 = 4 GiB).
  public static let maxSide = 32768

  /// A transparent pixmap; throws when a side is ≤ 0 or above `maxSide`.
  public init(width: Int, height: Int) throws(RasterError) {
    guard width > 0, height > 0, width <= Self.maxSide, height <= Self.maxSide else {
      throw .invalidParameter("pixmap size \(width)×\(height) must be within 1…\(Self.maxSide)")
    }
    self.width = width
    self.height = height
    data = [UInt8](repeating: 0, count: width * height * 4)
  }

  /// Wraps premultiplied RGBA bytes; throws when the count does not match or a colour
  /// channel exceeds its alpha (impossible for premultiplied data).
  public init(width: Int, height: Int, premultipliedRGBA bytes: [UInt8]) throws(RasterError) {
    try self.init(width: width, height: height)
    guard bytes.count == width * height * 4 else {
      throw .invalidParameter("expected \(width * height * 4) bytes, got \(bytes.count)")
    }
    for i in stride(from: 0, to: bytes.count, by: 4) {
      let a = bytes[i + 3]
      guard bytes[i] <= a, bytes[i + 1] <= a, bytes[i + 2] <= a else {
        throw .invalidParameter("pixel \(i / 4): colour channel exceeds alpha")
      }
    }
    data = bytes
  }

  /// Wraps straight (not premultiplied) RGBA bytes, premultiplying them, e.g. a heat map
  /// built from a colour map; throws when the byte count does not match the size.
  public init(width: Int, height: Int, straightRGBA bytes: [UInt8]) throws(RasterError) {
    try self.init(width: width, height: height)
    guard bytes.count == width * height * 4 else {
      throw .invalidParameter("expected \(width * height * 4) bytes, got \(bytes.count)")
    }
    data = bytes
    for i in stride(from: 0, to: data.count, by: 4) where data[i + 3] != 255 {
      let a = UInt32(data[i + 3])
      for c in 0..<3 { data[i + c] = UInt8(div255(UInt32(data[i + c]) * a)) }
    }
  }

  /// The whole pixmap as a rectangle (the default clip).
  public var bounds: IntRect { IntRect(x: 0, y: 0, width: width, height: height)! }

  /// The straight-alpha colour at (x, y), or `nil` outside the pixmap.
  public func pixel(x: Int, y: Int) -> Color? {
    guard x >= 0, y >= 0, x < width, y < height else { return nil }
    let i = (y * width + x) * 4
    let a = data[i + 3]
    guard a > 0 else { return .transparent }
    func un(_ v: UInt8) -> UInt8 { UInt8(min(255, (UInt32(v) * 255 + UInt32(a) / 2) / UInt32(a))) }
    return Color(red: un(data[i]), green: un(data[i + 1]), blue: un(data[i + 2]), alpha: a)
  }

  /// Sets every pixel to `color` (replacing, not compositing).
  public mutating func clear(_ color: Color) {
    let (r, g, b, a) = color.premultiplied
    let packed = UInt32(r) | UInt32(g) << 8 | UInt32(b) << 16 | UInt32(a) << 24
    data.withUnsafeMutableBytes { raw in
      raw.bindMemory(to: UInt32.self).update(repeating: UInt32(littleEndian: packed))
    }
  }

  /// True when every pixel is fully opaque (PNG then stores RGB only).
  public var isOpaque: Bool {
    data.withUnsafeBufferPointer { buf in
      var i = 3
      while i < buf.count {
        if buf[i] != 255 { return false }
        i += 4
      }
      return true
    }
  }
}
