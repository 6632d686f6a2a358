import Foundation
import Testing

@testable import Raster

/// Malformed fonts must produce `RasterError`s, never traps: random byte mutations of the
/// real DejaVu Sans (fixed seed), aimed at each table in turn, then parse and use.
@Suite struct FontFuzzTests {
  static let original: [UInt8] = try! Font.dejaVuSans().data

  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state ^ (state >> 29)
    }
  }

  /// Exercises everything a renderer would touch; returns how many glyphs decoded.
  func exercise(_ font: Font, glyphs: [Int]) -> Int {
    var decoded = 0
    for g in glyphs where (try? font.contours(glyph: g)) != nil { decoded += 1 }
    _ = try? font.layout("θ η λ ∇ ‖ − w₁ w₂ 10⁻³ AVTo é", size: 13)
    for g in glyphs.prefix(5) { _ = try? font.glyphPath(g, transform: .identity) }
    return decoded
  }

  @Test func mutatedTablesGiveErrorsNotCrashes() throws {
    let tables = try Font.tableDirectory(Self.original)
    let names = ["head", "maxp", "hhea", "hmtx", "loca", "cmap", "kern", "glyf", "directory"]
    let reference = try Font(data: Self.original)
    let sample = "θηλ∇‖−w₁₂⁻³AVéxg".unicodeScalars.map { reference.glyph(for: $0) }
    var rng = Generator(state: 42)
    var rejected = 0
    var accepted = 0
    for iteration in 0..<400 {
      var bytes = Self.original
      let name = names[iteration % names.count]
      let (base, length) =
        name == "directory"
        ? (0, 12 + 16 * tables.count) : (tables[name]!.base, tables[name]!.length)
      let span = name == "glyf" ? sampleGlyphSpan(reference, sample, &rng) : (base, length)
      for _ in 0..<Int.random(in: 1...8, using: &rng) {
        bytes[span.0 + Int.random(in: 0..<max(1, span.1), using: &rng)] = UInt8.random(
          in: 0...255, using: &rng)
      }
      do {
        let font = try Font(data: bytes)
        _ = exercise(font, glyphs: sample + [Int.random(in: 0..<6253, using: &rng)])
        accepted += 1
      } catch {
        rejected += 1
      }
    }
    #expect(accepted + rejected == 400)
    #expect(rejected > 20)  // mutations of header fields must be caught at load time
  }

  private func sampleGlyphSpan(_ font: Font, _ glyphs: [Int], _ rng: inout Generator) -> (Int, Int) {
    let g = glyphs[Int.random(in: 0..<glyphs.count, using: &rng)]
    let start = font.glyphOffsets[g]
    return (font.glyf.base + start, max(1, font.glyphOffsets[g + 1] - start))
  }

  @Test func truncatedFilesAreRejectedWithTheTableNamed() {
    for length in [0, 3, 11, 100, 1000, 50_000, 600_000, Self.original.count - 1] {
      do {
        _ = try Font(data: Array(Self.original.prefix(length)))
        Issue.record("truncation to \(length) bytes was accepted")
      } catch let error as RasterError {
        guard case .malformedFont(let table, _) = error else {
          Issue.record("wrong error \(error)")
          continue
        }
        #expect(!table.isEmpty)
      } catch {
        Issue.record("unexpected error type \(error)")
      }
    }
  }

  @Test func compositeCyclesAreCaught() throws {
    // Rewrite glyph "é" (a composite) so its first component refers to itself.
    let font = try Font(data: Self.original)
    let id = font.glyph(for: "é")
    var bytes = Self.original
    let at = font.glyf.base + font.glyphOffsets[id] + 10 + 2
    bytes[at] = UInt8(id >> 8)
    bytes[at + 1] = UInt8(id & 0xFF)
    let cyclic = try Font(data: bytes)
    #expect(throws: RasterError.self) { try cyclic.contours(glyph: id) }
  }
}

@Suite struct ShortLocaTests {
  /// DejaVu Sans uses long (32-bit) loca offsets; to exercise the short (16-bit, halved)
  /// format, keep the first glyphs whose data fits in 128 KiB, append a short loca table
  /// for them, point the directory at it and patch head/maxp/hhea to match.
  @Test func shortLocaOffsetsDecodeTheSameGlyphs() throws {
    let original = try Font.dejaVuSans()
    var bytes = original.data
    // Glyphs 0..<count: every offset up to glyph `count`'s end is even and below 128 KiB.
    let count = original.glyphOffsets.prefix { $0 <= 131_070 && $0 % 2 == 0 }.count - 1
    let tables = try Font.tableDirectory(bytes)
    func put16(_ value: Int, at offset: Int) {
      bytes[offset] = UInt8((value >> 8) & 0xFF)
      bytes[offset + 1] = UInt8(value & 0xFF)
    }
    func put32(_ value: Int, at offset: Int) {
      put16(value >> 16, at: offset)
      put16(value & 0xFFFF, at: offset + 2)
    }
    put16(0, at: tables["head"]!.base + 50)  // indexToLocFormat: short
    put16(count, at: tables["maxp"]!.base + 4)
    let metrics = Int(try tables["hhea"]!.u16(34))
    put16(min(metrics, count), at: tables["hhea"]!.base + 34)
    let locaOffset = bytes.count
    for g in 0...count {
      bytes += [
        UInt8((original.glyphOffsets[g] / 2) >> 8), UInt8((original.glyphOffsets[g] / 2) & 0xFF),
      ]
    }
    let record = try #require(
      (0..<(Int(bytes[4]) << 8 | Int(bytes[5]))).first { i in
        String(decoding: bytes[(12 + 16 * i)..<(16 + 16 * i)], as: UTF8.self) == "loca"
      })
    put32(locaOffset, at: 12 + 16 * record + 8)
    put32(2 * (count + 1), at: 12 + 16 * record + 12)
    let short = try Font(data: bytes)
    #expect(short.glyphCount == count)
    #expect(count > 100)
    var compared = 0
    for g in stride(from: 0, to: count, by: 3) {
      // Composites pointing past the kept glyphs must fail cleanly; the rest must match.
      guard let contours = try? short.contours(glyph: g) else { continue }
      #expect(try contours == original.contours(glyph: g), "glyph \(g)")
      compared += 1
    }
    #expect(compared > 300)
    #expect(short.glyph(for: "A") == 36)
  }
}
