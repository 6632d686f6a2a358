import Language
import MathCore
import Plot
import PlotPack

/// What `min_ratio(net, data, tol:)` returns: the signs of the exact Hessian's spectrum
/// counted with a zero band, and the lecture's minimum ratio (positive / all), with the
/// sorted eigenvalues drawn and coloured by sign.
public struct MinimumRatioValue: SummarizedValue {
  public let counts: EigenvalueCounts
  /// All P eigenvalues, ascending.
  public let eigenvalues: [Double]
  /// Whether the zero band is the default 1e-8·max|λ| rather than a given `tol:`.
  public let defaultBand: Bool

  public var typeName: String { "minimum ratio" }

  public var heading: String {
    let f = { NumberFormat.short($0) }
    let band = "|λ| ≤ \(f(counts.tolerance)) counts as zero\(defaultBand ? " (1e-8·max|λ|)" : "")"
    return
      "minimum ratio \(f(counts.minimumRatio)): \(counts.positive) positive, \(counts.negative) negative, \(counts.zero) zero; \(band)"
  }

  public var memberNames: [String] { ["ratio", "positive", "negative", "zero", "tol", "P", "eigenvalues", "figure"] }
  public var unlistedMembers: Set<String> { ["eigenvalues", "figure"] }

  public func member(_ name: String) -> Value? {
    switch name {
    case "ratio": return .number(counts.minimumRatio)
    case "positive": return .number(Double(counts.positive))
    case "negative": return .number(Double(counts.negative))
    case "zero": return .number(Double(counts.zero))
    case "tol": return .number(counts.tolerance)
    case "P": return .number(Double(eigenvalues.count))
    case "eigenvalues": return .vector(Vector(eigenvalues))
    case "figure": return figure.map { .custom(FigureValue($0)) }
    default: return nil
    }
  }

  /// The eigenvalues in ascending order against their index, negative ones red, zeros grey,
  /// positive ones blue, with the zero band shaded by two dotted lines.
  public var figure: Figure? {
    var fig = Figure(width: 6.4, height: 4, name: heading)
    var ax = Axes()
    (ax.xlabel, ax.ylabel, ax.title) = ("index (ascending)", "eigenvalue λ", "Hessian spectrum")
    let tol = counts.tolerance
    // tab10 red, grey and blue.
    let groups: [(String, Int, (Double) -> Bool)] = [
      ("negative", 3, { $0 < -tol }), ("zero", 7, { abs($0) <= tol }), ("positive", 0, { $0 > tol }),
    ]
    for (label, colorIndex, test) in groups {
      let color = PlotColor.cycle(colorIndex)
      let picked = eigenvalues.indices.filter { test(eigenvalues[$0]) }
      guard !picked.isEmpty else { continue }
      var dots = ScatterSeries(
        xs: picked.map { Double($0 + 1) }, ys: picked.map { eigenvalues[$0] }, color: color,
        label: "\(label) (\(picked.count))")
      dots.size = eigenvalues.count > 200 ? 9 : 25
      ax.add(.scatter(dots))
    }
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    fig.main = ax
    return fig
  }
}
