import Autodiff
import Formula
import Foundation
import Language
import MathCore

/// The lecture's analysis of critical points as builtins: classify, taylor,
/// critical_points and escape.
extension CalculusPack {
  static let analysisEntries: [Builtin] = [
    Builtin(
      "classify", [loss.parameter, at.parameter],
      returns: "classification record",
      summary: """
        The second-order test at a point: first whether the gradient is zero (a critical point), then the \
        Hessian's eigenvalues decide: local minimum (all > 0), local maximum (all < 0), saddle point (both \
        signs) or degenerate (a zero eigenvalue: inconclusive). Shows g, H, eigenvalues (ascending) and eigenvectors.
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\nclassify(L, at: [0, 0])"
    ) { args, _ in
      let (f, formula) = try CalculusInput.formula(args, loss)
      let x = try CalculusInput.point(args, at, f)
      let a = try analyze(f, formula, x, args.range(at))
      let probe = a.probeFlatDirections(FormulaFunction(root: formula.root, dimension: x.count))
      return .record(CalculusReport.classification(a, f, probe: probe))
    },
    Builtin(
      "taylor", [loss.parameter, at.parameter], returns: "function",
      summary: """
        The quadratic (second-order Taylor) model of L around θ′: L(θ′) + (θ−θ′)ᵀg + ½(θ−θ′)ᵀH(θ−θ′), \
        with the exact gradient g and Hessian H at θ′, as a new function.
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\nT = taylor(L, at: [0.5, 0.5])\nT(0.6, 0.4)"
    ) { args, _ in
      let (f, formula) = try CalculusInput.formula(args, loss)
      let x = try CalculusInput.point(args, at, f)
      let d = try secondOrder(f, formula, x, args.range(at))
      let model = quadraticModel(d, at: x)
      try model.checkShowable()
      return .function(CalculusFunctions.scalar("T_\(f.name)", f.parameters, model))
    },
    Builtin(
      "critical_points",
      [
        loss.parameter, box.parameter, starts.parameter,
      ],
      returns: "critical points record",
      summary: """
        Finds the critical points (∇L = 0) in a box by damped Newton from a deterministic grid of starts, \
        removes duplicates, classifies each and sorts them by loss. A whole set of degenerate critical points \
        with one loss (a valley of minima) is reported once. Give one range per parameter: in: (-2...2, -2...2); \
        starts: n uses n starts per axis (default 41 in 1-D, 12 in 2-D, about 400 in all beyond).
        """,
      example:
        "f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2\ncritical_points(f, in: (-5...5, -5...5))"
    ) { args, ev in
      let (f, formula) = try CalculusInput.formula(args, loss)
      let region = try CalculusInput.box(args, box, f)
      let perAxis = try startsPerAxis(args, starts, dimension: region.count)
      let search = CriticalPointSearch.run(
        FormulaFunction(root: formula.root, dimension: region.count), in: region, startsPerAxis: perAxis
      ) {
        ev.cancellation.isSet
      }
      try ev.checkCancellation()
      return .record(CalculusReport.criticalPoints(search, f, region))
    },
    Builtin(
      "escape",
      [
        loss.parameter, from.parameter, step.parameter,
      ],
      returns: "escape record",
      summary: """
        Steps from a saddle point along the eigenvector u of the Hessian's most negative eigenvalue λ \
        (θ = θ′ + step·u, the sign with the lower loss), where L(θ′ + ηu) ≈ L(θ′) + ½λη² decreases. \
        Reports the loss before and after; explains when there is no negative eigenvalue.
        """,
      example: "L(w1, w2) = (1 - w1*w2)^2\nescape(L, from: [0, 0])"
    ) { args, _ in
      let (f, formula) = try CalculusInput.formula(args, loss)
      let x = try CalculusInput.point(args, from, f)
      let size = args[step]
      guard size.isFinite, size > 0 else { throw args.error(step, "step must be a positive number") }
      _ = try analyze(f, formula, x, args.range(from))
      let result = try SaddleEscape.escape(
        FormulaFunction(root: formula.root, dimension: x.count), from: x, step: size)
      return .record(CalculusReport.escape(result, f))
    },
  ]

  /// The `starts:` argument, checked against `CriticalPointSearch.maximumStarts`.
  static func startsPerAxis(_ args: BoundArguments, _ key: ParameterKey<Double>, dimension: Int) throws -> Int? {
    guard args.has(key) else { return nil }
    let n = args.integer(key)
    let limit = CriticalPointSearch.maximumStarts
    guard n >= 1, Foundation.pow(Double(n), Double(dimension)) <= Double(limit) else {
      throw args.error(
        key,
        "starts must be at least 1 and starts^\(dimension) at most \(limit) (the number of Newton runs)"
      )
    }
    return n
  }

  /// `PointAnalysis.analyze` with language errors for undefined points.
  static func analyze(_ f: UserFunction, _ formula: Formula, _ x: [Double], _ range: SourceRange)
    throws -> PointAnalysis
  {
    do {
      return try PointAnalysis.analyze(
        FormulaFunction(root: formula.root, dimension: x.count), at: x)
    } catch .undefined {
      throw CalculusInput.undefined(f, formula, at: x, range: range)
    } catch .linearAlgebra(let e) {
      throw LanguageError(.value, e.description, at: range)
    }
  }

  /// L(θ′) + Σ gᵢ(θᵢ−θ′ᵢ) + ½ Σ Hᵢᵢ(θᵢ−θ′ᵢ)² + Σ_{i<j} Hᵢⱼ(θᵢ−θ′ᵢ)(θⱼ−θ′ⱼ), simplified.
  static func quadraticModel(_ d: SecondOrder, at x: [Double]) -> FormulaNode {
    let n = x.count
    let offsets = (0..<n).map { FormulaNode.binary(.subtract, .parameter($0), .constant(x[$0])) }
    var terms: [FormulaNode] = [.constant(d.value)]
    for i in 0..<n { terms.append(.binary(.multiply, .constant(d.gradient[i]), offsets[i])) }
    for i in 0..<n {
      terms.append(
        .binary(
          .multiply, .constant(0.5 * d.hessian[i * n + i]),
          .binary(.power, offsets[i], .constant(2))))
      for j in (i + 1)..<Swift.max(i + 1, n) {
        terms.append(
          .binary(
            .multiply, .constant(d.hessian[i * n + j]), .binary(.multiply, offsets[i], offsets[j])))
      }
    }
    return terms.dropFirst().reduce(terms[0]) { FormulaNode.binary(.add, $0, $1) }.simplified()
  }
}
