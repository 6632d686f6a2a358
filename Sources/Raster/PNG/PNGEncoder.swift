import CZlib

// Design note. Filters are chosen per row by the minimum sum of absolute differences
// (bytes read as signed), libpng's default heuristic; trying all five costs five passes
// over a row but usually saves 20–40 % of deflate output on plots, which are mostly
// flat colour. Compression uses zlib level 6 with Z_FILTERED, as libpng does for
// filtered images. Rejected: brute-force deflating each candidate row (10× slower).

/// Encodes pixmaps as PNG: 8-bit RGB when opaque (colour type 2), otherwise RGBA (6).
public enum PNGEncoder {
  /// The PNG file for `pixmap`. `dpi`, when given, is written as a pHYs chunk so viewers
  /// can show 2× images at their intended size. `level` is zlib's 0…9.
  public static func encode(_ pixmap: Pixmap, dpi: Double? = nil, level: Int32 = 6)
    throws(RasterError) -> [UInt8]
  {
    guard (0...9).contains(level) else { throw .invalidParameter("zlib level \(level) not in 0…9") }
    if let dpi {
      guard dpi.isFinite, dpi > 0, dpi < 1e6 else { throw .invalidParameter("dpi \(dpi)") }
    }
    let opaque = pixmap.isOpaque
    let channels = opaque ? 3 : 4
    let raw = filteredRows(pixmap, channels: channels)
    let compressed = try deflate(raw, level: level)
    var out: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
    var ihdr: [UInt8] = []
    appendUInt32(&ihdr, UInt32(pixmap.width))
    appendUInt32(&ihdr, UInt32(pixmap.height))
    ihdr += [8, opaque ? 2 : 6, 0, 0, 0]
    appendChunk(&out, "IHDR", ihdr)
    if let dpi {
      let ppm = UInt32((dpi / 0.0254).rounded())
      var phys: [UInt8] = []
      appendUInt32(&phys, ppm)
      appendUInt32(&phys, ppm)
      phys.append(1)
      appendChunk(&out, "pHYs", phys)
    }
    appendChunk(&out, "IDAT", compressed)
    appendChunk(&out, "IEND", [])
    return out
  }

  static func appendUInt32(_ out: inout [UInt8], _ v: UInt32) {
    out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
  }

  /// Appends length, type, data and the CRC-32 of type + data.
  static func appendChunk(_ out: inout [UInt8], _ type: String, _ data: [UInt8]) {
    appendUInt32(&out, UInt32(data.count))
    let typeBytes = Array(type.utf8)
    var crc = crc32(0, typeBytes, 4)
    crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
    out += typeBytes
    out += data
    appendUInt32(&out, UInt32(crc))
  }

  /// Compresses with a zlib wrapper; throws with zlib's code on failure.
  static func deflate(_ input: [UInt8], level: Int32) throws(RasterError) -> [UInt8] {
    var stream = z_stream()
    var status = deflateInit2_(
      &stream, level, Z_DEFLATED, 15, 8, Z_FILTERED, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw .compression(code: status) }
    defer { deflateEnd(&stream) }
    // The output buffer is left uninitialised (only the compressed bytes are ever touched,
    // so a 2× figure does not fault in megabytes of pages) and the input is read in place.
    let bound = Int(deflateBound(&stream, uLong(input.count)))
    var produced = 0
    var output = [UInt8](unsafeUninitializedCapacity: bound) { dst, count in
      input.withUnsafeBufferPointer { src in
        stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
        stream.avail_in = uInt(src.count)
        stream.next_out = dst.baseAddress
        stream.avail_out = uInt(dst.count)
        status = CZlib.deflate(&stream, Z_FINISH)
      }
      produced = Int(stream.total_out)
      count = status == Z_STREAM_END ? produced : 0
    }
    guard status == Z_STREAM_END else { throw .compression(code: status) }
    output.removeSubrange(produced...)
    return output
  }
}
