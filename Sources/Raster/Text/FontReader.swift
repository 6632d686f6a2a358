/// Bounds-checked big-endian reads inside one table of a font file.
///
/// Every access is checked against the table's extent; a read past it throws
/// `malformedFont` naming the table and offset instead of trapping.
struct FontReader {
  let bytes: [UInt8]
  let table: String
  let base: Int
  let length: Int

  init(bytes: [UInt8], table: String, base: Int, length: Int) throws(RasterError) {
    guard base >= 0, length >= 0, base <= bytes.count, length <= bytes.count - base else {
      throw .malformedFont(
        table: table, detail: "extent \(base)+\(length) exceeds file size \(bytes.count)")
    }
    self.bytes = bytes
    self.table = table
    self.base = base
    self.length = length
  }

  /// A reader over `count` bytes from `offset` of this one, for a sub-table.
  func slice(_ offset: Int, _ count: Int, name: String? = nil) throws(RasterError) -> FontReader {
    try check(offset, count)
    return try FontReader(bytes: bytes, table: name ?? table, base: base + offset, length: count)
  }

  func check(_ offset: Int, _ count: Int) throws(RasterError) {
    guard offset >= 0, count >= 0, offset <= length, count <= length - offset else {
      throw .malformedFont(
        table: table, detail: "read of \(count) bytes at offset \(offset) past end (\(length))")
    }
  }

  func u8(_ offset: Int) throws(RasterError) -> UInt8 {
    try check(offset, 1)
    return bytes[base + offset]
  }

  func i8(_ offset: Int) throws(RasterError) -> Int8 { Int8(bitPattern: try u8(offset)) }

  func u16(_ offset: Int) throws(RasterError) -> UInt16 {
    try check(offset, 2)
    return UInt16(bytes[base + offset]) << 8 | UInt16(bytes[base + offset + 1])
  }

  func i16(_ offset: Int) throws(RasterError) -> Int16 { Int16(bitPattern: try u16(offset)) }

  func u32(_ offset: Int) throws(RasterError) -> UInt32 {
    try check(offset, 4)
    let i = base + offset
    return UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8
      | UInt32(bytes[i + 3])
  }

  /// A 2.14 fixed-point number, as used for composite glyph scales.
  func f2dot14(_ offset: Int) throws(RasterError) -> Double { Double(try i16(offset)) / 16384 }

  func fail(_ detail: String) -> RasterError { .malformedFont(table: table, detail: detail) }
}
