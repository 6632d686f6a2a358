import Foundation

/// A parsed TrueType font (glyf outlines): metrics, character map, outlines and kerning.
///
/// Parsing validates the table directory, head, maxp, hhea, hmtx, loca and cmap up front
/// and throws `malformedFont` for anything inconsistent; glyph outlines are decoded on
/// demand, again bounds-checked. Immutable and `Sendable`, so one instance can be shared.
public struct Font: Sendable {
  let data: [UInt8]
  /// Font design units per em square (2048 for DejaVu Sans).
  public let unitsPerEm: Int
  /// Number of glyphs, from maxp.
  public let glyphCount: Int
  /// Typographic ascender, descender (negative below the baseline) and line gap, in font units.
  public let ascender: Int
  public let descender: Int
  public let lineGap: Int
  let advances: [UInt16]
  let glyphOffsets: [Int]
  let glyf: FontReader
  let characterMap: CharacterMap
  let kerning: [UInt32: Int16]

  /// Parses a TrueType file; throws `malformedFont` naming the table at fault.
  public init(data bytes: [UInt8]) throws(RasterError) {
    let tables = try Self.tableDirectory(bytes)
    func table(_ tag: String) throws(RasterError) -> FontReader {
      guard let t = tables[tag] else {
        throw .malformedFont(table: tag, detail: "required table missing")
      }
      return t
    }
    let head = try table("head")
    guard try head.u32(12) == 0x5F0F_3CF5 else { throw head.fail("bad magic number") }
    unitsPerEm = Int(try head.u16(18))
    guard (16...16384).contains(unitsPerEm) else {
      throw head.fail("unitsPerEm \(unitsPerEm) out of range")
    }
    let longLoca = try head.i16(50)
    guard longLoca == 0 || longLoca == 1 else { throw head.fail("indexToLocFormat \(longLoca)") }
    glyphCount = Int(try table("maxp").u16(4))
    guard glyphCount > 0 else { throw .malformedFont(table: "maxp", detail: "no glyphs") }
    let hhea = try table("hhea")
    ascender = Int(try hhea.i16(4))
    descender = Int(try hhea.i16(6))
    lineGap = Int(try hhea.i16(8))
    let metricCount = Int(try hhea.u16(34))
    guard metricCount >= 1, metricCount <= glyphCount else {
      throw hhea.fail("numberOfHMetrics \(metricCount)")
    }
    let hmtx = try table("hmtx")
    var advances: [UInt16] = []
    advances.reserveCapacity(metricCount)
    for i in 0..<metricCount { advances.append(try hmtx.u16(4 * i)) }
    self.advances = advances
    glyf = try table("glyf")
    glyphOffsets = try Self.locations(
      try table("loca"), long: longLoca == 1, count: glyphCount, glyfLength: glyf.length)
    characterMap = try CharacterMap(try table("cmap"))
    kerning = try tables["kern"].map { (k) throws(RasterError) in try Self.kerningPairs(k) } ?? [:]
    data = bytes
  }

  /// Reads the sfnt header and table records into bounds-checked readers by tag.
  static func tableDirectory(_ bytes: [UInt8]) throws(RasterError) -> [String: FontReader] {
    let file = try FontReader(bytes: bytes, table: "directory", base: 0, length: bytes.count)
    let version = try file.u32(0)
    guard version == 0x0001_0000 || version == 0x7472_7565 else {
      throw file.fail(String(format: "not a TrueType file (version 0x%08X)", version))
    }
    let count = Int(try file.u16(4))
    var tables: [String: FontReader] = [:]
    for i in 0..<count {
      let record = 12 + 16 * i
      let tagBytes = (0..<4).map { bytes.indices.contains(record + $0) ? bytes[record + $0] : 0 }
      let tag = String(decoding: tagBytes, as: UTF8.self)
      let offset = Int(try file.u32(record + 8))
      let length = Int(try file.u32(record + 12))
      tables[tag] = try FontReader(bytes: bytes, table: tag, base: offset, length: length)
    }
    return tables
  }

  /// Glyph start offsets into glyf (count + 1 of them), checked to be ordered and in range.
  static func locations(_ loca: FontReader, long: Bool, count: Int, glyfLength: Int)
    throws(RasterError) -> [Int]
  {
    var offsets: [Int] = []
    offsets.reserveCapacity(count + 1)
    for i in 0...count {
      let value = long ? Int(try loca.u32(4 * i)) : Int(try loca.u16(2 * i)) * 2
      guard value <= glyfLength, value >= (offsets.last ?? 0) else {
        throw loca.fail("glyph \(i) offset \(value) out of order or beyond glyf (\(glyfLength))")
      }
      offsets.append(value)
    }
    return offsets
  }

  /// Horizontal advance of a glyph in font units (glyphs past the metrics reuse the last).
  public func advance(glyph: Int) -> Int {
    guard glyph >= 0, glyph < glyphCount else { return 0 }
    return Int(advances[min(glyph, advances.count - 1)])
  }

  /// The glyph for a Unicode scalar; 0 (.notdef, drawn as a box) when the font lacks it.
  public func glyph(for scalar: Unicode.Scalar) -> Int {
    let g = characterMap.glyph(for: scalar.value)
    return g < glyphCount ? g : 0
  }

  /// Characters of `text` that this font has no glyph for (they render as .notdef boxes).
  public func missingCharacters(in text: String) -> [Character] {
    text.filter { ch in
      ch.unicodeScalars.contains { glyph(for: $0) == 0 && !$0.properties.isWhitespace }
    }
    .map { $0 }
  }
}
