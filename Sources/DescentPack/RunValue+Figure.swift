import Foundation
import Language
import MathCore
import Plot
import PlotPack

/// The figures a run draws of itself: its loss curve (`RunValue.lossFigure`, next to its text
/// summary, with its λmax readings beside it when it took them) and, while a long run runs, the live view of its path and loss so far
/// (`RunFigures.liveFigure`, the companion of its progress line).
extension RunValue {
  /// The run's loss against step, on a log scale when the loss falls over decades; the
  /// last finite loss is marked, in red when the run blew up. Nil when no loss is finite.
  var lossFigure: Figure? {
    let run = trajectory
    guard run.losses.contains(where: \.isFinite) else { return nil }  // nothing to draw: the text says why
    let xs = PlotArguments.iterations(rows: run.losses.count, stride: run.stride, last: run.steps)
    let status = RunText.status(run, hint: hint)
    let optimizer = run.optimizer.description(NumberFormat.plain)
    let title = "\(optimizer): " + (status.split(separator: ";").first.map(String.init) ?? status)
    let loss = RunFigures.lossAxes(xs, run.losses, title: title, diverged: run.diverged, upTo: nil)
    guard let sharpness = RunFigures.sharpnessAxes(run) else {
      var fig = Figure(width: 6.4, height: 4.4, name: "loss of \(title)")
      fig.main = loss
      return fig
    }
    var fig = Figure(width: 11, height: 4.4, rows: 1, columns: 2, name: "loss and sharpness of \(title)")
    (fig.axes[0], fig.axes[1]) = (loss, sharpness)
    return fig
  }
}

enum RunFigures {
  /// A long run while it runs: for two parameters its path so far on the loss's landscape
  /// beside its loss so far, else the loss alone; the step axis spans the whole run, so the
  /// curve grows to the right. `cached` is the landscape of an earlier drawing, reused while
  /// the path stays inside it; the landscape drawn is returned for the next drawing.
  static func liveFigure(_ p: RunProgressValue, reusing cached: Landscape? = nil) -> (Figure, Landscape?) {
    let percent = p.steps > 0 ? 100 * p.step / p.steps : 100
    let lossTitle = "step \(p.step) of \(p.steps) (\(percent)%)"
    let xs = p.iterations.map(Double.init)
    guard p.parameters.count == 2, p.points.count == 2 * p.losses.count, !p.losses.isEmpty else {
      var fig = Figure(width: 6.4, height: 4.4, name: "\(p.optimizer) at \(lossTitle)")
      fig.main = lossAxes(xs, p.losses, title: "\(p.optimizer): " + lossTitle, diverged: false, upTo: p.steps)
      return (fig, nil)
    }
    var fig = Figure(width: 11, height: 4.4, rows: 1, columns: 2, name: "\(p.optimizer) at \(lossTitle)")
    let m = Matrix(rows: p.losses.count, columns: 2, elements: p.points)
    let land = Landscape.covering(m, of: p.function, log: spansDecades(p.losses), reusing: cached)
    var path = land?.axes ?? Axes()
    // Rows of a long run are thinned: a dot per row would only thicken the line.
    PlotSurface.addTrajectory(m, label: p.optimizer, markers: m.rows <= 100, &path)
    path.keepSurfaceLimits()
    (path.title, path.xlabel, path.ylabel) = (p.optimizer, p.parameters[0], p.parameters[1])
    path.legend = nil
    fig.axes[0] = path
    fig.axes[1] = lossAxes(xs, p.losses, title: lossTitle, diverged: false, upTo: p.steps)
    return (fig, land)
  }

  /// The surface of a loss (contours, colour bar, critical points) under a live path, and the
  /// box it covers.
  struct Landscape: Sendable {
    var axes: Axes
    var x: (Double, Double), y: (Double, Double)
    var log: Bool

    /// The surface of `f` over the path's box plus a margin, with log colours when asked; nil
    /// when `f` is not a formula of two parameters or is not finite there. `cached` is
    /// returned as it is while it covers the path (same colours): sampling and the
    /// critical-point search are most of a drawing's cost.
    static func covering(_ path: Matrix, of f: UserFunction?, log: Bool, reusing cached: Landscape?) -> Landscape? {
      guard let f, f.parameters.count == 2, f.formula != nil, path.rows > 0 else { return nil }
      func extent(_ column: Int) -> (Double, Double)? {
        let values = (0..<path.rows).map { path[$0, column] }.filter(\.isFinite)
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return (lo, hi)
      }
      guard let px = extent(0), let py = extent(1) else { return nil }
      if let c = cached, c.log == log, c.x.0 <= px.0, px.1 <= c.x.1, c.y.0 <= py.0, py.1 <= c.y.1 { return c }
      func padded(_ e: (Double, Double)) -> (Double, Double) {
        let margin = Swift.max(0.15 * (e.1 - e.0), 0.1 * Swift.max(1, Swift.abs(e.0), Swift.abs(e.1)))
        return (e.0 - margin, e.1 + margin)
      }
      let (x, y) = (padded(px), padded(py))
      guard let fig = try? PlotSurface.figure(f, x, y, n: liveGridSize, log: log) else { return nil }
      return Landscape(axes: fig.main, x: x, y: y, log: log)
    }
  }

  /// Samples per axis of a live view's landscape (a drawing in the background, a few per second).
  static let liveGridSize = 60

  /// Loss against step. `upTo` fixes the step axis at [0, upTo] (for a live run).
  static func lossAxes(_ xs: [Double], _ loss: [Double], title: String, diverged: Bool, upTo: Int?)
    -> Axes
  {
    var ax = Axes()
    (ax.title, ax.xlabel, ax.ylabel) = (title, "step", "loss")
    let finite = zip(xs, loss).filter { $0.1.isFinite }
    guard let last = finite.last else { return ax }
    ax.add(.line(LineSeries(xs: finite.map(\.0), ys: finite.map(\.1), label: "loss")))
    if spansDecades(finite.map(\.1)) {
      ax.yscale = .log
      ax.gridAlpha = (0.5, 0.15)
    }
    var end = LineSeries(xs: [last.0], ys: [last.1], color: diverged ? PlotColor.cycle(3) : PlotColor.cycle(0))
    end.width = 0
    end.marker = diverged ? .cross : .circle
    end.markerSize = diverged ? 9 : 6
    end.markerEdgeWidth = diverged ? 2 : 1
    let (loss, step) = (short(last.1), NumberFormat.plain(last.0))
    end.label = diverged ? "diverged after step \(step) (loss \(loss))" : "loss \(loss) at step \(step)"
    ax.add(.line(end))
    if let upTo, upTo > 0 { ax.xlimits = 0...Double(upTo) }
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    return ax
  }

  /// Whether the finite values are all positive and span two decades or more (log scale).
  static func spansDecades(_ values: [Double]) -> Bool {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max(), lo > 0 else { return false }
    return hi >= 100 * lo
  }

  /// Four significant digits, for legends.
  static func short(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e6 ? NumberFormat.plain(x) : String(format: "%.4g", x)
  }
}
