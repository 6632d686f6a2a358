import Foundation
import Testing

@testable import Raster

/// The FuzzFont seed (`Fuzz/make-seed-font.py`: DejaVu Sans cut to a few glyphs) must be a
/// font `Font` reads the way it reads the original, or the fuzzer would explore a different
/// parser path than the bundled font takes.
@Suite struct FuzzSeedFontTests {
  static let seedURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/FuzzFont/seed.ttf")

  @Test func seedDecodesTheSameGlyphsAsDejaVuSans() throws {
    let bytes = [UInt8](try Data(contentsOf: Self.seedURL))
    #expect(bytes.count < 10_000)
    let seed = try Font(data: bytes)
    let original = try Font.dejaVuSans()
    #expect(seed.unitsPerEm == original.unitsPerEm)
    #expect(seed.ascender == original.ascender && seed.descender == original.descender)
    for scalar in "θηλ∇‖−w₁₂⁻³AVéxg% To".unicodeScalars {
      let (g, h) = (seed.glyph(for: scalar), original.glyph(for: scalar))
      #expect(g != 0, "\(scalar) missing from the seed")
      #expect(seed.advance(glyph: g) == original.advance(glyph: h), "advance of \(scalar)")
      #expect(try seed.contours(glyph: g) == original.contours(glyph: h), "outline of \(scalar)")
    }
    let pair: (Font) -> Int = { $0.kerning(left: $0.glyph(for: "A"), right: $0.glyph(for: "V")) }
    #expect(pair(seed) == pair(original))
    #expect(pair(seed) != 0)
    #expect(seed.glyph(for: "Z") == 0)
  }
}
