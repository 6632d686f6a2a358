import Foundation
import Testing

@testable import Raster

/// Expected values come from outside this parser: advances from Pillow's FreeType
/// (`ImageFont.truetype(DejaVuSans.ttf, 2048, layout_engine=BASIC).getlength(ch)`, which
/// at 2048 px per em equals font units), metrics from `getmetrics()` = (1901, 483), and
/// kerning pairs from a separate 20-line Python reader of the kern table.
@Suite struct FontTests {
  let font = try! Font.dejaVuSans()

  @Test func headerTablesAreRead() {
    #expect(font.unitsPerEm == 2048)
    #expect(font.glyphCount == 6253)
    #expect(font.ascender == 1901)
    #expect(font.descender == -483)
  }

  @Test(arguments: [
    ("A", 1401), ("V", 1401), ("W", 2025), ("i", 569), ("m", 1995), (" ", 651),
    ("θ", 1253), ("∇", 1370), ("‖", 1024), ("−", 1716),
  ])
  func advanceWidthsMatchFreeType(character: String, advance: Int) throws {
    let scalar = try #require(character.unicodeScalars.first)
    #expect(font.advance(glyph: font.glyph(for: scalar)) == advance)
  }

  @Test func cmapLooksUpBasicAndSupplementaryCharacters() {
    #expect(font.glyph(for: "A") == 36)
    #expect(font.glyph(for: "V") == 57)
    #expect(font.glyph(for: "T") == 55)
    #expect(font.glyph(for: "o") == 82)
    #expect(font.glyph(for: "\u{E000}") == 0)  // private use: not in DejaVu Sans
    // Beyond the BMP: format 12 group 0x1F600–0x1F623 starts at glyph 5857.
    #expect(font.glyph(for: "\u{1F600}") == 5857)
    #expect(font.glyph(for: "\u{1F624}") == 0)  // the gap between two groups
    #expect(font.glyph(for: "\u{1F680}") == 0)
  }

  @Test func lectureSymbolsAllHaveGlyphs() {
    let labels = "θ η λ ∇ ‖ − w₁ w₂ 10⁻³ 10⁻² 10⁰ 10¹ 10⁴ 10⁵ 10⁶ 10⁷ 10⁸ 10⁹ α β γ σ ε ∂ ² ³"
    #expect(font.missingCharacters(in: labels).isEmpty)
    #expect(font.missingCharacters(in: "a\u{E000}b") == ["\u{E000}"])
  }

  @Test func kerningPairsFromTheKernTable() {
    #expect(font.kerning(left: 36, right: 57) == -131)  // A V
    #expect(font.kerning(left: 55, right: 82) == -348)  // T o
    #expect(font.kerning(left: 36, right: 36) == 57)  // A A
    #expect(font.kerning(left: 3, right: 3) == 0)  // space space: no pair
    #expect(font.kerning.count == 2727)
  }

  @Test func layoutAppliesAdvancesAndKerning() throws {
    let av = try font.layout("AV", size: 2048)
    #expect(av.width == 1401 + 1401 - 131)
    #expect(av.glyphs.map(\.x) == [0, 1401 - 131])
    let small = try font.layout("w₁", size: 10)
    #expect(abs(small.width - 2496 * 10 / 2048.0) < 1e-9)
    #expect(abs(small.ascent - 1901 * 10 / 2048.0) < 1e-9)
    #expect(abs(small.descent - 483 * 10 / 2048.0) < 1e-9)
  }

  @Test func inkBoundsDescribeTheOutlines() throws {
    let x = try #require(try font.layout("x", size: 100).inkBounds)
    #expect(x.maxY <= 0.001)  // no descender: ink ends on the baseline
    #expect(x.minY < -50 && x.minY > -60)  // x-height of DejaVu Sans is 1120 units ≈ 54.7 px
    let g = try #require(try font.layout("g", size: 100).inkBounds)
    #expect(g.maxY > 15)  // descender
    #expect(try font.layout(" ", size: 12).inkBounds == nil)
  }

  @Test func compositeGlyphsAreAssembledFromComponents() throws {
    // "é" is a composite of "e" and an acute accent in DejaVu Sans.
    let eAcute = try font.contours(glyph: font.glyph(for: "é"))
    let e = try font.contours(glyph: font.glyph(for: "e"))
    #expect(eAcute.count > e.count)
    let maxY = eAcute.flatMap { $0 }.map(\.y).max()!
    #expect(maxY > e.flatMap { $0 }.map(\.y).max()! + 200)
  }

  @Test func invalidSizesAreErrors() {
    #expect(throws: RasterError.self) { try font.layout("x", size: 0) }
    #expect(throws: RasterError.self) { try font.layout("x", size: .nan) }
  }
}

@Suite struct FallbackGlyphTests {
  let font = try! Font.dejaVuSans()

  /// A character the font lacks is drawn as the .notdef glyph: a visible box, not nothing.
  @Test func missingCharactersRenderAsABox() throws {
    #expect(font.glyph(for: "\u{E000}") == 0)
    let box = try #require(try font.glyphPath(0, transform: .identity))
    #expect(box.elements.filter { $0 == .close }.count == 2)  // outer and inner outline
    var pix = try Pixmap(width: 30, height: 30)
    try pix.draw(text: "\u{E000}", font: font, size: 20, at: Point(x: 5, y: 25), color: .black)
    let inked = (0..<30).flatMap { y in (0..<30).map { x in pix.pixel(x: x, y: y)!.alpha } }.filter { $0 > 128 }.count
    #expect(inked > 20)
  }

  @Test func fontCandidatesIncludeTheSourceTreeCopy() {
    #expect(
      Font.bundledFontCandidates().contains { FileManager.default.fileExists(atPath: $0.path) })
  }
}
