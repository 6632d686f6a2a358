import Optim
import Plot

/// The sharpness panel of a run's figure (`sharpness_every: k`): λmax of the Hessian against
/// step, with the optimizer's stable limit as a dashed line (2/η for gd, 2(1 + λ)/η for
/// momentum and Nesterov), so "λmax rises to 2/η and hovers there" (the edge of stability)
/// reads at a glance.
extension RunFigures {
  /// The panel, or nil when the run took no finite readings.
  static func sharpnessAxes(_ run: Trajectory) -> Axes? {
    let readings = zip(run.sharpnessSteps, run.sharpness).filter { $0.1.isFinite }
    guard let last = readings.last else { return nil }
    var ax = Axes()
    (ax.title, ax.xlabel, ax.ylabel) = ("sharpness", "step", "λmax")
    var line = LineSeries(xs: readings.map { Double($0.0) }, ys: readings.map(\.1), label: "λmax of the Hessian")
    if readings.count <= 50 { line.marker = .circle }
    ax.add(.line(line))
    if let limit = run.optimizer.sharpnessLimit, limit.value.isFinite {
      let end = Double(Swift.max(last.0, run.steps, 1))
      var edge = LineSeries(
        xs: [0, end], ys: [limit.value, limit.value], color: PlotColor.cycle(3),
        label: "\(limit.formula) = \(short(limit.value))")
      edge.dashes = [6, 4]
      ax.add(.line(edge))
    }
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    return ax
  }
}
