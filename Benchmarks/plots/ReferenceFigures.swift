import Foundation
import MathCore
import Plot
import Raster

/// The five reference figures of `/work/shared/reference/plots/matplotlib_figures.py`,
/// built through the Swift API with the same data (c and d from our seeded generator).
enum ReferenceFigures {
  static let names = ["a_contour", "b_trajectories", "c_loss_curves", "d_scatter", "e_bars"]

  static func figure(_ key: Int) -> Figure {
    switch key {
    case 0: return contour()
    case 1: return trajectories()
    case 2: return lossCurves()
    case 3: return scatter()
    default: return bars()
    }
  }

  static func surface(n: Int = 200) -> GridData {
    let w = (0..<n).map { -2 + 4 * Double($0) / Double(n - 1) }
    return GridData(xs: w, ys: w, z: w.map { w2 in w.map { w1 in (1 - w1 * w2) * (1 - w1 * w2) } })
  }

  static func surfaceAxes(lineWidth: Double, alpha: Double) -> Axes {
    var ax = Axes()
    let levels = (0...25).map(Double.init)
    let scale = ColorScale(colormap: .viridis, low: 0, high: 25)
    let g = surface()
    ax.add(.filledContour(FilledContour(grid: g, levels: levels, scale: scale)))
    var lines = ContourLines(grid: g, levels: [0.1, 0.5, 1, 2, 4, 8, 16], color: .white)
    lines.width = lineWidth
    lines.alpha = alpha
    ax.add(.contourLines(lines))
    ax.colorbar = ColorbarSpec(scale: scale, levels: levels, label: "L")
    ax.xlabel = "w₁"
    ax.ylabel = "w₂"
    ax.equalAspect = true
    return ax
  }

  static func saddleMarker(label: String?) -> Artist {
    var m = LineSeries(xs: [0], ys: [0], color: PlotColor.parse("red"), label: label)
    m.width = 0
    m.marker = .cross
    m.markerSize = 10
    m.markerEdgeWidth = 2.5
    return .line(m)
  }

  static func contour() -> Figure {
    var f = Figure(width: 8, height: 6, name: "a: contour of L")
    var ax = surfaceAxes(lineWidth: 0.8, alpha: 0.8)
    ax.add(saddleMarker(label: nil))
    ax.add(.annotation(Annotation("saddle (0, 0)", x: 0.15, y: 0.25, color: .white, size: 11)))
    ax.title = "L(w₁, w₂) = (1 − w₁w₂)²"
    f.main = ax
    return f
  }

  static func grad(_ w: (Double, Double)) -> (Double, Double) {
    let r = 1 - w.0 * w.1
    return (-2 * r * w.1, -2 * r * w.0)
  }

  static func run(momentum beta: Double) -> [(Double, Double)] {
    var w = (-1.5, 1.2)
    var v = (0.0, 0.0)
    var path = [w]
    for _ in 0..<100 {
      let g = grad(w)
      v = (beta * v.0 + g.0, beta * v.1 + g.1)
      w = (w.0 - 0.05 * v.0, w.1 - 0.05 * v.1)
      path.append(w)
    }
    return path
  }

  static func trajectories() -> Figure {
    var f = Figure(width: 8, height: 6, name: "b: trajectories on L")
    var ax = surfaceAxes(lineWidth: 0.6, alpha: 0.6)
    for (beta, marker, color, label) in [
      (0.0, Marker.circle, "tab:orange", "GD (η = 0.05)"),
      (0.9, .square, "tab:red", "GD + momentum (η = 0.05, β = 0.9)"),
    ] {
      let p = run(momentum: beta)
      var l = LineSeries(xs: p.map(\.0), ys: p.map(\.1), color: PlotColor.parse(color), label: label)
      l.marker = marker
      l.markerSize = 3
      ax.add(.line(l))
    }
    var start = LineSeries(xs: [-1.5], ys: [1.2], color: .white, label: "start (−1.5, 1.2)")
    start.width = 0
    start.marker = .star
    start.markerSize = 14
    start.markerEdgeColor = .black
    ax.add(.line(start))
    ax.add(saddleMarker(label: "saddle"))
    ax.xlimits = -2...2
    ax.ylimits = -2...2
    ax.title = "Trajectories on L(w₁, w₂), 100 steps each"
    ax.legend = LegendSpec(location: .upperRight, fontSize: 9)
    f.main = ax
    return f
  }

  static func lossCurves() -> Figure {
    var f = Figure(width: 8, height: 6, name: "c: loss curves")
    var rng = SeededGenerator(seed: 0)
    let t = (1...1000).map(Double.init)
    for (lr, tau, floor) in [(0.01, 400.0, 2e-3), (0.05, 120.0, 5e-4), (0.1, 60.0, 2e-4)] {
      let y = t.map { s in (2.3 * exp(-s / tau) + floor + 0.05 / s.squareRoot()) * exp(0.15 * rng.nextNormal()) }
      var l = LineSeries(xs: t, ys: y, label: "η = \(lr)")
      l.width = 1.2
      f.main.add(.line(l))
    }
    f.main.yscale = .log
    f.main.xlabel = "step"
    f.main.ylabel = "training loss L(θ)"
    f.main.title = "Loss curves, 3 runs (λ = 10⁻⁴)"
    f.main.gridAlpha = (0.5, 0.15)
    f.main.legend = LegendSpec()
    return f
  }

  static func scatter() -> Figure {
    var f = Figure(width: 8, height: 6, name: "d: scatter")
    var rng = SeededGenerator(seed: 1)
    let x = (0..<100).map { _ in 0.4 + 0.6 * rng.nextUniform() }
    let y = x.map { min(max(0.12 * (1 - $0) + 0.012 * rng.nextNormal() + 0.01, 0.002), 0.098) }
    var s = ScatterSeries(xs: x, ys: y, color: PlotColor.parse("tab:blue"))
    s.size = 30
    s.alpha = 0.7
    s.edgeColor = .black
    s.edgeWidth = 0.5
    f.main.add(.scatter(s))
    f.main.xlimits = 0.4...1.0
    f.main.ylimits = 0...0.1
    f.main.xlabel = "minimum ratio"
    f.main.ylabel = "training loss"
    f.main.title = "Training loss vs minimum ratio (‖∇L‖ < 10⁻³)"
    return f
  }

  static func bars() -> Figure {
    var f = Figure(width: 8, height: 6, name: "e: bars")
    let sizes = [1, 8, 32, 128, 1797]
    let train = [0.962, 0.991, 0.998, 1.000, 1.000]
    let test = [0.941, 0.962, 0.968, 0.955, 0.931]
    let x = sizes.indices.map(Double.init)
    for (offset, h, label) in [(-0.19, train, "train"), (0.19, test, "test")] {
      var b = BarSeries(xs: x.map { $0 + offset }, heights: h, width: 0.38, label: label)
      b.valueLabelDecimals = 3
      f.main.add(.bars(b))
    }
    f.main.xticks = zip(x, sizes.map(String.init)).map { ($0, $1) }
    f.main.ylimits = 0.9...1.03
    f.main.xlabel = "batch size"
    f.main.ylabel = "accuracy"
    f.main.title = "Accuracy vs batch size (digits, n = 1797)"
    f.main.legend = LegendSpec(location: .upperLeft, columns: 2)
    return f
  }
}
