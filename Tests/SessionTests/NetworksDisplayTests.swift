import Dispatch
import Foundation
import Testing
import _TestSupport

@testable import Session

/// How the networks pack's values show themselves through a session: summaries as text and
/// HTML with their pictures as PNG, and a long fit's live progress under one display id.
@Suite struct NetworksDisplayTests {
  private func decodePNG(_ b: MimeBundle) throws -> DecodedImage {
    let base64 = try #require(b.data["image/png"])
    return try PNGDecoder.decode([UInt8](try #require(Data(base64Encoded: base64))))
  }

  @Test func aFitShowsItsSummaryAndItsCurves() throws {
    let s = Session()
    let b = try #require(
      try s.execute(
        "fit(mlp(2, 8, 2, seed: 0), two_moons(n: 100, noise: 0.1), optimizer: momentum(lr: 0.1, lambda: 0.9), batch: 25, epochs: 2, test: xor(n: 40))",
        output: RecordingSink()))
    let text = try #require(b.data["text/plain"])
    #expect(text.hasPrefix("training\n  status:"))
    #expect(text.contains("trained 2 epochs (8 updates)"))
    #expect(b.data["text/html"]?.contains("<img") == true)
    let png = try decodePNG(b)
    let size = try #require(b.metadata["image/png"])
    #expect(png.width == 2 * (size["width"] ?? 0) && png.height == 2 * (size["height"] ?? 0))
  }

  @Test func imageDataSetsShowAGridOfExamples() throws {
    let s = Session()
    let b = try #require(try s.execute("fashion_mnist(train: 20, test: 5).train", output: RecordingSink()))
    #expect(b.data["text/plain"]?.contains("count:") == true)
    let png = try decodePNG(b)
    #expect(png.width > 0 && png.height > 0)
  }

  @Test func aLongFitShowsItsLineAndALiveFigureAndEndsWithItsStatusLine() throws {
    let s = Session()
    let sink = RecordingSink()
    afterOnOwnThread(2) { s.interrupt() }
    #expect(throws: ExecutionError.self) {
      _ = try s.execute("fit(mlp(2, 32, 2), two_moons(n: 2000), batch: 1, epochs: 100000)", output: sink)
    }
    let id = try #require(sink.displays.first?.1)
    #expect(id.hasPrefix("saddle-fit-"))
    let lines = sink.displays.filter { $0.1 == id }
    try #require(lines.count >= 2)  // at least one report and the final line
    #expect(!lines[0].2 && lines.dropFirst().allSatisfy(\.2))
    #expect(lines.dropLast().allSatisfy { $0.0.data["text/plain"]?.hasPrefix("fit: epoch ") == true })
    #expect(lines.last?.0.data["text/plain"]?.hasPrefix("fit: interrupted ") == true)
    // Figures, drawn in the background, go to their own display (none may be ready in time).
    let figures = sink.displays.filter { $0.1 == LiveFigureDrawer.figureID(id) }
    #expect(lines.count + figures.count == sink.displays.count)
    for (bundle, _, _) in figures { #expect(try decodePNG(bundle).width > 0) }
    // The partial fit is kept, the failed cell's variables are not.
    let kept = try #require(try s.execute("last_fit().stopped", output: RecordingSink()))
    #expect(kept.data["text/plain"] == "\"interrupted\"")
  }
}
