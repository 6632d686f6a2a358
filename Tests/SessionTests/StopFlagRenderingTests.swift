import Foundation
import Language
import MathCore
import Plot
import PlotPack
import Testing
import _TestSupport

@testable import Session

/// The stop button reaches every figure a value draws: the host hands the session's stop
/// flag to the rendering, so figures no plotting builtin made (a training's `h.figure`, a
/// run's loss curve, a spectrum's figure, a data set's picture) stop too. Before, only
/// figures made by `plot`, `scatter`, … carried the flag, and these drew to the end.
@Suite struct StopFlagRenderingTests {
  /// Cells whose values draw a figure, each reached through another value or drawn by one.
  static let setup = """
    d = two_moons(n: 40, noise: 0.1, seed: 2)
    net = mlp(2, 3, 2, activation: "tanh", seed: 0)
    h = fit(net, d, epochs: 2, seed: 3)
    Q(x, y) = x^2 + 10*y^2
    r = gd(Q, from: [1, 1], lr: 0.02, steps: 50)
    s = spectrum(net, d, steps: 10)
    """
  static let drawn = ["h.figure", "h", "r", "s.figure", "s", "d", "plot([1, 2, 3])"]

  /// Each value's bundle when the host's flag is set before the drawing: the drawing polls
  /// it, so the PNG is left out, and that is no failure (nothing on stderr or in the text).
  @Test func aSetFlagLeavesOutEveryFigureAValueDraws() throws {
    let runtime = Runtime(builtins: Session.builtins)
    _ = try runtime.run(Self.setup, host: SinkHost(RecordingSink(), cancellation: nil))
    let stop = CancellationFlag()
    stop.set()
    for cell in Self.drawn {
      let value = try #require(try runtime.run(cell, host: SinkHost(RecordingSink(), cancellation: nil)), "\(cell)")
      let sink = RecordingSink()
      let stopped = SinkHost(sink, cancellation: stop).bundle(of: value)
      #expect(stopped.data["image/png"] == nil, "\(cell) was drawn despite the stop flag")
      #expect(stopped.data["text/html"]?.contains("<img") != true, "\(cell)")
      #expect(stopped.data["text/plain"]?.contains("not drawn") == false, "\(cell)")
      #expect(sink.stderr.isEmpty, "\(cell): \(sink.stderr)")
      // The same value is drawn by a host whose flag is clear.
      let clear = SinkHost(RecordingSink(), cancellation: CancellationFlag()).bundle(of: value)
      #expect(clear.data["image/png"] != nil, "\(cell) draws no figure")
    }
  }

  /// Through a session: an interrupt that lands while `display(big.figure)` draws four
  /// 10⁶-point scatters (about a second) stops the drawing, so no image is displayed and the
  /// cell fails with Interrupted. Before, the member's figure drew to the end and was shown.
  @Test func anInterruptStopsDrawingAMembersFigure() throws {
    let s = Session(builtins: Session.builtins.adding([BigValue.builtin]))
    _ = try s.execute("big = big_value();", output: RecordingSink())
    let sink = RecordingSink()
    afterOnOwnThread(0.3) { s.interrupt() }
    do {
      _ = try s.execute("display(big.figure)", output: sink)
      Issue.record("the cell ended without the interrupt")
    } catch {
      #expect(error.name == "Interrupted")
    }
    #expect(!sink.displays.contains { $0.0.data["image/png"] != nil }, "the member's figure was drawn to the end")
    #expect(try s.execute("big.figure.width", output: RecordingSink())?.data["text/plain"] == "640")
  }
}

/// A value holding a figure that takes long to draw, reached as its member `figure`.
private struct BigValue: CustomValue {
  let figure: Figure

  var typeName: String { "big" }
  var plainText: String { "<big>" }
  var memberNames: [String] { ["figure"] }
  func member(_ name: String) -> Value? { name == "figure" ? .custom(FigureValue(figure)) : nil }

  /// `big_value()`: four scatters of 10⁶ scattered points in a 2 × 2 grid.
  static let builtin = Builtin(
    "big_value", [], returns: "big", summary: "A value whose figure takes long to draw.", example: "big_value()"
  ) { _, _ in .custom(BigValue(figure: BigValue.grid(points: 1_000_000))) }

  static func grid(points: Int) -> Figure {
    var fig = Figure(width: 6.4, height: 4.8, rows: 2, columns: 2, name: "four big scatters")
    var state: UInt64 = 1
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    for k in 0..<4 {
      let xs = (0..<points).map { _ in next() }
      let ys = (0..<points).map { _ in next() }
      fig.axes[k].add(.scatter(ScatterSeries(xs: xs, ys: ys)))
    }
    return fig
  }
}
