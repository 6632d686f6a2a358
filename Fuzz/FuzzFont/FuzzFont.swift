import Foundation

@testable import Raster

/// libFuzzer entry for the TrueType reader, two ways: the input parsed as a font file, and
/// the input read as patches (4-byte offset, 1-byte value) applied to the seed font, so
/// mutations land inside real tables. Every parse and glyph decode must give a font, a glyph
/// or a `RasterError`.
///
/// The seed (`seed.ttf`, written by `Fuzz/make-seed-font.py`) is DejaVu Sans cut down to the
/// tables `Font` reads and the glyphs drawn below: 5 kB instead of 700 kB per execution, so
/// the target runs hundreds of times faster through the same parsing code.
private let original: [UInt8] = {
  guard let url = Bundle.module.url(forResource: "seed", withExtension: "ttf"),
    let data = try? Data(contentsOf: url), (try? Font(data: [UInt8](data))) != nil
  else { fatalError("FuzzFont: the seed font is missing or does not parse") }
  return [UInt8](data)
}()
private let sample = "θηλ∇‖−w₁₂⁻³AVéxg%".unicodeScalars.map { $0 }

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  exercise(input)
  var patched = original
  var i = 0
  while i + 5 <= input.count {
    let offset = input[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } % patched.count
    patched[offset] = input[i + 4]
    i += 5
  }
  exercise(patched)
  return 0
}

private func exercise(_ bytes: [UInt8]) {
  guard let font = try? Font(data: bytes) else { return }
  for scalar in sample {
    let g = font.glyph(for: scalar)
    _ = font.advance(glyph: g)
    _ = try? font.contours(glyph: g)
    _ = try? font.glyphPath(g, transform: .identity)
  }
  _ = try? font.layout("AVTo é w₁", size: 13)
}
