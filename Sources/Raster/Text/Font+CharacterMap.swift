/// The character-to-glyph map from one cmap sub-table (format 12 preferred, else 4).
enum CharacterMap: Sendable {
  /// Format 4 segments: end, start, delta, and the absolute file position of the
  /// idRangeOffset entry (0 when the segment maps by delta alone).
  case segments(
    ends: [UInt16], starts: [UInt16], deltas: [UInt16], rangeOffsets: [Int], reader: FontReader)
  /// Format 12 groups: first and last code point, first glyph.
  case groups(starts: [UInt32], ends: [UInt32], glyphs: [UInt32])

  init(_ cmap: FontReader) throws(RasterError) {
    let count = Int(try cmap.u16(2))
    var format4: Int?
    var format12: Int?
    for i in 0..<count {
      let platform = try cmap.u16(4 + 8 * i)
      let encoding = try cmap.u16(6 + 8 * i)
      let offset = Int(try cmap.u32(8 + 8 * i))
      let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
      guard unicode else { continue }
      switch try cmap.u16(offset) {
      case 12: format12 = format12 ?? offset
      case 4: format4 = format4 ?? offset
      default: continue
      }
    }
    if let offset = format12 {
      self = try Self.parseFormat12(cmap, at: offset)
    } else if let offset = format4 {
      self = try Self.parseFormat4(cmap, at: offset)
    } else {
      throw cmap.fail("no Unicode sub-table of format 4 or 12")
    }
  }

  private static func parseFormat12(_ cmap: FontReader, at offset: Int) throws(RasterError)
    -> CharacterMap
  {
    let n = Int(try cmap.u32(offset + 12))
    try cmap.check(offset + 16, n * 12)
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    var glyphs: [UInt32] = []
    for i in 0..<n {
      let g = offset + 16 + 12 * i
      let (s, e) = (try cmap.u32(g), try cmap.u32(g + 4))
      guard s <= e, s > (ends.last ?? 0) || i == 0 else {
        throw cmap.fail("format 12 group \(i) unordered")
      }
      starts.append(s)
      ends.append(e)
      glyphs.append(try cmap.u32(g + 8))
    }
    return .groups(starts: starts, ends: ends, glyphs: glyphs)
  }

  private static func parseFormat4(_ cmap: FontReader, at offset: Int) throws(RasterError)
    -> CharacterMap
  {
    let segCount = Int(try cmap.u16(offset + 6)) / 2
    guard segCount > 0 else { throw cmap.fail("format 4 has no segments") }
    let endsAt = offset + 14
    let startsAt = endsAt + 2 * segCount + 2
    let deltasAt = startsAt + 2 * segCount
    let rangesAt = deltasAt + 2 * segCount
    var ends: [UInt16] = []
    var starts: [UInt16] = []
    var deltas: [UInt16] = []
    var ranges: [Int] = []
    for i in 0..<segCount {
      let (e, s) = (try cmap.u16(endsAt + 2 * i), try cmap.u16(startsAt + 2 * i))
      guard s <= e, i == 0 || e > ends[i - 1] else {
        throw cmap.fail("format 4 segment \(i) unordered")
      }
      ends.append(e)
      starts.append(s)
      deltas.append(try cmap.u16(deltasAt + 2 * i))
      let r = Int(try cmap.u16(rangesAt + 2 * i))
      ranges.append(r == 0 ? 0 : rangesAt + 2 * i + r)
    }
    return .segments(ends: ends, starts: starts, deltas: deltas, rangeOffsets: ranges, reader: cmap)
  }

  /// Binary search for `code`; 0 when unmapped or when the table points out of bounds.
  func glyph(for code: UInt32) -> Int {
    switch self {
    case .groups(let starts, let ends, let glyphs):
      guard let i = Self.search(ends, code), starts[i] <= code else { return 0 }
      return Int(glyphs[i] &+ (code - starts[i]))
    case .segments(let ends, let starts, let deltas, let ranges, let reader):
      guard code <= 0xFFFF, let i = Self.search(ends, UInt16(code)), starts[i] <= code else {
        return 0
      }
      let c = UInt16(code)
      if ranges[i] == 0 { return Int(c &+ deltas[i]) }
      guard let g = try? reader.u16(ranges[i] + 2 * Int(c - starts[i])), g != 0 else { return 0 }
      return Int(g &+ deltas[i])
    }
  }

  /// Index of the first element ≥ `value` in an ascending array.
  private static func search<T: Comparable>(_ sorted: [T], _ value: T) -> Int? {
    var (lo, hi) = (0, sorted.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo < sorted.count ? lo : nil
  }
}

extension Font {
  /// Format-0 horizontal kerning pairs of the kern table, keyed by left << 16 | right.
  static func kerningPairs(_ kern: FontReader) throws(RasterError) -> [UInt32: Int16] {
    guard try kern.u16(0) == 0 else { return [:] }  // Apple's version 1 table: not used
    let count = Int(try kern.u16(2))
    var pairs: [UInt32: Int16] = [:]
    var offset = 4
    for _ in 0..<count {
      let length = Int(try kern.u16(offset + 2))
      let coverage = try kern.u16(offset + 4)
      let horizontalFormat0 = coverage & 0xFF07 == 0x0001
      if horizontalFormat0 {
        let n = Int(try kern.u16(offset + 6))
        try kern.check(offset + 14, 6 * n)
        for i in 0..<n {
          let p = offset + 14 + 6 * i
          pairs[UInt32(try kern.u16(p)) << 16 | UInt32(try kern.u16(p + 2))] = try kern.i16(p + 4)
        }
        offset += 14 + 6 * n  // the 16-bit length field overflows for big sub-tables
      } else {
        guard length >= 6 else { throw kern.fail("sub-table length \(length)") }
        offset += length
      }
    }
    return pairs
  }

  /// Kerning adjustment between two glyphs in font units (0 when the pair is absent).
  public func kerning(left: Int, right: Int) -> Int {
    guard left >= 0, right >= 0, left <= 0xFFFF, right <= 0xFFFF else { return 0 }
    return Int(kerning[UInt32(left) << 16 | UInt32(right)] ?? 0)
  }
}
