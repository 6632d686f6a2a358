import Foundation
import Language
import Plot
import PlotPack
import Testing
import _TestSupport

@testable import DescentPack
@testable import Session

/// How optimizer runs show themselves through a session: a short summary with the loss curve,
/// and, while a long run runs, a live figure updated in place under one display id.
@Suite struct RunDisplayTests {
  private func decodePNG(_ b: MimeBundle) throws -> DecodedImage {
    let base64 = try #require(b.data["image/png"])
    return try PNGDecoder.decode([UInt8](try #require(Data(base64Encoded: base64))))
  }

  private func runRecord(_ code: String) throws -> RunValue {
    let runtime = Runtime(builtins: Session.builtins)
    guard case .custom(let c)? = try runtime.run(code, host: DiscardingHost()), let r = c as? RunValue else {
      throw RunDisplayError.notARun
    }
    return r
  }

  @Test func aRunShowsItsSummaryAndItsLossCurveNotTheHTMLTable() throws {
    let s = Session()
    let b = try #require(
      try s.execute(
        "L(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [0.5, -0.3], lr: 0.05, steps: 300)", output: RecordingSink()))
    let text = try #require(b.data["text/plain"])
    #expect(text.hasPrefix("run\n  status:    completed 300 steps; loss "))
    #expect(text.contains("  start:     [ 0.5, -0.3]\n"))
    #expect(text.contains("  also:      steps, final_loss, stopped, points, loss, grad_norm, moves, stride, diverged"))
    #expect(b.data["text/html"] == nil)
    #expect(b.metadata == ["image/png": ["width": 640, "height": 440]])
    let png = try decodePNG(b)
    #expect(png.width == 1280 && png.height == 880)
    // The members the summary only names are all still there.
    let steps = try s.execute("r = last_run()\n(r.steps, r.stride, shape(r.points))", output: RecordingSink())
    #expect(steps?.data["text/plain"] == "(300, 1, [301,   2])")
  }

  @Test func theLossCurveIsOnALogScaleAgainstStepsAndMarksTheLastLoss() throws {
    let r = try runRecord("L(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [0.5, -0.3], lr: 0.05, steps: 300)")
    let fig = try #require(r.lossFigure)
    #expect(fig.main.title == "gd(lr: 0.05): completed 300 steps")
    #expect(fig.main.yscale == .log)
    guard case .line(let curve) = fig.main.artists[0], case .line(let end) = fig.main.artists[1] else {
      Issue.record("expected the loss line and the end marker")
      return
    }
    #expect(curve.xs == (0...300).map(Double.init))
    #expect(end.xs == [300] && end.marker == .circle)
    #expect(end.label?.hasSuffix("at step 300") == true)
  }

  @Test func logScalesAreChosenForPositiveValuesSpanningTwoDecades() {
    #expect(RunFigures.spansDecades([1, 0.01]))
    #expect(RunFigures.spansDecades([.nan, 1, 1e-3, .infinity]))
    #expect(!RunFigures.spansDecades([1, 0.5]))
    #expect(!RunFigures.spansDecades([0, 1, 1e-3]))
    #expect(!RunFigures.spansDecades([-1, 1e3]))
  }

  @Test func aDivergedRunIsDrawnUpToTheDivergenceWithACross() throws {
    let r = try runRecord("L(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [2, 2], lr: 0.5, steps: 100)")
    let fig = try #require(r.lossFigure)
    #expect(fig.main.title == "gd(lr: 0.5): diverged at step 6: the loss is ∞")
    guard case .line(let curve) = fig.main.artists[0], case .line(let end) = fig.main.artists[1] else {
      Issue.record("expected the loss line and the end marker")
      return
    }
    #expect(curve.ys.allSatisfy(\.isFinite) && curve.xs == (0...5).map(Double.init))
    #expect(end.marker == .cross && end.label?.hasPrefix("diverged after step 5") == true)
    #expect(try fig.png(scale: 1).count > 1000)
  }

  @Test func aRunWithNoFiniteLossShowsItsSummaryAlone() throws {
    let r = try runRecord("E(x) = exp(x)\ngd(E, from: 800, lr: 0.1, steps: 5)")
    #expect(r.lossFigure == nil)
    let b = try #require(
      try Session().execute("E(x) = exp(x)\ngd(E, from: 800, lr: 0.1, steps: 5)", output: RecordingSink()))
    #expect(b.data["image/png"] == nil)
    #expect(b.data["text/plain"]?.contains("diverged at step 0: the loss is ∞") == true)
  }

  @Test func longRunsAreDrawnAgainstTheirRealStepNumbers() throws {
    let r = try runRecord("Q(x) = x^2\ngd(Q, from: 1, lr: 0.001, steps: 500000)")
    let fig = try #require(r.lossFigure)
    guard case .line(let curve) = fig.main.artists[0] else {
      Issue.record("expected the loss line")
      return
    }
    #expect(curve.xs[1] == 3 && curve.xs.last == 500_000)
    #expect(zip(curve.xs, curve.xs.dropFirst()).allSatisfy { $0 < $1 })
  }

