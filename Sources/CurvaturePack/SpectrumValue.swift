import Language
import MathCore
import Plot
import PlotPack

/// What `spectrum` returns: the Hessian's eigenvalue density by stochastic Lanczos
/// quadrature, drawn like PyHessian's and Ghorbani et al.'s plots (density on a log axis
/// against λ), with the exact eigenvalues' histogram (as a density) overlaid when computed.
public struct SpectrumValue: SummarizedValue {
  public let density: SpectralDensity
  /// The exact eigenvalues, ascending, when they were computed (small P).
  public let exact: [Double]?
  public let scope: String
  /// Hessian-vector products used by the quadrature.
  public let products: Int

  /// Bins of the exact histogram.
  static let bins = 50
  /// The log axis shows densities down to this fraction of the peak (PyHessian adds 1e-7).
  static let floorFraction = 1e-7

  public var typeName: String { "spectral density" }

  public var heading: String {
    let f = { NumberFormat.short($0) }
    let range = "λ from \(f(lowest)) to \(f(highest))"
    let overlay = exact == nil ? "" : "; exact eigenvalues overlaid"
    return
      "eigenvalue density of the Hessian over \(scope): SLQ, \(density.probes) probes × \(density.steps) steps (\(products) HVPs), σ = \(f(density.width)), \(range)\(overlay)"
  }

  private var lowest: Double { density.nodes.joined().min() ?? .nan }
  private var highest: Double { density.nodes.joined().max() ?? .nan }

  public var memberNames: [String] {
    ["probes", "steps", "width", "mean", "mean_error", "second_moment", "min", "max", "hvps"]
      + ["grid", "density", "nodes", "weights", "eigenvalues", "figure"]
  }
  public var unlistedMembers: Set<String> { ["grid", "density", "nodes", "weights", "eigenvalues", "figure"] }

  public func member(_ name: String) -> Value? {
    switch name {
    case "probes": return .number(Double(density.probes))
    case "steps": return .number(Double(density.steps))
    case "width": return .number(density.width)
    case "mean": return .number(density.moment(1).estimate)
    case "mean_error": return .number(density.moment(1).standardError)
    case "second_moment": return .number(density.moment(2).estimate)
    case "min": return .number(lowest)
    case "max": return .number(highest)
    case "hvps": return .number(Double(products))
    case "grid": return .vector(Vector(density.grid))
    case "density": return .vector(Vector(density.density))
    case "nodes": return .vector(Vector(Array(density.nodes.joined())))
    case "weights": return .vector(Vector(density.weights.joined().map { $0 / Double(max(density.probes, 1)) }))
    case "eigenvalues": return exact.map { .vector(Vector($0)) } ?? Value.none
    case "figure": return figure.map { .custom(FigureValue($0)) }
    default: return nil
    }
  }

  public var figure: Figure? {
    var fig = Figure(width: 6.4, height: 4.4, name: "eigenvalue density over \(scope)")
    var ax = Axes()
    (ax.xlabel, ax.ylabel, ax.title) = ("eigenvalue λ", "density (log scale)", "Hessian eigenvalue density")
    ax.yscale = .log
    let peak = max(density.density.max() ?? 0, histogram?.heights.max() ?? 0)
    guard peak > 0, peak.isFinite else { return nil }
    let floor = peak * Self.floorFraction
    ax.add(.line(LineSeries(xs: density.grid, ys: density.density.map { max($0, floor) }, label: "SLQ density")))
    if let h = histogram {
      var steps = LineSeries(xs: h.xs, ys: h.heights.map { $0 > 0 ? $0 : .nan }, label: "exact eigenvalues")
      steps.color = .black
      steps.width = 1
      ax.add(.line(steps))
    }
    ax.ylimits = floor...(peak * 3)
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    fig.main = ax
    return fig
  }

  /// The exact eigenvalues as a density histogram outline (count / (P · bin width)), as
  /// step-line vertices; empty bins are gaps on the log axis.
  private var histogram: (xs: [Double], heights: [Double])? {
    guard let values = exact, !values.isEmpty, let h = Histogram(values: values, bins: Self.bins) else { return nil }
    var xs: [Double] = []
    var heights: [Double] = []
    for b in 0..<h.counts.count {
      let width = h.edges[b + 1] - h.edges[b]
      let height = width > 0 ? h.counts[b] / (Double(values.count) * width) : 0
      xs += [h.edges[b], h.edges[b + 1]]
      heights += [height, height]
    }
    return (xs, heights)
  }
}
