extension PNGEncoder {
  /// Straight-alpha rows, each prefixed by its chosen filter type byte.
  ///
  /// Hot loop: one pass un-premultiplies a row, then all five filters are written into
  /// scratch rows (one allocation for the whole image) and the one with the smallest sum
  /// of bytes read as signed is kept. Filtering and scoring are separate, branch-free
  /// loops so the compiler can vectorise them.
  static func filteredRows(_ pixmap: Pixmap, channels: Int) -> [UInt8] {
    let (width, height) = (pixmap.width, pixmap.height)
    let rowBytes = width * channels
    var out = [UInt8](repeating: 0, count: height * (rowBytes + 1))
    var scratch = [UInt8](repeating: 0, count: rowBytes * 7)
    pixmap.data.withUnsafeBufferPointer { src in
      scratch.withUnsafeMutableBufferPointer { s in
        out.withUnsafeMutableBufferPointer { o in
          var previous = s.baseAddress!
          var current = previous + rowBytes
          let candidates = previous + 2 * rowBytes
          for y in 0..<height {
            straighten(
              src.baseAddress! + y * width * 4, width: width, channels: channels, into: current)
            var best = 0
            var bestScore = Int.max
            for filter in 0..<5 {
              let candidate = candidates + filter * rowBytes
              apply(filter, current, previous, count: rowBytes, bpp: channels, into: candidate)
              let score = signedSum(candidate, count: rowBytes)
              if score < bestScore {
                bestScore = score
                best = filter
              }
            }
            let start = o.baseAddress! + y * (rowBytes + 1)
            start.pointee = UInt8(best)
            (start + 1).update(from: candidates + best * rowBytes, count: rowBytes)
            swap(&previous, &current)
          }
        }
      }
    }
    return out
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

  /// Σ|byte as Int8| of a filtered row: libpng's "minimum sum of absolute differences".
  @inline(__always)
  private static func signedSum(_ p: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
    var sum = 0
    for i in 0..<count {
      let v = Int(p[i])
      sum &+= v < 128 ? v : 256 - v
    }
    return sum
  }

  /// Writes row `x` filtered by type 0…4 (None, Sub, Up, Average, Paeth) against the
  /// previous row `b` into `o`; one specialised loop per type.
  @inline(__always)
  private static func apply(
    _ filter: Int, _ x: UnsafeMutablePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>, count n: Int,
    bpp: Int, into o: UnsafeMutablePointer<UInt8>
  ) {
    let head = min(bpp, n)
    switch filter {
    case 0:
      o.update(from: x, count: n)
    case 1:
      o.update(from: x, count: head)
      for i in head..<n { o[i] = x[i] &- x[i - bpp] }
    case 2:
      for i in 0..<n { o[i] = x[i] &- b[i] }
    case 3:
      for i in 0..<head { o[i] = x[i] &- b[i] >> 1 }
      for i in head..<n { o[i] = x[i] &- UInt8((UInt16(x[i - bpp]) &+ UInt16(b[i])) >> 1) }
    default:
      for i in 0..<head { o[i] = x[i] &- b[i] }
      for i in head..<n { o[i] = x[i] &- paeth(x[i - bpp], b[i], b[i - bpp]) }
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
