import NeuralNet
import Plot

/// The figures a batch study draws of itself, one panel each against the batch size on a
/// log axis: time per update and time per epoch (log), accuracy (train and test) and λmax.
/// Each panel shows the mean over seeds as a line with markers and every seed as a faint
/// dot, so the spread is visible without error bars. Used for the finished study and, from
/// the runs finished so far, for the live view.
enum BatchStudyFigure {
  /// `batches` fixes the batch axis (the whole study's sizes) so a live figure does not jump.
  static func figure(_ summaries: [BatchSummary], batches: [Int], title: String) -> Figure {
    var fig = Figure(width: 11, height: 8.5, rows: 2, columns: 2, name: title)
    let time = [(label: "per update (ms)", value: { (r: BatchStudyRun) in r.secondsPerUpdate * 1000 })]
    fig.axes[0] = panel(
      summaries, batches, title: "time per update", ylabel: "ms", log: true, bottom: false, series: time)
    fig.axes[1] = panel(
      summaries, batches, title: "time per epoch", ylabel: "s", log: true, bottom: false,
      series: [("per epoch (s)", { $0.secondsPerEpoch })])
    fig.axes[2] = panel(
      summaries, batches, title: "accuracy", ylabel: "accuracy", log: false, bottom: true,
      series: [("train", { $0.trainAccuracy ?? .nan }), ("test", { $0.testAccuracy ?? .nan })])
    fig.axes[3] = panel(
      summaries, batches, title: "sharpness at the end", ylabel: "λmax", log: false, bottom: true,
      series: [("λmax", { $0.sharpness?.value ?? .nan })])
    return fig
  }

  private static func panel(
    _ summaries: [BatchSummary], _ batches: [Int], title: String, ylabel: String, log: Bool, bottom: Bool,
    series: [(label: String, value: (BatchStudyRun) -> Double)]
  ) -> Axes {
    var ax = Axes()
    (ax.title, ax.ylabel) = (title, ylabel)
    // Only the bottom row names the shared axis: the top row's label would run into the titles below.
    ax.xlabel = bottom ? "batch size" : ""
    ax.xscale = .log
    ax.xticks = batches.map { (Double($0), "\($0)") }
    if let low = batches.min(), let high = batches.max() {
      ax.xlimits = Double(low) / 1.5...Double(high) * 1.5
    }
    var drawn = 0
    for (k, (label, value)) in series.enumerated() {
      let color = PlotColor.cycle(k)
      let seeds = summaries.flatMap { s in s.runs.map { (Double(s.batch), value($0)) } }
        .filter { $0.1.isFinite && (!log || $0.1 > 0) }
      let means = summaries.map { s in (Double(s.batch), MeanStd(s.runs.map(value)).mean) }
        .filter { $0.1.isFinite && (!log || $0.1 > 0) }
      guard !means.isEmpty else { continue }
      var dots = ScatterSeries(xs: seeds.map(\.0), ys: seeds.map(\.1), color: color)
      (dots.size, dots.alpha) = (14, 0.35)
      ax.add(.scatter(dots))
      var line = LineSeries(xs: means.map(\.0), ys: means.map(\.1), color: color, label: label + " (mean)")
      line.marker = .circle
      ax.add(.line(line))
      drawn += 1
    }
    if log, drawn > 0 { ax.yscale = .log }
    if series.count > 1 { ax.legend = LegendSpec(location: .best, fontSize: 9) }
    return ax
  }
}
