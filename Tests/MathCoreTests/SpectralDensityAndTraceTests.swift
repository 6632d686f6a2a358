import Foundation
import Testing

@testable import MathCore

/// Stochastic Lanczos quadrature and Hutchinson's trace against exact spectra and traces.
struct SpectralDensityAndTraceTests {
  /// ∫ f(t) φ(t) dt on the density's grid by the trapezoid rule.
  private func integral(_ d: SpectralDensity, _ f: (Double) -> Double = { _ in 1 }) -> Double {
    var s = 0.0
    for i in 1..<d.grid.count {
      s += 0.5 * (d.grid[i] - d.grid[i - 1]) * (f(d.grid[i]) * d.density[i] + f(d.grid[i - 1]) * d.density[i - 1])
    }
    return s
  }

  @Test(arguments: ProbeDistribution.allCases)
  func densityIntegratesToOneAndMatchesTheExactMoments(distribution: ProbeDistribution) throws {
    let fixture = SpectralFixtures.wigner
    let options = SpectralDensityOptions(probes: 12, steps: 60, distribution: distribution, seed: 4)
    let d = try StochasticLanczosQuadrature.density(of: fixture.op, options: options)
    #expect(d.probes == 12 && !d.cancelled)
    for w in d.weights { #expect(abs(w.reduce(0, +) - 1) < 1e-12) }
    #expect(abs(integral(d) - 1) < 1e-6)
    let p = Double(SpectralFixtures.size)
    let exact1 = fixture.values.reduce(0, +) / p
    let exact2 = fixture.values.reduce(0) { $0 + $1 * $1 } / p
    let m1 = d.moment(1)
    let m2 = d.moment(2)
    #expect(abs(m1.estimate - exact1) <= 4 * m1.standardError, "mean \(m1) vs \(exact1)")
    #expect(abs(m2.estimate - exact2) <= 4 * m2.standardError, "second moment \(m2) vs \(exact2)")
    // The smoothed curve carries the quadrature's moments (the kernel adds σ² to the second).
    #expect(abs(integral(d, { $0 }) - m1.estimate) < 1e-6)
    #expect(abs(integral(d, { $0 * $0 }) - (m2.estimate + d.width * d.width)) < 1e-6)
  }

  /// Gauss quadrature is exact for low degrees: for each probe v, Σ wᵢθᵢ = vᵀAv/‖v‖² and
  /// Σ wᵢθᵢ² = ‖Av‖²/‖v‖², to rounding.
  @Test func eachProbeQuadratureIsExactForLowMoments() throws {
    let op = SpectralFixtures.wigner.op
    let options = SpectralDensityOptions(probes: 3, steps: 30, seed: 8)
    let d = try StochasticLanczosQuadrature.density(of: op, options: options)
    var generator = SeededGenerator(seed: 8)
    for probe in 0..<3 {
      let v = ProbeDistribution.rademacher.sample(op.dimension, using: &generator)
      let av = op.apply(v)
      let vv = KrylovKernels.dot(v, v)
      let q1 = zip(d.nodes[probe], d.weights[probe]).reduce(0.0) { $0 + $1.0 * $1.1 }
      let q2 = zip(d.nodes[probe], d.weights[probe]).reduce(0.0) { $0 + $1.0 * $1.0 * $1.1 }
      #expect(abs(q1 - KrylovKernels.dot(v, av) / vv) < 1e-12)
      #expect(abs(q2 - KrylovKernels.dot(av, av) / vv) < 1e-12 * abs(q2))
    }
  }

  /// On a diagonal matrix with three distinct values, a Rademacher probe sees each
  /// eigenspace with weight exactly (its dimension)/P, and Lanczos stops after 3 steps.
  @Test func diagonalMatrixGivesExactNodesAndWeights() throws {
    let n = 1000
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n { a[i, i] = i < 100 ? -1 : (i < 400 ? 2 : 5) }
    let d = try StochasticLanczosQuadrature.density(
      of: try DenseSymmetricOperator(a), options: SpectralDensityOptions(probes: 2, steps: 50))
    for (theta, w) in zip(d.nodes, d.weights) {
      #expect(theta.count == 3)
      for (value, exact) in zip(theta, [-1.0, 2, 5]) { #expect(abs(value - exact) < 1e-12) }
      for (weight, exact) in zip(w, [0.1, 0.3, 0.6]) { #expect(abs(weight - exact) < 1e-12) }
    }
  }

  /// The estimated curve is close to the exact spectrum smoothed by the same kernel.
  @Test func densityIsCloseToTheSmoothedExactSpectrum() throws {
    let fixture = SpectralFixtures.wigner
    let d = try StochasticLanczosQuadrature.density(
      of: fixture.op, options: SpectralDensityOptions(probes: 10, steps: 80, width: 0.1))
    #expect(d.width == 0.1)
    let norm = 1 / (0.1 * (2 * Double.pi).squareRoot() * Double(fixture.values.count))
    var l1 = 0.0
    for (i, t) in d.grid.enumerated() where i > 0 {
      let exact = fixture.values.reduce(0.0) { $0 + norm * exp(-0.5 * pow((t - $1) / 0.1, 2)) }
      l1 += abs(d.density[i] - exact) * (t - d.grid[i - 1])
    }
    #expect(l1 < 0.05, "L1 distance \(l1)")
  }

  @Test func densityCancellationKeepsTheFinishedProbes() throws {
    let flag = CancellationFlag()
    let op = InterruptingOperator(base: SpectralFixtures.wigner.op, limit: 50, flag: flag)
    let d = try StochasticLanczosQuadrature.density(
      of: op, options: SpectralDensityOptions(probes: 5, steps: 20), cancellation: flag)
    #expect(d.cancelled)
    #expect(d.probes == 2)
    #expect(abs(integral(d) - 1) < 1e-6)
  }

  @Test func hutchinsonIsExactOnADiagonalMatrix() throws {
    let n = 500
    var a = Matrix(rows: n, columns: n)
    var trace = 0.0
    for i in 0..<n {
      a[i, i] = sin(Double(i)) * 3
      trace += a[i, i]
    }
    let t = try HutchinsonTrace.estimate(of: try DenseSymmetricOperator(a), samples: 7, batch: 3)
    #expect(t.samples == 7 && !t.cancelled)
    #expect(abs(t.estimate - trace) < 1e-12 * Double(n))
    #expect(t.standardError < 1e-12 * Double(n))
  }

  /// Within 4 standard errors of the exact trace, and the reported standard error agrees
  /// with the theoretical √(2 Σ_{i≠j} A_ij² / s).
  @Test func hutchinsonIsWithinItsStandardErrorOfTheTrace() throws {
    let fixture = SpectralFixtures.wigner
    let samples = 300
    let t = try HutchinsonTrace.estimate(of: fixture.op, samples: samples, batch: 32, seed: 5)
    let n = SpectralFixtures.size
    let exact = (0..<n).reduce(0.0) { $0 + fixture.matrix[$1, $1] }
    #expect(abs(t.estimate - exact) <= 4 * t.standardError, "\(t.estimate) vs \(exact) ± \(t.standardError)")
    let offDiagonal =
      fixture.matrix.elements.reduce(0) { $0 + $1 * $1 }
      - (0..<n).reduce(0.0) {
        $0 + fixture.matrix[$1, $1] * fixture.matrix[$1, $1]
      }
    let theory = (2 * offDiagonal / Double(samples)).squareRoot()
    #expect(abs(t.standardError / theory - 1) < 0.25, "standard error \(t.standardError) vs theory \(theory)")
  }

  @Test func hutchinsonCancellationAndBadArguments() throws {
    let flag = CancellationFlag()
    let op = InterruptingOperator(base: SpectralFixtures.wigner.op, limit: 1, flag: flag)
    let t = try HutchinsonTrace.estimate(of: op, samples: 100, batch: 8, cancellation: flag)
    #expect(t.cancelled && t.samples == 8)
    #expect(throws: SpectralMethodError.self) { try HutchinsonTrace.estimate(of: op, samples: 0) }
    #expect(throws: SpectralMethodError.self) {
      try StochasticLanczosQuadrature.density(of: op, options: SpectralDensityOptions(width: .nan))
    }
    #expect(throws: SpectralMethodError.self) {
      try StochasticLanczosQuadrature.density(of: op, options: SpectralDensityOptions(probes: 0))
    }
  }
}