  @Test func lossCurvesOfLongRunsInPlotUseTheRealStepNumbersToo() throws {
    let runtime = Runtime(builtins: Session.builtins)
    let value = try runtime.run(
      "Q(x) = x^2\nplot(loss: (gd(Q, from: 1, lr: 0.001, steps: 500000), [3, 2, 1]), log: true)", host: DiscardingHost()
    )
    guard case .custom(let c)? = value, let fig = (c as? FigureValue)?.figure,
      case .line(let long) = fig.main.artists[0], case .line(let plain) = fig.main.artists[1]
    else {
      Issue.record("expected a figure with two loss curves")
      return
    }
    #expect(long.xs[1] == 3 && long.xs.last == 500_000)
    #expect(plain.xs == [0, 1, 2])
  }

  @Test func aLongRunShowsItsLineAndALiveFigureAndEndsWithItsStatusLine() throws {
    let s = Session()
    let sink = RecordingSink()
    afterOnOwnThread(2) { s.interrupt() }
    #expect(throws: ExecutionError.self) {
      _ = try s.execute(
        "L(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [0.5, -0.3], lr: 0.001, steps: 1000000000)", output: sink)
    }
    let id = try #require(sink.displays.first?.1)
    #expect(id.hasPrefix("saddle-run-"))
    let lines = sink.displays.filter { $0.1 == id }
    try #require(lines.count >= 2)  // at least one report and the final line
    #expect(!lines[0].2 && lines.dropFirst().allSatisfy(\.2))
    #expect(lines.dropLast().allSatisfy { $0.0.data == ["text/plain": $0.0.data["text/plain"]!] })
    #expect(lines.dropLast().allSatisfy { $0.0.data["text/plain"]?.hasPrefix("gd: step ") == true })
    #expect(lines.last?.0.data["text/plain"]?.hasPrefix("gd: interrupted after ") == true)
    // Figures, drawn in the background, go to their own display (none may be ready in time).
    let figures = sink.displays.filter { $0.1 == LiveFigureDrawer.figureID(id) }
    #expect(lines.count + figures.count == sink.displays.count)
    for (k, (bundle, _, replaces)) in figures.enumerated() {
      #expect(replaces == (k > 0))
      #expect(bundle.metadata == ["image/png": ["width": 1100, "height": 440]])
      #expect(try decodePNG(bundle).width == 2200)
    }
  }

  @Test func progressShowsTheLineAndEachNewFigureOnceAndTheWholeRunAtTheEnd() throws {
    let sink = RecordingSink()
    showTwoReportsAndTheFinalOne(on: SinkHost(sink, cancellation: nil, liveLineInterval: .zero)).display(
      .text("gd: completed 100 steps"), id: "r", update: true)
    let shown = sink.displays.map { ($0.1 ?? "", $0.2, $0.0.data["text/plain"] ?? "") }
    try #require(shown.count == 5)
    #expect(shown[0] == ("r", false, "a") && shown[1] == ("r", true, "b"))
    #expect(shown[2] == ("r-figure", false, "<figure 640×440: gd(lr: 0.1) at step 40 of 100 (40%)>"))
    #expect(shown[3] == ("r-figure", true, "<figure 640×440: gd(lr: 0.1) at step 100 of 100 (100%)>"))
    #expect(shown[4] == ("r", true, "gd: completed 100 steps"))
    #expect(try decodePNG(sink.displays[3].0).width == 1280)
  }

  @Test func withoutCompanionsALiveValueShowsOnlyItsLine() {
    let sink = RecordingSink()
    showTwoReportsAndTheFinalOne(on: SinkHost(sink, cancellation: nil, companions: false, liveLineInterval: .zero))
    #expect(sink.displays.map { $0.1 ?? "" } == ["r", "r"])
    #expect(sink.displays.map { $0.0.data["text/plain"] ?? "" } == ["a", "b"])
  }

  /// A fit of a small net reports hundreds of epochs a second; a browser sent every one falls
  /// behind. Within the interval only a display's first line goes out; the final status
  /// (plain text) always does, and each display id has its own clock.
  @Test func liveLinesAreSentAtMostOncePerInterval() {
    let sink = RecordingSink()
    let host = SinkHost(sink, cancellation: nil, companions: false, liveLineInterval: .seconds(3600))
    for line in ["a", "b", "c"] {
      host.display(.custom(progress(parameters: ["x"], line: line)), id: "r", update: line != "a")
    }
    host.display(.custom(progress(parameters: ["x"], line: "other")), id: "s", update: false)
    host.display(.text("gd: completed 100 steps"), id: "r", update: true)
    #expect(sink.displays.map { $0.1 ?? "" } == ["r", "s", "r"])
    #expect(sink.displays.map { $0.0.data["text/plain"] ?? "" } == ["a", "other", "gd: completed 100 steps"])
  }

  @Test func theLiveFigureShowsThePathBesideTheLossForTwoParametersAndTheLossAloneOtherwise() throws {
    let two = progress(parameters: ["w1", "w2"])
    let fig2 = RunFigures.liveFigure(two).0
    #expect(fig2.name == "gd(lr: 0.1) at step 40 of 100 (40%)")
    #expect(fig2.columns == 2)
    #expect(fig2.axes[0].xlabel == "w1" && fig2.axes[0].ylabel == "w2")
    #expect(fig2.axes[1].title == "step 40 of 100 (40%)" && fig2.axes[1].xlimits == 0...100)
    // With the function known, the path is drawn on its landscape (contours and colour bar).
    let runtime = Runtime(builtins: Session.builtins)
    _ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2", host: DiscardingHost())
    guard case .function(let f)? = runtime.globals["L"] else {
      Issue.record("L is not a function")
      return
    }
    let (onSurface, landscape) = RunFigures.liveFigure(progress(parameters: ["w1", "w2"], function: f))
    #expect(onSurface.axes[0].artists.contains { if case .filledContour = $0 { true } else { false } })
    #expect(onSurface.axes[0].colorbar != nil)
    let xlimits = try #require(onSurface.axes[0].xlimits)  // the path spans x ∈ [0, 0.8], plus a margin
    #expect(xlimits.lowerBound < 0 && xlimits.upperBound > 0.8)
    // The next drawing reuses the landscape while the path stays inside it, and redraws it when
    // the path leaves.
    let reused = try #require(landscape)
    let marked = RunFigures.Landscape(axes: Axes(), x: reused.x, y: reused.y, log: reused.log)
    let again = RunFigures.liveFigure(progress(parameters: ["w1", "w2"], function: f), reusing: marked)
    #expect(again.1?.axes.artists.isEmpty == true)
    let far = RunProgressValue(
      line: "", optimizer: "gd(lr: 0.1)", parameters: ["w1", "w2"], function: f, step: 40, steps: 100,
      iterations: [0, 10], losses: [1, 0.5], points: [0, 0, 5, 5])
    let moved = RunFigures.liveFigure(far, reusing: marked)
    #expect(moved.1?.axes.artists.isEmpty == false && (moved.1?.x.1 ?? 0) > 5)
    let one = RunFigures.liveFigure(progress(parameters: ["x"])).0
    #expect(one.columns == 1 && one.main.title == "gd(lr: 0.1): step 40 of 100 (40%)")
  }

  @Test func figuresAreDrawnInTheBackgroundAndEachIsSentOnce() throws {
    let live = LiveFigureDrawer(cancellation: nil)
    #expect(live.figure(progress(parameters: ["x"], line: "first"), id: "d") == nil)  // none drawn yet
    live.waitUntilIdle()
    let second = try #require(live.figure(progress(parameters: ["x"], line: "second"), id: "d"))
    #expect(!second.replaces)
    #expect(second.bundle.metadata == ["image/png": ["width": 640, "height": 440]])
    #expect(try decodePNG(second.bundle).width == 1280)
    // No newer figure: nothing to send (or, if a drawing finished meanwhile, a different one).
    if let third = live.figure(progress(parameters: ["x"], line: "third"), id: "d") {
      #expect(third.replaces && third.bundle.data["image/png"] != second.bundle.data["image/png"])
    }
    live.waitUntilIdle()
  }

  /// Shows reports "a" and "b" (the first drawing finished in between) and the final report
  /// of a 100-step run under the id "r"; returns the host for more.
  @discardableResult
  private func showTwoReportsAndTheFinalOne(on host: SinkHost) -> SinkHost {
    host.display(.custom(progress(parameters: ["x"], line: "a")), id: "r", update: false)
    host.live.waitUntilIdle()
    host.display(.custom(progress(parameters: ["x"], line: "b")), id: "r", update: true)
    let whole = RunProgressValue(
      line: "done", optimizer: "gd(lr: 0.1)", parameters: ["x"], step: 100, steps: 100,
      iterations: [0, 50, 100], losses: [1, 0.5, 0.25], points: [1, 0.5, 0.25], isFinal: true)
    host.display(.custom(whole), id: "r", update: true)
    return host
  }

  private func progress(parameters: [String], line: String = "gd: step 40/100", function: UserFunction? = nil)
    -> RunProgressValue
  {
    let rows = 5
    return RunProgressValue(
      line: line, optimizer: "gd(lr: 0.1)", parameters: parameters, function: function, step: 40, steps: 100,
      iterations: (0..<rows).map { $0 * 10 }, losses: (0..<rows).map { 1 / Double($0 + 1) },
      points: (0..<(rows * parameters.count)).map { Double($0) / 10 })
  }
}

private enum RunDisplayError: Error { case notARun }
