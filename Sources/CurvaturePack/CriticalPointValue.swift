import Language
import MathCore
import NetworksPack
import NeuralNet
import Plot
import PlotPack

/// What `to_critical` returns: the point reached (a network) with ‖∇L‖, ‖H∇L‖/‖∇L‖ (small
/// while ‖∇L‖ is not: a gradient-flat region, not a critical point), loss, the eigenvalue
/// counts with their zero band, the minimum ratio and the classification; its figure is
/// ‖∇L‖ by iteration on a log axis with the tolerance line.
public struct CriticalPointValue: SummarizedValue {
  public let result: CriticalPointResult

  public init(_ result: CriticalPointResult) { self.result = result }

  public var typeName: String { "critical point" }

  public var heading: String {
    let r = result
    let f = { NumberFormat.short($0) }
    // The Newton-type search counts Hessians (what max_iterations bounds) and steps apart.
    let work = r.hessians > 0 ? "\(r.iterations) steps on \(r.hessians) Hessians" : "\(r.iterations) iterations"
    var text = "\(r.kind.rawValue): ‖∇L‖ = \(f(r.gradientNorm)) after \(work) (\(r.stop.rawValue))"
    if let c = r.counts {
      text += "; \(c.positive) positive, \(c.negative) negative, \(c.zero) zero (|λ| ≤ \(f(c.tolerance)))"
    } else if let note = r.curvatureNote {
      text += "; \(note)"
    }
    return text
  }

  public var memberNames: [String] {
    [
      "kind", "loss", "grad_norm", "flatness", "positive", "negative", "zero", "zero_tol", "min_ratio", "method",
      "iterations", "stop", "tol", "initial_loss", "seconds", "point", "eigenvalues", "grad_norms", "figure",
    ]
  }
  public var unlistedMembers: Set<String> { ["point", "eigenvalues", "grad_norms", "seconds", "figure"] }

  public func member(_ name: String) -> Value? {
    let r = result
    switch name {
    case "kind": return .string(r.kind.rawValue)
    case "loss": return .number(r.loss)
    case "grad_norm": return .number(r.gradientNorm)
    case "flatness": return r.gradientFlatness.map(Value.number) ?? Value.none
    case "positive": return r.counts.map { .number(Double($0.positive)) } ?? Value.none
    case "negative": return r.counts.map { .number(Double($0.negative)) } ?? Value.none
    case "zero": return r.counts.map { .number(Double($0.zero)) } ?? Value.none
    case "zero_tol": return r.counts.map { .number($0.tolerance) } ?? Value.none
    case "min_ratio": return r.minimumRatio.map(Value.number) ?? Value.none
    case "method": return .string(CurvaturePack.methodName(r.method))
    case "iterations": return .number(Double(r.iterations))
    case "stop": return .string(r.stop.rawValue)
    case "tol": return .number(r.tolerance)
    case "initial_loss": return .number(r.initialLoss)
    case "seconds": return .number(r.seconds)
    case "point": return .custom(NetworkValue(r.model))
    case "eigenvalues": return r.eigenvalues.map { .vector(Vector($0)) } ?? Value.none
    case "grad_norms": return .vector(Vector(r.gradientNormTrajectory))
    case "figure": return figure.map { .custom(FigureValue($0)) }
    default: return nil
    }
  }

  public var figure: Figure? {
    let norms = result.gradientNormTrajectory
    let points = norms.indices.filter { norms[$0].isFinite && norms[$0] > 0 }
    guard !points.isEmpty else { return nil }
    var fig = Figure(width: 6.4, height: 4, name: heading)
    var ax = Axes()
    (ax.xlabel, ax.ylabel, ax.title) = ("iteration", "‖∇L‖", result.kind.rawValue)
    ax.yscale = .log
    var line = LineSeries(xs: points.map(Double.init), ys: points.map { norms[$0] }, label: "‖∇L‖")
    line.marker = points.count <= 50 ? .circle : nil
    ax.add(.line(line))
    var tol = LineSeries(
      xs: [0, Double(max(norms.count - 1, 1))], ys: [result.tolerance, result.tolerance], label: "tol")
    tol.dashes = [6, 3]
    tol.color = .black
    ax.add(.line(tol))
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    fig.main = ax
    return fig
  }
}
