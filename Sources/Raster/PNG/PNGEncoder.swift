import CZlib

// Design note. Filters are chosen per row by the minimum sum of absolute differences
// (bytes read as signed), libpng's default heuristic; trying all five costs five passes
// over a row but usually saves 20–40 % of deflate output on plots, which are mostly
// flat colour. Compression uses Z_FILTERED, as libpng does for filtered images (figures
// pass level 4: 1–2 % larger than 6, ~15 % faster). Rows are filtered and deflated in
// ~64 KB blocks (no whole filtered image in memory: page faults are costly).
// Images of at least 2 × `bandBytes` (4 MiB) of filtered rows — 2× figures — are cut
// into bands filtered and deflated in parallel (PNGEncoder+Bands.swift, pigz's scheme:
// raw deflate per band, Z_SYNC_FLUSH seams, each band primed with the previous 32 KiB,
// one zlib header, Adler-32 combined); this took the 2× figures from 0.35–0.47 to
// 0.19–0.29 of matplotlib’s time at ≤ 0.2 % more bytes. The band count depends only on the
// image size, so output is identical on every machine; smaller images keep the single
// stream and their exact previous bytes. Rejected: brute-force deflating each candidate
// row (10× slower); an opaque fast path for un-premultiplying; Z_RLE (no gain).

/// Encodes pixmaps as PNG: 8-bit RGB when opaque (colour type 2), otherwise RGBA (6).
public enum PNGEncoder {
  /// The PNG file for `pixmap`. `dpi`, when given, is written as a pHYs chunk so viewers
  /// can show 2× images at their intended size. `level` is zlib's 0…9. Throws `.cancelled`
  /// when `isCancelled` turns true (checked before each ~64 KB block of rows).
  public static func encode(
    _ pixmap: Pixmap, dpi: Double? = nil, level: Int32 = 6, isCancelled: @escaping () -> Bool = { false }
  ) throws(RasterError) -> [UInt8] {
    guard (0...9).contains(level) else { throw .invalidParameter("zlib level \(level) not in 0…9") }
    if let dpi {
      guard dpi.isFinite, dpi > 0, dpi < 1e6 else { throw .invalidParameter("dpi \(dpi)") }
    }
    let opaque = pixmap.isOpaque
    let channels = opaque ? 3 : 4
    let compressed = try compressedRows(
      pixmap, channels: channels, level: level, cancellation: SharedCancellation(isCancelled))
    var out: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
    var ihdr: [UInt8] = []
    appendUInt32(&ihdr, UInt32(pixmap.width))
    appendUInt32(&ihdr, UInt32(pixmap.height))
    ihdr += [8, opaque ? 2 : 6, 0, 0, 0]
    appendChunk(&out, "IHDR", ihdr)
    if let dpi {
      let ppm = UInt32(Int(clamping: dpi / 0.0254, to: 0...Int(UInt32.max), rounding: .toNearestOrAwayFromZero, nan: 0))
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

  /// The zlib stream of the filtered rows: one stream for images up to `bandBytes` of
  /// filtered data, otherwise bands deflated in parallel (see `PNGEncoder+Bands.swift`).
  static func compressedRows(
    _ pixmap: Pixmap, channels: Int, level: Int32, cancellation: SharedCancellation
  ) throws(RasterError) -> [UInt8] {
    let bands = bandCount(height: pixmap.height, rowBytes: pixmap.width * channels)
    if bands > 1 {
      return try bandedRows(pixmap, channels: channels, level: level, bands: bands, cancellation: cancellation)
    }
    var stream = z_stream()
    let status = deflateInit2_(
      &stream, level, Z_DEFLATED, 15, 8, Z_FILTERED, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw .compression(code: status) }
    defer { deflateEnd(&stream) }
    var output: [UInt8] = []
    var adler: uLong? = nil
    try deflateRows(
      pixmap, channels: channels, rows: 0..<pixmap.height, stream: &stream, finish: true,
      adler: &adler, into: &output, cancellation: cancellation)
    return output
  }

  /// Filters `rows` and feeds them to `stream` in blocks of about 64 KB, so the filtered
  /// image never exists as a whole (a 2× figure would be 6 MB of fresh pages, and page
  /// faults are a large part of encoding time). Ends with Z_FINISH when `finish`, else
  /// Z_SYNC_FLUSH (byte-aligned, so bands concatenate); updates `adler` when non-nil
  /// (raw streams carry no checksum); throws with zlib's code, or `.cancelled` at a stop.
  static func deflateRows(
    _ pixmap: Pixmap, channels: Int, rows: Range<Int>, stream: inout z_stream, finish: Bool,
    adler: inout uLong?, into output: inout [UInt8], cancellation: SharedCancellation
  ) throws(RasterError) {
    let rowBytes = pixmap.width * channels
    let blockRows = max(1, min(rows.count, 65536 / (rowBytes + 1)))
    var block = [UInt8](repeating: 0, count: blockRows * (rowBytes + 1))
    var scratch = [UInt8](repeating: 0, count: rowBytes * 7)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var status = Z_OK
    var y = rows.lowerBound
    while y < rows.upperBound {
      if cancellation.shouldStop() { throw .cancelled }
      let n = min(blockRows, rows.upperBound - y)
      let last = y + n == rows.upperBound
      let flush = last ? (finish ? Z_FINISH : Z_SYNC_FLUSH) : Z_NO_FLUSH
      block.withUnsafeMutableBufferPointer { b in
        filterRows(pixmap, channels: channels, rows: y..<(y + n), scratch: &scratch, into: b.baseAddress!)
        if let a = adler { adler = CZlib.adler32(a, b.baseAddress, uInt(n * (rowBytes + 1))) }
      }
      status = pump(&stream, block, count: n * (rowBytes + 1), flush: flush, chunk: &chunk, into: &output)
      guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
        throw .compression(code: status)
      }
      y += n
    }
    guard !finish || status == Z_STREAM_END else { throw .compression(code: status) }
  }

  /// Feeds `count` bytes of `input` to deflate, appending output through `chunk` until
  /// deflate leaves room in it (all input consumed; with Z_FINISH, the stream ended).
  static func pump(
    _ stream: inout z_stream, _ input: [UInt8], count: Int, flush: Int32, chunk: inout [UInt8],
    into output: inout [UInt8]
  ) -> Int32 {
    var status = Z_OK
    input.withUnsafeBufferPointer { src in
      stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
      stream.avail_in = uInt(count)
      chunk.withUnsafeMutableBufferPointer { dst in
        repeat {
          stream.next_out = dst.baseAddress
          stream.avail_out = uInt(dst.count)
          status = CZlib.deflate(&stream, flush)
          output.append(contentsOf: dst[0..<(dst.count - Int(stream.avail_out))])
        } while stream.avail_out == 0 && status != Z_STREAM_ERROR
      }
    }
    return status
  }
}
