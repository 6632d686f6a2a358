import Autodiff
import Foundation
import Language
import Optim
import Plot
import PlotPack
import Testing
import _TestSupport

@testable import DescentPack
@testable import Session

/// A representation a value cannot make is reported, never dropped in silence (issue 11,
/// item 2): a figure that cannot be drawn says why in `text/plain` and on stderr, and runs
/// that blow up show their summary and their loss curve up to the last finite loss.
@Suite struct RenderFailureTests {
  /// A session with `huge_figure()`, a figure 5000 inches wide (beyond the pixmap limit).
  private func session() -> Session {
    let huge = Builtin(
      "huge_figure", [], returns: "figure", summary: "A figure too wide to draw.", example: "huge_figure()"
    ) { _, _ in .custom(FigureValue(Figure(width: 5000, height: 2, name: "too wide"))) }
    return Session(builtins: Session.builtins.adding([huge]))
  }

  @Test func aFigureThatCannotBeDrawnSaysWhyInTextAndOnStderr() throws {
    let sink = RecordingSink()
    let s = session()
    _ = try s.execute("sentinel = 7", output: sink)
    let bundle = try #require(try s.execute("huge_figure()", output: sink))
    #expect(bundle.data["image/png"] == nil)
    let text = try #require(bundle.data["text/plain"])
    #expect(text.hasPrefix("<figure 500000×200: too wide>\n(not drawn: the figure could not be drawn: "))
    #expect(text.contains("pixmap size"), "the reason names the size: \(text)")
    #expect(sink.stderr.hasPrefix("Error: the figure could not be drawn: invalid parameter: pixmap size"))
    #expect(try s.execute("sentinel", output: sink)?.data["text/plain"] == "7")
  }

  /// A summary with a picture (a training history, a study, a data set) keeps its table and
  /// says why the picture is missing, as a figure does.
  @Test func aSummaryWhosePictureCannotBeDrawnKeepsItsTableAndSaysWhy() {
    let made = FigureValue.htmlRendering(
      "<table></table>", above: Figure(width: 5000, height: 2, name: "too wide"), cancellation: nil)
    #expect(made.data == ["text/html": "<table></table>"])
    #expect(made.failures.count == 1)
    #expect(made.failures.first?.hasPrefix("the figure could not be drawn: invalid parameter: pixmap size") == true)
  }

  @Test func aDisplayedFigureThatCannotBeDrawnSaysWhyToo() throws {
    let sink = RecordingSink()
    _ = try session().execute("display(huge_figure())", output: sink)
    let shown = try #require(sink.displays.first?.0)
    #expect(shown.data["text/plain"]?.contains("(not drawn: the figure could not be drawn: ") == true)
    #expect(sink.stderr.contains("the figure could not be drawn"))
  }

  @Test func aFigureThatDrawsReportsNothing() throws {
    let sink = RecordingSink()
    let bundle = try #require(try Session().execute("plot([1, 2, 3])", output: sink))
    #expect(bundle.data["image/png"] != nil)
    #expect(bundle.data["text/plain"]?.contains("not drawn") == false)
    #expect(sink.stderr.isEmpty)
  }

  /// The docs' divergence example: the run and its log-scale loss plot both draw, up to the
  /// last finite loss.
  @Test func anOverflowedRunAndItsLogLossPlotDraw() throws {
    let sink = RecordingSink()
    let s = Session()
    _ = try s.execute("Q(x, y) = x^2 + 10*y^2\nd = gd(Q, from: [1, 1], lr: 0.2, steps: 1000)", output: sink)
    let run = try #require(try s.execute("d", output: sink))
    #expect(run.data["image/png"] != nil)
    #expect(run.data["text/plain"]?.contains("diverged at step 322: the loss is ∞; the step overshoots") == true)
    let plot = try #require(try s.execute("plot(loss: [d], log: true)", output: sink))
    let png = try #require(plot.data["image/png"].flatMap { Data(base64Encoded: $0) })
    #expect(try PNGDecoder.decode([UInt8](png)).width == 1280)
    #expect(sink.stderr.isEmpty)
  }

  /// The lecture's saddle run to −∞: its summary and loss curve (linear: the loss goes
  /// negative), and its log-scale plot, which keeps the positive part as matplotlib does.
  @Test func aRunToMinusInfinityShowsItsSummaryAndCurve() throws {
    let sink = RecordingSink()
    let s = Session()
    _ = try s.execute("S(x, y) = x^2 - y^2\ns = gd(S, from: [1, 0.1], lr: 0.1, steps: 5000)", output: sink)
    let run = try #require(try s.execute("s", output: sink))
    #expect(run.data["image/png"] != nil)
    let text = try #require(run.data["text/plain"])
    #expect(text.contains("diverged at step 1960: the loss is −∞; the loss went to −∞: L is unbounded below"))
    for code in ["plot(loss: [s], log: true)", "plot(loss: [s])"] {
      #expect(try s.execute(code, output: sink)?.data["image/png"] != nil, "\(code)")
    }
    #expect(sink.stderr.isEmpty)
    let r = try #require(
      try Runtime(builtins: Session.builtins).run(
        "S(x, y) = x^2 - y^2\ngd(S, from: [1, 0.1], lr: 0.1, steps: 5000)", host: DiscardingHost()))
    guard case .custom(let c) = r, let value = c as? RunValue, let fig = value.lossFigure else {
      Issue.record("expected a run with a loss figure")
      return
    }
    guard case .line(let curve) = fig.main.artists[0] else {
      Issue.record("expected the loss line")
      return
    }
    #expect(curve.ys.count == 1960 && curve.ys.allSatisfy(\.isFinite))
    #expect(curve.ys.last! < -1e307)
  }

  /// A run whose record was thinned to fit memory says so in its summary (item 7).
  @Test func aRunThinnedToFitMemorySaysSoInItsStatus() throws {
    let n = 3_000
    let run = Minimizer.run(
      HalfSquaredNorm(dimension: n), from: [Double](repeating: 1, count: n), optimizer: .gd(lr: 0.1),
      options: MinimizeOptions(steps: 10_000))
    let value = RunValue(run, start: [Double](repeating: 1, count: n), hint: nil)
    guard case .text(let status)? = value.member("status") else {
      Issue.record("expected a status text")
      return
    }
    #expect(status.hasPrefix("completed 10000 steps; loss "))
    #expect(
      status.contains("; record thinned to 2502 rows of θ (not 10002) to fit memory: 10002 rows of 3000 parameters"))
  }
}
