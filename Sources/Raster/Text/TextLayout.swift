/// A laid-out single line of text: glyphs with pen positions and its measured extents.
///
/// All lengths are pixels at the requested size; x grows along the baseline, and
/// `ascent`/`descent` are the font's typographic extents (the same for every string,
/// so labels line up), while `inkBounds` is the control box of the actual outlines.
public struct TextLayout: Sendable {
  /// Glyph ids and their pen x positions (pixels from the start of the line).
  public let glyphs: [(id: Int, x: Double)]
  /// Advance width of the whole line, kerning included.
  public let width: Double
  /// Distance from baseline up to the font's ascender line.
  public let ascent: Double
  /// Distance from baseline down to the font's descender line (positive).
  public let descent: Double
  /// Ink extent relative to the start of the baseline, y down; `nil` for blank text.
  public let inkBounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)?
  /// Pixels per font unit.
  let scale: Double
}

extension Font {
  /// Lays out `text` on one line at `size` pixels per em, applying pair kerning.
  /// Characters without a glyph use glyph 0 (.notdef); see `missingCharacters(in:)`.
  public func layout(_ text: String, size: Double) throws(RasterError) -> TextLayout {
    guard size.isFinite, size > 0, size < 10_000 else {
      throw .invalidParameter("text size \(size) must be in (0, 10000) px")
    }
    let s = size / Double(unitsPerEm)
    var glyphs: [(id: Int, x: Double)] = []
    var pen = 0.0
    var previous: Int?
    var ink: (minX: Double, minY: Double, maxX: Double, maxY: Double)?
    for scalar in text.unicodeScalars {
      let id = glyph(for: scalar)
      if let previous { pen += Double(kerning(left: previous, right: id)) * s }
      glyphs.append((id, pen))
      for contour in try contours(glyph: id) {
        for p in contour {
          let (x, y) = (pen + p.x * s, -p.y * s)
          ink = (
            min(ink?.minX ?? x, x), min(ink?.minY ?? y, y), max(ink?.maxX ?? x, x),
            max(ink?.maxY ?? y, y)
          )
        }
      }
      pen += Double(advance(glyph: id)) * s
      previous = id
    }
    return TextLayout(
      glyphs: glyphs, width: pen, ascent: Double(ascender) * s, descent: Double(-descender) * s,
      inkBounds: ink, scale: s)
  }
}
