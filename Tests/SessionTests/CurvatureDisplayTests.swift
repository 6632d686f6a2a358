import Foundation
import Testing
import _TestSupport

@testable import Session

/// How the curvature pack's values show themselves through a session: heading and members
/// as text, HTML with the figure inline, the figure as PNG; and a long study's live progress.
@Suite struct CurvatureDisplayTests {
  private func decodePNG(_ b: MimeBundle) throws -> DecodedImage {
    let base64 = try #require(b.data["image/png"])
    return try PNGDecoder.decode([UInt8](try #require(Data(base64Encoded: base64))))
  }

  @Test func aSpectrumShowsItsHeadingMembersAndDensityPlot() throws {
    let s = Session()
    let b = try #require(
      try s.execute(
        "spectrum(mlp(2, 4, 2, activation: \"tanh\", seed: 0), xor(n: 20), probes: 3, steps: 10)",
        output: RecordingSink()))
    let text = try #require(b.data["text/plain"])
    #expect(text.hasPrefix("eigenvalue density of the Hessian over all 22 parameters: SLQ, 3 probes × 10 steps"))
    #expect(text.contains("exact eigenvalues overlaid"))
    #expect(b.data["text/html"]?.contains("<img") == true)
    let png = try decodePNG(b)
    let size = try #require(b.metadata["image/png"])
    #expect(png.width == 2 * (size["width"] ?? 0) && png.height == 2 * (size["height"] ?? 0))
  }

  @Test func aStudyShowsItsTableAndFigure() throws {
    let s = Session()
    let b = try #require(
      try s.execute(
        "critical_study(mlp(2, 2, 2, activation: \"tanh\"), xor(n: 12), nets: 2, epochs: 5, max_iterations: 2)",
        output: RecordingSink()))
    let html = try #require(b.data["text/html"])
    #expect(html.contains("<caption>critical study</caption>"))
    #expect(html.contains("<img"))
    #expect(try decodePNG(b).width > 0)
  }

  @Test func aLongStudyShowsItsLineAndALiveFigureAndKeepsItsNets() throws {
    let s = Session()
    let sink = RecordingSink()
    afterOnOwnThread(3) { s.interrupt() }
    #expect(throws: ExecutionError.self) {
      _ = try s.execute(
        "f(x) = sin(3*x)\ncritical_study(mlp(1, 8, 1, activation: \"tanh\", loss: \"mse\"), curve(f, x: -2...2, n: 40), nets: 1000, epochs: 200)",
        output: sink)
    }
    let id = try #require(sink.displays.first?.1)
    #expect(id.hasPrefix("saddle-study-"))
    let lines = sink.displays.filter { $0.1 == id }
    try #require(lines.count >= 2)  // at least one report and the final line
    #expect(lines.dropLast().allSatisfy { $0.0.data["text/plain"]?.hasPrefix("critical_study: ") == true })
    #expect(lines.last?.0.data["text/plain"]?.contains("interrupted; the finished nets are kept") == true)
    let figures = sink.displays.filter { $0.1 == LiveFigureDrawer.figureID(id) }
    #expect(lines.count + figures.count == sink.displays.count)
    for (bundle, _, _) in figures { #expect(try decodePNG(bundle).width > 0) }
    let kept = try #require(try s.execute("last_critical_study().cancelled", output: RecordingSink()))
    #expect(kept.data["text/plain"] == "true")
  }
}
