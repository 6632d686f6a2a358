extension PNGEncoder {
  /// Straight-alpha rows of the whole image, each prefixed by its chosen filter type byte.
  static func filteredRows(_ pixmap: Pixmap, channels: Int) -> [UInt8] {
    let rowBytes = pixmap.width * channels
    var out = [UInt8](repeating: 0, count: pixmap.height * (rowBytes + 1))
    var scratch = [UInt8](repeating: 0, count: rowBytes * 7)
    out.withUnsafeMutableBufferPointer { o in
      filterRows(pixmap, channels: channels, rows: 0..<pixmap.height, scratch: &scratch, into: o.baseAddress!)
    }
    return out
  }

  /// Filters rows `rows` into `o` (each prefixed by its filter byte), using `scratch`
  /// (7 row lengths) for the previous row, the current row and the five candidates; the
  /// row above the range is re-straightened, so blocks can be filtered one after another.
  ///
  /// Hot loop: one pass un-premultiplies a row, then the five filters are written into
  /// scratch rows while being scored, and the one with the smallest sum of bytes read as
  /// signed is kept (ties: Up, Sub, Paeth, Average, None). Scoring stops early when a
  /// filter cannot win.
  static func filterRows(
    _ pixmap: Pixmap, channels: Int, rows: Range<Int>, scratch: inout [UInt8],
    into o: UnsafeMutablePointer<UInt8>
  ) {
    let width = pixmap.width
    let rowBytes = width * channels
    pixmap.data.withUnsafeBufferPointer { src in
      scratch.withUnsafeMutableBufferPointer { s in
        var previous = s.baseAddress!
        var current = previous + rowBytes
        let candidates = previous + 2 * rowBytes
        if rows.lowerBound > 0 {
          straighten(
            src.baseAddress! + (rows.lowerBound - 1) * width * 4, width: width, channels: channels,
            into: previous)
        } else {
          previous.update(repeating: 0, count: rowBytes)
        }
        for y in rows {
          straighten(
            src.baseAddress! + y * width * 4, width: width, channels: channels, into: current)
          var best = 0
          var bestScore = Int.max
          // Up and Sub win most rows of a figure; once a filter scores 0 nothing can
          // beat it, and a filter stops being scored as soon as it exceeds the best.
          for filter in [2, 1, 4, 3, 0] {
            let candidate = candidates + filter * rowBytes
            let score = apply(
              filter, current, previous, count: rowBytes, bpp: channels, into: candidate,
              limit: bestScore)
            if score < bestScore {
              bestScore = score
              best = filter
              if score == 0 { break }
            }
          }
          let start = o + (y - rows.lowerBound) * (rowBytes + 1)
          start.pointee = UInt8(best)
          (start + 1).update(from: candidates + best * rowBytes, count: rowBytes)
          swap(&previous, &current)
        }
      }
    }
  }

  /// Un-premultiplies one row of `width` pixels into RGB or RGBA bytes.
  @inline(__always)
  private static func straighten(
    _ src: UnsafePointer<UInt8>, width: Int, channels: Int, into dst: UnsafeMutablePointer<UInt8>
  ) {
    for x in 0..<width {
      let (i, o) = (x * 4, x * channels)
      let a = UInt32(src[i + 3])
      for c in 0..<3 {
        let v = UInt32(src[i + c])
        dst[o + c] = a == 255 ? UInt8(v) : a == 0 ? 0 : UInt8(min(255, (v * 255 + a / 2) / a))
      }
      if channels == 4 { dst[o + 3] = UInt8(a) }
    }
  }

  /// Writes `value(i)` for i in 0..<n into `o` and returns Σ|byte as Int8| (libpng's
  /// "minimum sum of absolute differences"), giving up once the sum reaches `limit`.
  /// Works in chunks of 256 bytes so the inner loop stays branch-free.
  @inline(__always)
  private static func scored(
    _ n: Int, limit: Int, into o: UnsafeMutablePointer<UInt8>, _ value: (Int) -> UInt8
  ) -> Int {
    var sum = 0
    var i = 0
    while i < n {
      let end = min(i + 256, n)
      var chunk = 0
      for j in i..<end {
        let v = value(j)
        o[j] = v
        let s = Int(v)
        chunk &+= s < 128 ? s : 256 - s
      }
      sum &+= chunk
      if sum >= limit { return sum }
      i = end
    }
    return sum
  }

  /// Writes row `x` filtered by type 0…4 (None, Sub, Up, Average, Paeth) against the
  /// previous row `b` into `o` and returns its score (see `scored`).
  @inline(__always)
  private static func apply(
    _ filter: Int, _ x: UnsafeMutablePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>, count n: Int,
    bpp: Int, into o: UnsafeMutablePointer<UInt8>, limit: Int
  ) -> Int {
    switch filter {
    case 0:
      return scored(n, limit: limit, into: o) { x[$0] }
    case 1:
      return scored(n, limit: limit, into: o) { $0 >= bpp ? x[$0] &- x[$0 - bpp] : x[$0] }
    case 2:
      return scored(n, limit: limit, into: o) { x[$0] &- b[$0] }
    case 3:
      return scored(n, limit: limit, into: o) { i in
        let left: UInt16 = i >= bpp ? UInt16(x[i - bpp]) : 0
        return x[i] &- UInt8((left &+ UInt16(b[i])) >> 1)
      }
    default:
      return scored(n, limit: limit, into: o) { i in
        i >= bpp ? x[i] &- paeth(x[i - bpp], b[i], b[i - bpp]) : x[i] &- b[i]
      }
    }
  }

  /// The Paeth predictor of the PNG specification (ties prefer a, then b), branch-free.
  @inline(__always)
  static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
    let (ia, ib, ic) = (Int16(a), Int16(b), Int16(c))
    let pa = abs(ib - ic)
    let pb = abs(ia - ic)
    let pc = abs(ia + ib - 2 * ic)
    let notA = pa > pb || pa > pc
    let pick = pb <= pc ? b : c
    return notA ? pick : a
  }
}
