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

  /// One component record of a composite glyph.
  private struct Component {
    var flags: UInt16
    var glyph: Int
    var arg1: Int
    var arg2: Int
    /// The 2×2 matrix (a, b, c, d): x' = a·x + c·y, y' = b·x + d·y.
    var matrix = (1.0, 0.0, 0.0, 1.0)
    var xyValues: Bool { flags & 0x0002 != 0 }
    var more: Bool { flags & 0x0020 != 0 }
  }

  /// Reads the component record at `offset`, advancing it past the record.
  private static func component(_ g: FontReader, at offset: inout Int) throws(RasterError)
    -> Component
  {
    let flags = try g.u16(offset)
    let words = flags & 0x0001 != 0
    let signed = flags & 0x0002 != 0
    func arg(_ i: Int) throws(RasterError) -> Int {
      let at = offset + 4 + (words ? 2 * i : i)
      if words { return signed ? Int(try g.i16(at)) : Int(try g.u16(at)) }
      return signed ? Int(try g.i8(at)) : Int(try g.u8(at))
    }
    var c = Component(
      flags: flags, glyph: Int(try g.u16(offset + 2)), arg1: try arg(0), arg2: try arg(1))
    offset += 4 + (words ? 4 : 2)
    if flags & 0x0008 != 0 {
      let s = try g.f2dot14(offset)
      c.matrix = (s, 0, 0, s)
      offset += 2
    } else if flags & 0x0040 != 0 {
      c.matrix = (try g.f2dot14(offset), 0, 0, try g.f2dot14(offset + 2))
      offset += 4
    } else if flags & 0x0080 != 0 {
      c.matrix = (
        try g.f2dot14(offset), try g.f2dot14(offset + 2), try g.f2dot14(offset + 4),
        try g.f2dot14(offset + 6)
      )
      offset += 8
    }
    return c
  }

  /// Decodes a composite glyph: each component's contours, transformed and offset.
  private func compositeContours(_ g: FontReader, depth: Int) throws(RasterError) -> [[GlyphPoint]] {
    var result: [[GlyphPoint]] = []
    var offset = 10
    var more = true
    while more {
      let comp = try Self.component(g, at: &offset)
      let (a, b, c, d) = comp.matrix
      let parts = try contours(glyph: comp.glyph, depth: depth + 1).map { contour in
        contour.map {
          GlyphPoint(x: a * $0.x + c * $0.y, y: b * $0.x + d * $0.y, onCurve: $0.onCurve)
        }
      }
      let (dx, dy) = try componentOffset(
        xyValues: comp.xyValues, arg1: comp.arg1, arg2: comp.arg2, scaled: comp.flags & 0x0800 != 0,
        matrix: comp.matrix, parent: result, child: parts)
      result += parts.map { $0.map { GlyphPoint(x: $0.x + dx, y: $0.y + dy, onCurve: $0.onCurve) } }
      guard result.reduce(0, { $0 + $1.count }) <= Self.maxGlyphPoints else {
        throw g.fail("composite has too many points")
      }
      more = comp.more
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
