import Language
import NeuralNet
import Optim
import Plot

/// The λmax panel of a fit run with `sharpness_every: k`: the sharpness by update, with the
/// edge-of-stability line 2/η (2(1+λ)/η with heavy-ball momentum), where full-batch descent
/// stops being stable on the local quadratic and λmax hovers (Cohen et al. 2021).
enum SharpnessPanel {
  /// The stability threshold of `optimizer` on a quadratic and its label; nil for Adam,
  /// whose preconditioned threshold is not a property of the raw Hessian.
  ///
  /// gd is stable on a quadratic of curvature λ iff λ < 2/η; heavy-ball momentum
  /// (m ← λm − ηg) iff λ < 2(1+λ)/η; Nesterov iff λ < (2 + 2λ)/(η(1 + 2λ)).
  static func threshold(_ optimizer: Optimizer) -> (value: Double, label: String)? {
    switch optimizer {
    case .gd(let lr): return (2 / lr, "2/η")
    case .momentum(let lr, let lambda): return (2 * (1 + lambda) / lr, "2(1+λ)/η")
    case .nesterov(let lr, let lambda): return ((2 + 2 * lambda) / (lr * (1 + 2 * lambda)), "(2+2λ)/(η(1+2λ))")
    case .adam: return nil
    }
  }

  /// `figure` with one more panel on the right: λmax by update and the threshold line.
  static func adding(_ samples: [SharpnessSample], optimizer: Optimizer, to figure: Figure) -> Figure {
    guard !samples.isEmpty else { return figure }
    var out = Figure(
      width: figure.width + 5, height: figure.height, rows: 1, columns: figure.axes.count + 1, name: figure.name)
    for (i, axes) in figure.axes.enumerated() { out.axes[i] = axes }
    out.axes[figure.axes.count] = panel(samples, optimizer: optimizer)
    return out
  }

  private static func panel(_ samples: [SharpnessSample], optimizer: Optimizer) -> Axes {
    var ax = Axes()
    (ax.xlabel, ax.ylabel, ax.title) = ("update", "λmax", "sharpness")
    let points = samples.filter { $0.value.isFinite }
    var line = LineSeries(xs: points.map { Double($0.update) }, ys: points.map(\.value), label: "λmax")
    line.marker = points.count <= 50 ? .circle : nil
    ax.add(.line(line))
    if let (value, label) = threshold(optimizer), value.isFinite, let last = samples.last {
      var edge = LineSeries(xs: [0, Double(max(last.update, 1))], ys: [value, value], label: label)
      edge.dashes = [6, 3]
      edge.color = .black
      ax.add(.line(edge))
    }
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    return ax
  }
}
