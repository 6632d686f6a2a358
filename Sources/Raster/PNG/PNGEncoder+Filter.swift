extension PNGEncoder {
  /// Straight-alpha rows, each prefixed by its chosen filter type byte.
  ///
  /// Hot loop: one pass un-premultiplies a row, then all five filters are tried into
  /// reusable scratch rows and the one with the smallest signed-byte sum is kept.
  static func filteredRows(_ pixmap: Pixmap, channels: Int) -> [UInt8] {
    let rowBytes = pixmap.width * channels
    var out = [UInt8](repeating: 0, count: pixmap.height * (rowBytes + 1))
    var previous = [UInt8](repeating: 0, count: rowBytes)
    var current = [UInt8](repeating: 0, count: rowBytes)
    var candidates = [[UInt8]](repeating: [UInt8](repeating: 0, count: rowBytes), count: 5)
    for y in 0..<pixmap.height {
      straightRow(pixmap, y: y, channels: channels, into: &current)
      var best = 0
      var bestScore = Int.max
      for filter in 0..<5 {
        let score = apply(
          filter: filter, current, previous, bpp: channels, into: &candidates[filter])
        if score < bestScore {
          bestScore = score
          best = filter
        }
      }
      let start = y * (rowBytes + 1)
      out[start] = UInt8(best)
      out.withUnsafeMutableBufferPointer { dst in
        candidates[best].withUnsafeBufferPointer { src in
          (dst.baseAddress! + start + 1).update(from: src.baseAddress!, count: rowBytes)
        }
      }
      swap(&previous, &current)
    }
    return out
  }

  /// Un-premultiplies row `y` into `row` as RGB or RGBA bytes.
  private static func straightRow(_ pixmap: Pixmap, y: Int, channels: Int, into row: inout [UInt8])
  {
    pixmap.data.withUnsafeBufferPointer { src in
      row.withUnsafeMutableBufferPointer { dst in
        var i = y * pixmap.width * 4
        var o = 0
        for _ in 0..<pixmap.width {
          let a = UInt32(src[i + 3])
          for c in 0..<3 {
            let v = UInt32(src[i + c])
            dst[o + c] = a == 255 ? UInt8(v) : a == 0 ? 0 : UInt8(min(255, (v * 255 + a / 2) / a))
          }
          if channels == 4 { dst[o + 3] = UInt8(a) }
          i += 4
          o += channels
        }
      }
    }
  }

  /// Writes `row` filtered by type 0…4 into `out`; returns Σ|byte as Int8|.
  /// One specialised loop per filter so the inner loops carry no branches on the type.
  private static func apply(
    filter: Int, _ row: [UInt8], _ prior: [UInt8], bpp: Int, into out: inout [UInt8]
  ) -> Int {
    row.withUnsafeBufferPointer { x in
      prior.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { o in
          let n = x.count
          var sum = 0
          @inline(__always) func put(_ i: Int, _ v: UInt8) {
            o[i] = v
            sum &+= Int(abs(Int(Int8(bitPattern: v))))
          }
          switch filter {
          case 0:
            for i in 0..<n { put(i, x[i]) }
          case 1:
            for i in 0..<min(bpp, n) { put(i, x[i]) }
            for i in bpp..<max(bpp, n) { put(i, x[i] &- x[i - bpp]) }
          case 2:
            for i in 0..<n { put(i, x[i] &- b[i]) }
          case 3:
            for i in 0..<min(bpp, n) { put(i, x[i] &- b[i] >> 1) }
            for i in bpp..<max(bpp, n) {
              put(i, x[i] &- UInt8((UInt16(x[i - bpp]) + UInt16(b[i])) >> 1))
            }
          default:
            for i in 0..<min(bpp, n) { put(i, x[i] &- b[i]) }
            for i in bpp..<max(bpp, n) { put(i, x[i] &- paeth(x[i - bpp], b[i], b[i - bpp])) }
          }
          return sum
        }
      }
    }
  }

  /// The Paeth predictor of the PNG specification (ties prefer a, then b).
  @inline(__always)
  static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
    let p = Int(a) + Int(b) - Int(c)
    let pa = abs(p - Int(a))
    let pb = abs(p - Int(b))
    let pc = abs(p - Int(c))
    if pa <= pb && pa <= pc { return a }
    return pb <= pc ? b : c
  }
}
