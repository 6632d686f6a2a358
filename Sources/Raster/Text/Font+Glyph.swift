/// One outline point of a glyph in font units (y up), on or off the curve.
struct GlyphPoint: Equatable, Sendable {
  var x: Double
  var y: Double
  var onCurve: Bool
}

extension Font {
  /// Deepest nesting of composite glyphs accepted (guards against cycles).
  static let maxCompositeDepth = 8
  /// Most points accepted for one glyph (TrueType indices are 16-bit).
  static let maxGlyphPoints = 65_535

  /// The contours of glyph `id` in font units; empty for blank glyphs such as space.
  func contours(glyph id: Int, depth: Int = 0) throws(RasterError) -> [[GlyphPoint]] {
    guard id >= 0, id < glyphCount else {
      throw glyf.fail("glyph id \(id) out of range 0..<\(glyphCount)")
    }
    guard depth <= Self.maxCompositeDepth else {
      throw glyf.fail(
        "composite glyphs nested deeper than \(Self.maxCompositeDepth) (cycle?) at glyph \(id)")
    }
    let (start, end) = (glyphOffsets[id], glyphOffsets[id + 1])
    if start == end { return [] }
    let g = try glyf.slice(start, end - start, name: "glyf[\(id)]")
    let contourCount = Int(try g.i16(0))
    if contourCount >= 0 { return try Self.simpleContours(g, count: contourCount) }
    return try compositeContours(g, depth: depth)
  }

  /// Decodes a simple glyph: end points, skipped instructions, run-length flags, deltas.
  static func simpleContours(_ g: FontReader, count: Int) throws(RasterError) -> [[GlyphPoint]] {
    var ends: [Int] = []
    for i in 0..<count {
      let e = Int(try g.u16(10 + 2 * i))
      guard e >= (ends.last.map { $0 + 1 } ?? 0) else {
        throw g.fail("contour end points not increasing")
      }
      ends.append(e)
    }
    guard let last = ends.last else { return [] }
    let pointCount = last + 1
    var offset = 12 + 2 * count + Int(try g.u16(10 + 2 * count))
    var flags: [UInt8] = []
    flags.reserveCapacity(pointCount)
    while flags.count < pointCount {
      let f = try g.u8(offset)
      offset += 1
      var repeats = 1
      if f & 0x08 != 0 {
        repeats += Int(try g.u8(offset))
        offset += 1
      }
      for _ in 0..<min(repeats, pointCount - flags.count) { flags.append(f) }
    }
    let xs = try coordinates(g, flags, at: &offset, short: 0x02, same: 0x10)
    let ys = try coordinates(g, flags, at: &offset, short: 0x04, same: 0x20)
    var contours: [[GlyphPoint]] = []
    var first = 0
    for e in ends {
      contours.append(
        (first...e).map {
          GlyphPoint(x: Double(xs[$0]), y: Double(ys[$0]), onCurve: flags[$0] & 1 != 0)
        })
      first = e + 1
    }
    return contours
  }

  /// Reads one coordinate array of delta-encoded values and returns absolute positions.
  private static func coordinates(
    _ g: FontReader, _ flags: [UInt8], at offset: inout Int, short: UInt8, same: UInt8
  ) throws(RasterError) -> [Int] {
    var out: [Int] = []
    out.reserveCapacity(flags.count)
    var value = 0
    for f in flags {
      if f & short != 0 {
        let d = Int(try g.u8(offset))
        offset += 1
        value += f & same != 0 ? d : -d
      } else if f & same == 0 {
        value += Int(try g.i16(offset))
        offset += 2
      }
      out.append(value)
    }
    return out
  }

  /// Decodes a composite glyph: each component's contours, transformed and offset.
  private func compositeContours(_ g: FontReader, depth: Int) throws(RasterError) -> [[GlyphPoint]]
  {
    var result: [[GlyphPoint]] = []
    var offset = 10
    var more = true
    while more {
      let flags = try g.u16(offset)
      let child = Int(try g.u16(offset + 2))
      offset += 4
      let words = flags & 0x0001 != 0
      let xyValues = flags & 0x0002 != 0
      let arg1 =
        words
        ? Int(xyValues ? Int(try g.i16(offset)) : Int(try g.u16(offset)))
        : Int(xyValues ? Int(try g.i8(offset)) : Int(try g.u8(offset)))
      let arg2 =
        words
        ? Int(xyValues ? Int(try g.i16(offset + 2)) : Int(try g.u16(offset + 2)))
        : Int(xyValues ? Int(try g.i8(offset + 1)) : Int(try g.u8(offset + 1)))
      offset += words ? 4 : 2
      var (a, b, c, d) = (1.0, 0.0, 0.0, 1.0)
      if flags & 0x0008 != 0 {
        a = try g.f2dot14(offset)
        d = a
        offset += 2
      } else if flags & 0x0040 != 0 {
        (a, d) = (try g.f2dot14(offset), try g.f2dot14(offset + 2))
        offset += 4
      } else if flags & 0x0080 != 0 {
        (a, b, c, d) = (
          try g.f2dot14(offset), try g.f2dot14(offset + 2), try g.f2dot14(offset + 4),
          try g.f2dot14(offset + 6)
        )
        offset += 8
      }
      var parts = try contours(glyph: child, depth: depth + 1)
      for i in parts.indices {
        for j in parts[i].indices {
          let p = parts[i][j]
          parts[i][j] = GlyphPoint(x: a * p.x + c * p.y, y: b * p.x + d * p.y, onCurve: p.onCurve)
        }
      }
      let (dx, dy) = try componentOffset(
        xyValues: xyValues, arg1: arg1, arg2: arg2, scaled: flags & 0x0800 != 0,
        matrix: (a, b, c, d),
        parent: result, child: parts)
      result += parts.map { $0.map { GlyphPoint(x: $0.x + dx, y: $0.y + dy, onCurve: $0.onCurve) } }
      guard result.reduce(0, { $0 + $1.count }) <= Self.maxGlyphPoints else {
        throw g.fail("composite has too many points")
      }
      more = flags & 0x0020 != 0
    }
    return result
  }

  /// The translation of a component: explicit x/y values, or matched point numbers.
  private func componentOffset(
    xyValues: Bool, arg1: Int, arg2: Int, scaled: Bool, matrix m: (Double, Double, Double, Double),
    parent: [[GlyphPoint]], child: [[GlyphPoint]]
  ) throws(RasterError) -> (Double, Double) {
    if xyValues {
      let (x, y) = (Double(arg1), Double(arg2))
      return scaled ? (m.0 * x + m.2 * y, m.1 * x + m.3 * y) : (x, y)
    }
    let parentPoints = parent.flatMap { $0 }
    let childPoints = child.flatMap { $0 }
    guard arg1 < parentPoints.count, arg2 < childPoints.count else {
      throw glyf.fail("component anchor points \(arg1)/\(arg2) out of range")
    }
    return (parentPoints[arg1].x - childPoints[arg2].x, parentPoints[arg1].y - childPoints[arg2].y)
  }
}
