import CZlib

/// A decoded image with straight-alpha RGBA8 pixels, row-major.
public struct DecodedImage: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public let rgba: [UInt8]
  /// The PNG colour type that was stored (2 = RGB, 6 = RGBA, 0 = grey, 4 = grey + alpha).
  public let colorType: UInt8
  /// Pixels per metre from pHYs, if present.
  public let pixelsPerMeter: Int?

  public init(
    width: Int, height: Int, rgba: [UInt8], colorType: UInt8 = 6, pixelsPerMeter: Int? = nil
  ) {
    self.width = width
    self.height = height
    self.rgba = rgba
    self.colorType = colorType
    self.pixelsPerMeter = pixelsPerMeter
  }

  /// The (r, g, b, a) of pixel (x, y).
  public func pixel(x: Int, y: Int) -> [UInt8] {
    let i = (y * width + x) * 4
    return Array(rgba[i..<(i + 4)])
  }
}

/// Why a PNG could not be decoded, with the byte offset or chunk involved.
public struct PNGDecodeError: Error, CustomStringConvertible {
  public let description: String
}

/// An independent, test-only PNG decoder: 8-bit non-interlaced grey/RGB/RGBA, every
/// chunk CRC checked, zlib inflate, all five filters undone. Written from the PNG
/// specification, sharing no code with the encoder it checks.
public enum PNGDecoder {
  public static func decode(_ bytes: [UInt8]) throws -> DecodedImage {
    let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
    guard bytes.count >= 8, Array(bytes[0..<8]) == signature else {
      throw PNGDecodeError(description: "missing PNG signature")
    }
    var header: (w: Int, h: Int, colorType: UInt8)?
    var idat: [UInt8] = []
    var ppm: Int?
    var sawEnd = false
    for (type, data) in try chunks(bytes) {
      switch type {
      case "IHDR":
        guard data.count == 13, data[8] == 8, data[10] == 0, data[11] == 0, data[12] == 0 else {
          throw PNGDecodeError(description: "unsupported IHDR \(data)")
        }
        header = (Int(be32(data, 0)), Int(be32(data, 4)), data[9])
      case "IDAT": idat += data
      case "pHYs": ppm = Int(be32(data, 0))
      case "IEND": sawEnd = true
      default: break
      }
    }
    guard let header, sawEnd else { throw PNGDecodeError(description: "missing IHDR or IEND") }
    let channelsByType: [UInt8: Int] = [0: 1, 2: 3, 4: 2, 6: 4]
    guard let channels = channelsByType[header.colorType] else {
      throw PNGDecodeError(description: "unsupported colour type \(header.colorType)")
    }
    let raw = try inflate(idat, expected: header.h * (header.w * channels + 1))
    let pixels = try unfilter(raw, width: header.w, height: header.h, bpp: channels)
    return DecodedImage(
      width: header.w, height: header.h, rgba: expand(pixels, channels: channels),
      colorType: header.colorType, pixelsPerMeter: ppm)
  }

  /// The chunks after the signature as (type, data), each CRC-checked.
  static func chunks(_ bytes: [UInt8]) throws -> [(String, [UInt8])] {
    var out: [(String, [UInt8])] = []
    var offset = 8
    while offset < bytes.count {
      guard offset + 12 <= bytes.count else {
        throw PNGDecodeError(description: "truncated chunk at \(offset)")
      }
      let length = Int(be32(bytes, offset))
      guard length <= bytes.count - offset - 12 else {
        throw PNGDecodeError(description: "chunk at \(offset) overruns file")
      }
      let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
      let stored = be32(bytes, offset + 8 + length)
      let crc = bytes.withUnsafeBufferPointer {
        crc32(0, $0.baseAddress! + offset + 4, uInt(length + 4))
      }
      guard UInt32(crc) == stored else {
        throw PNGDecodeError(description: "bad CRC in \(type) chunk at \(offset)")
      }
      out.append((type, Array(bytes[(offset + 8)..<(offset + 8 + length)])))
      offset += length + 12
    }
    return out
  }

  static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
  }

  static func inflate(_ data: [UInt8], expected: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: expected + 1)
    var outLength = uLongf(out.count)
    let status = uncompress(&out, &outLength, data, uLong(data.count))
    guard status == Z_OK, Int(outLength) == expected else {
      throw PNGDecodeError(
        description: "inflate failed (status \(status), \(outLength) of \(expected) bytes)")
    }
    return Array(out[0..<expected])
  }

  static func unfilter(_ raw: [UInt8], width: Int, height: Int, bpp: Int) throws -> [UInt8] {
    let rowBytes = width * bpp
    var out = [UInt8](repeating: 0, count: rowBytes * height)
    for y in 0..<height {
      let filter = raw[y * (rowBytes + 1)]
      for i in 0..<rowBytes {
        let x = raw[y * (rowBytes + 1) + 1 + i]
        let a = i >= bpp ? out[y * rowBytes + i - bpp] : 0
        let b = y > 0 ? out[(y - 1) * rowBytes + i] : 0
        let c = (i >= bpp && y > 0) ? out[(y - 1) * rowBytes + i - bpp] : 0
        let predictor: UInt8
        switch filter {
        case 0: predictor = 0
        case 1: predictor = a
        case 2: predictor = b
        case 3: predictor = UInt8((Int(a) + Int(b)) / 2)
        case 4:
          let p = Int(a) + Int(b) - Int(c)
          let (pa, pb, pc) = (abs(p - Int(a)), abs(p - Int(b)), abs(p - Int(c)))
          predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
        default: throw PNGDecodeError(description: "bad filter type \(filter) in row \(y)")
        }
        out[y * rowBytes + i] = x &+ predictor
      }
    }
    return out
  }

  static func expand(_ pixels: [UInt8], channels: Int) -> [UInt8] {
    if channels == 4 { return pixels }
    var out: [UInt8] = []
    out.reserveCapacity(pixels.count / channels * 4)
    for i in stride(from: 0, to: pixels.count, by: channels) {
      switch channels {
      case 1: out += [pixels[i], pixels[i], pixels[i], 255]
      case 2: out += [pixels[i], pixels[i], pixels[i], pixels[i + 1]]
      default: out += [pixels[i], pixels[i + 1], pixels[i + 2], 255]
      }
    }
    return out
  }
}
