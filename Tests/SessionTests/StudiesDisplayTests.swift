import Foundation
import Testing
import _TestSupport

@testable import Session

/// How the studies pack's values show themselves through a session: the batch study as
/// status, table and figure (PNG), sb_lb as its table, and a long study's live progress line
/// and figure under their display ids.
@Suite struct StudiesDisplayTests {
  private func decodePNG(_ b: MimeBundle) throws -> DecodedImage {
    let base64 = try #require(b.data["image/png"])
    return try PNGDecoder.decode([UInt8](try #require(Data(base64Encoded: base64))))
  }

  @Test func aBatchStudyShowsItsTableAndFigures() throws {
    let s = Session()
    let bundle = try #require(
      try s.execute(
        "batch_study(mlp(2, 4, 2), two_moons(n: 60), batches: [6, 30], epochs: 1, seeds: 2, sharpness_examples: 20)",
        output: RecordingSink()))
    let text = try #require(bundle.data["text/plain"])
    #expect(text.hasPrefix("batch study: 4 runs (2 batch sizes × 2 seeds)"))
    #expect(text.contains("time/update") && text.contains("λmax"))
    #expect(bundle.data["text/html"]?.contains("<table>") == true)
    let image = try decodePNG(bundle)
    #expect(image.width > 0 && image.height > 0)
    let table = try #require(
      try s.execute(
        "sb_lb(mlp(2, 4, 2), two_moons(n: 60), sb: 6, lb: 30, seeds: 2, epochs: 1, sharpness_examples: 20)",
        output: RecordingSink()))
    #expect(table.data["text/plain"]?.contains("ε-sharpness") == true)
  }

  @Test func aLongStudyShowsItsLineAndALiveFigureAndEndsWithItsStatusLine() throws {
    let s = Session()
    let sink = RecordingSink()
    afterOnOwnThread(2.5) { s.interrupt() }
    #expect(throws: ExecutionError.self) {
      _ = try s.execute(
        "batch_study(mlp(2, 8, 2), two_moons(n: 2000), batches: [400, 1], epochs: 1000, seeds: 2, workers: 1)",
        output: sink)
    }
    let id = try #require(sink.displays.first?.1)
    #expect(id.hasPrefix("saddle-study-"))
    let lines = sink.displays.filter { $0.1 == id }
    try #require(lines.count >= 2)  // at least one report and the final line
    #expect(lines.dropLast().allSatisfy { $0.0.data["text/plain"]?.hasPrefix("batch_study: ") == true })
    #expect(lines.last?.0.data["text/plain"]?.hasPrefix("batch_study: interrupted after ") == true)
    let figures = sink.displays.filter { $0.1 == LiveFigureDrawer.figureID(id) }
    #expect(lines.count + figures.count == sink.displays.count)
    for (bundle, _, _) in figures { #expect(try decodePNG(bundle).width > 0) }
    let kept = try #require(try s.execute("last_study().stopped", output: RecordingSink()))
    #expect(kept.data["text/plain"] == "\"interrupted\"")
  }
}
