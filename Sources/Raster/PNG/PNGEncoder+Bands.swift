import CZlib
import Dispatch

extension PNGEncoder {
  /// Filtered bytes per band: below twice this an image is one ordinary zlib stream
  /// (1× figures and the notebooks' 2× 640×480 figures keep their exact bytes).
  static let bandBytes = 2 << 20

  /// How many bands an image of `height` rows of `rowBytes` is deflated in. Depends only
  /// on the image size, never on the machine, so the bytes are the same everywhere.
  static func bandCount(height: Int, rowBytes: Int) -> Int {
    let total = height * (rowBytes + 1)
    return max(1, min(8, total / bandBytes, height))
  }

  /// One zlib stream made of `bands` raw-deflate bands compressed in parallel (as pigz
  /// does): each band ends with Z_SYNC_FLUSH (the last with Z_FINISH), is primed with the
  /// 32 KiB of filtered bytes before it so matches across the seam survive, and the
  /// Adler-32 of all filtered bytes is combined from the bands' checksums.
  static func bandedRows(
    _ pixmap: Pixmap, channels: Int, level: Int32, bands: Int, cancellation: SharedCancellation
  ) throws(RasterError) -> [UInt8] {
    let height = pixmap.height
    var results = [Result<([UInt8], uLong, Int), RasterError>](
      repeating: .failure(.compression(code: Z_STREAM_ERROR)), count: bands)
    results.withUnsafeMutableBufferPointer { r in
      nonisolated(unsafe) let slots = r
      DispatchQueue.concurrentPerform(iterations: bands) { i in
        let rows = (height * i / bands)..<(height * (i + 1) / bands)
        slots[i] = Result { () throws(RasterError) in
          try band(
            pixmap, channels: channels, level: level, rows: rows, last: i == bands - 1, cancellation: cancellation)
        }
      }
    }
    var output = zlibHeader(level: level)
    var adler: uLong = 1
    for result in results {
      let (bytes, bandAdler, length) = try result.get()
      output += bytes
      adler = adler32_combine(adler, bandAdler, .init(length))
    }
    appendUInt32(&output, UInt32(truncatingIfNeeded: adler))
    return output
  }

  /// Raw deflate of `rows` (no header or checksum) with its Adler-32 and filtered length.
  private static func band(
    _ pixmap: Pixmap, channels: Int, level: Int32, rows: Range<Int>, last: Bool, cancellation: SharedCancellation
  ) throws(RasterError) -> ([UInt8], uLong, Int) {
    var stream = z_stream()
    var status = deflateInit2_(
      &stream, level, Z_DEFLATED, -15, 8, Z_FILTERED, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw .compression(code: status) }
    defer { deflateEnd(&stream) }
    if rows.lowerBound > 0 {
      var dictionary = precedingBytes(pixmap, channels: channels, before: rows.lowerBound)
      status = deflateSetDictionary(&stream, &dictionary, uInt(dictionary.count))
      guard status == Z_OK else { throw .compression(code: status) }
    }
    var output: [UInt8] = []
    var adler: uLong? = CZlib.adler32(0, nil, 0)
    try deflateRows(
      pixmap, channels: channels, rows: rows, stream: &stream, finish: last, adler: &adler,
      into: &output, cancellation: cancellation)
    return (output, adler ?? 1, rows.count * (pixmap.width * channels + 1))
  }

  /// The last (up to) 32 KiB of filtered bytes before row `start`, re-filtered here so
  /// bands need not wait for each other (filtering is deterministic: same bytes).
  private static func precedingBytes(_ pixmap: Pixmap, channels: Int, before start: Int)
    -> [UInt8]
  {
    let rowBytes = pixmap.width * channels
    let count = min(start, (32768 + rowBytes) / (rowBytes + 1))
    var rows = [UInt8](repeating: 0, count: count * (rowBytes + 1))
    var scratch = [UInt8](repeating: 0, count: rowBytes * 7)
    rows.withUnsafeMutableBufferPointer { b in
      filterRows(
        pixmap, channels: channels, rows: (start - count)..<start, scratch: &scratch,
        into: b.baseAddress!)
    }
    return Array(rows.suffix(32768))
  }

  /// The two-byte zlib header zlib itself writes for a 32 KiB window at `level`
  /// (FLEVEL 0 for levels 0–1, 1 for 2–5, 2 for 6, 3 for 7–9; check bits make it % 31).
  static func zlibHeader(level: Int32) -> [UInt8] {
    let flevel: UInt16 = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3
    let cmf: UInt16 = 0x78
    var flg = flevel << 6
    flg += 31 - (cmf * 256 + flg) % 31
    return [UInt8(cmf), UInt8(flg)]
  }
}
