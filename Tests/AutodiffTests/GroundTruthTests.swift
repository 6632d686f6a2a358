import Autodiff
import Formula
import MathCore
import Testing

/// Every value in formulas.json (sympy, 60 digits) reproduced to 1e-12 relative (absolute near zero).
@Suite struct GroundTruthTests {
  let truth: GroundTruth

  init() throws { truth = try GroundTruth.load() }

  @Test(arguments: ["lecture_w1w2", "rosenbrock", "himmelblau", "monkey_saddle", "quartic_1d"])
  func criticalPointsMatchExactValues(_ name: String) throws {
    let spec = try truth.function(name)
    let f = try compileSympy(spec.expr, spec.vars)
    #expect(!spec.criticalPoints.isEmpty)
    for p in spec.criticalPoints {
      let x = p.point.float
      let a = try PointAnalysis.analyze(f, at: x)
      #expect(
        close(a.value, p.value.float), "\(name) at \(x): value \(a.value) vs \(p.value.float)")
      if let g = p.gradient {
        #expect(close(a.gradient, g.float), "\(name) at \(x): gradient \(a.gradient)")
      }
      if let h = p.hessian {
        #expect(
          close(a.hessian.elements, h.float.flatMap { $0 }), "\(name) at \(x): Hessian \(a.hessian)"
        )
      }
      if let e = p.eigenvalues {
        #expect(close(a.eigenvalues, e.float), "\(name) at \(x): eigenvalues \(a.eigenvalues)")
      }
      if let v = p.eigenvectors {
        for (i, expected) in v.float.enumerated() {
          let column = a.eigenvectors.column(i).elements
          #expect(
            close(column, expected),
            "\(name) at \(x): eigenvector \(i) is \(column), expected \(expected)")
        }
      }
      #expect(
        a.kind.rawValue == p.classification,
        "\(name) at \(x): \(a.kind.rawValue) vs \(p.classification)")
      if let n = p.nPositive { #expect(a.positiveCount == n) }
      if let n = p.nNegative { #expect(a.negativeCount == n) }
      if let n = p.nZero { #expect(a.zeroCount == n) }
      if let r = p.minRatio { #expect(a.minimumRatio == r) }
      if let i = p.index { #expect(a.negativeCount == i) }
      if let higher = p.classificationHigherOrder {
        #expect(
          higher.hasPrefix("saddle"), "only saddles are in the ground truth's higher-order notes")
        #expect(a.probeFlatDirections(f)?.verdict == .saddle, "\(name) at \(x): \(higher)")
      }
    }
  }

  @Test func himmelblausNineCriticalPointsAreFoundBySearch() throws {
    let spec = try truth.function("himmelblau")
    let f = try compileSympy(spec.expr, spec.vars)
    let search = CriticalPointSearch.run(f, in: [(-5, 5), (-5, 5)])
    #expect(search.families.isEmpty)
    #expect(search.points.count == 9)
    #expect(spec.nCriticalPoints == 9)
    for p in spec.criticalPoints {
      let match = search.points.first { close($0.point, p.point.float) }
      #expect(match != nil, "no critical point found near \(p.point.float)")
      #expect(match?.kind.rawValue == p.classification)
      if let match { #expect(close(match.value, p.value.float)) }
    }
    #expect(
      zip(search.points, search.points.dropFirst()).allSatisfy { $0.value <= $1.value },
      "sorted by loss")
  }

  @Test func quarticCriticalPointsAreFoundBySearch() throws {
    let spec = try truth.function("quartic_1d")
    let f = try compileSympy(spec.expr, spec.vars)
    let search = CriticalPointSearch.run(f, in: [(-2, 2)])
    #expect(search.points.count == 3)
    for p in spec.criticalPoints {
      let match = search.points.first { close($0.point, p.point.float) }
      #expect(match?.kind.rawValue == p.classification, "\(p.point.float)")
    }
  }

  /// The symbolic derivatives agree with sympy's gradient and Hessian expressions.
  @Test(arguments: ["lecture_w1w2", "rosenbrock", "himmelblau", "quartic_1d"])
  func symbolicDerivativesMatchSympy(_ name: String) throws {
    let spec = try truth.function(name)
    let f = try compileSympy(spec.expr, spec.vars)
    let gradient = spec.gradientExpr ?? spec.derivativeExpr.map { [$0] } ?? []
    var rng = SeededGenerator(seed: 7)
    for _ in 0..<20 {
      let x = spec.vars.map { _ in rng.nextUniform() * 6 - 3 }
      for (i, text) in gradient.enumerated() {
        let expected = try compileSympy(text, spec.vars).evaluate(x)
        let derived = try f.root.derivative(i).evaluate(x)
        #expect(
          close(derived, expected, 1e-12),
          "\(name): ∂/∂\(spec.vars[i]) at \(x): \(derived) vs \(expected)")
      }
      for (i, row) in (spec.hessianExpr ?? []).enumerated() {
        for (j, text) in row.enumerated() {
          let expected = try compileSympy(text, spec.vars).evaluate(x)
          let derived = try f.root.derivative(i).derivative(j).evaluate(x)
          #expect(close(derived, expected, 1e-12), "\(name): H[\(i), \(j)] at \(x)")
        }
      }
      if let second = spec.secondDerivativeExpr {
        let expected = try compileSympy(second, spec.vars).evaluate(x)
        #expect(close(try f.root.derivative(0).derivative(0).evaluate(x), expected, 1e-12))
      }
    }
  }
}
