import Language
import NeuralNet
import Plot
import PlotPack

/// The curves a fit draws of itself: loss and accuracy by epoch, train and test, side by side
/// (loss only for regression). Used for the finished fit and for the live view.
enum FitFigure {
  /// `title` names the figure (its text form); `epochs` fixes the epoch axis at [0, epochs].
  static func curves(_ history: [EpochRecord], epochs: Int, title: String) -> Figure {
    let xs = history.map { Double($0.epoch) }
    let hasAccuracy = history.contains { $0.trainAccuracy != nil || $0.testAccuracy != nil }
    var fig = Figure(
      width: hasAccuracy ? 11 : 6.4, height: 4.2, rows: 1, columns: hasAccuracy ? 2 : 1, name: title)
    fig.axes[0] = axes(
      xs, train: history.map { Optional($0.trainLoss) }, test: history.map(\.testLoss), quantity: "loss", epochs: epochs
    )
    fig.axes[0].title = "loss"
    if hasAccuracy {
      fig.axes[1] = axes(
        xs, train: history.map(\.trainAccuracy), test: history.map(\.testAccuracy), quantity: "accuracy",
        epochs: epochs)
      fig.axes[1].title = "accuracy"
    }
    return fig
  }

  private static func axes(_ xs: [Double], train: [Double?], test: [Double?], quantity: String, epochs: Int) -> Axes {
    var ax = Axes()
    (ax.xlabel, ax.ylabel) = ("epoch", quantity)
    for (k, (ys, name)) in [(train, "train"), (test, "test")].enumerated() {
      let points = zip(xs, ys).compactMap { x, y in y.flatMap { $0.isFinite ? (x, $0) : nil } }
      guard !points.isEmpty else { continue }
      var line = LineSeries(xs: points.map(\.0), ys: points.map(\.1), color: PlotColor.cycle(k), label: name)
      line.marker = points.count <= 50 ? .circle : nil
      ax.add(.line(line))
    }
    if epochs > 0 { ax.xlimits = 0...Double(epochs) }
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    return ax
  }
}

/// A running fit's progress as a value: the line "fit: epoch 3/10, step 120/938  loss 0.41
/// 52,000 examples/s" shown in place, and the curves of the epochs so far as its live figure.
public struct FitProgressValue: LiveValue {
  public let line: String
  /// Epoch 0 and every epoch completed so far.
  public let history: [EpochRecord]
  public let epochs: Int
  /// Whether this is the finished fit's report (its figure is drawn at once).
  public let isFinal: Bool

  public var typeName: String { "progress" }
  public var plainText: String { line }
  public var showsItself: Bool { !isFinal }
  public var drawsCompanionNow: Bool { isFinal }

  /// The epoch axis's end: every planned epoch once finished; while running, the epochs done
  /// so far (at least 1), so the curves fill the plot instead of hugging its left edge.
  var shownEpochs: Int { isFinal ? epochs : max(history.last?.epoch ?? 0, 1) }

  public func companion(reusing cache: (any Sendable)?) -> (value: any CustomValue, cache: (any Sendable)?) {
    (FigureValue(FitFigure.curves(history, epochs: shownEpochs, title: line)), nil)
  }
}
