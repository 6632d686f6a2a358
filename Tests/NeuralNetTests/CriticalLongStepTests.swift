import Foundation
import MathCore
import Testing

@testable import NeuralNet

/// A trained 1-5-5-1 tanh net (P = 46) on the benchmark's 64 noisy points of a cubic, where
/// the filtered Newton steps alone stall (the gradient lies along a direction of tiny
/// curvature, a tanh unit saturating, whose Newton step is long) and the long Newton step
/// with corrections reaches ‖∇L‖ ≤ 1e-6: a saddle, checked against LAPACK's spectrum.
@Suite struct CriticalLongStepTests {
  private func trainedNet() throws -> (MLP, Dataset) { try benchmarkCurveNet([1, 5, 5, 1], seed: 3) }

  @Test func longNewtonStepReachesTheToleranceWhereFilteredStepsStall() throws {
    let (net, data) = try trainedNet()
    let filteredOnly = try net.toCritical(on: data, options: CriticalPointOptions(longNewtonSteps: false))
    #expect(filteredOnly.stop == .stalled && filteredOnly.kind == .notReached)
    #expect(filteredOnly.gradientNorm > 1e-4)

    let result = try net.toCritical(on: data)
    #expect(result.stop == .converged)
    #expect(result.gradientNorm <= 1e-6)
    let g = try result.model.lossAndGradient(on: data).gradient
    #expect(abs(g.reduce(0) { $0 + $1 * $1 }.squareRoot() - result.gradientNorm) < 1e-12)
    // Chord steps: more steps than Hessians.
    #expect(result.iterations > result.hessians && result.hessians > 0)
    #expect(result.gradientNormTrajectory.count == result.iterations + 1)
    let h = try result.model.hessian(on: data)
    let lapack = try DenseLinearAlgebra.symmetricEigen(h.elements, n: h.rows).values
    let counts = try #require(result.counts)
    #expect(counts == (try EigenvalueCounts(values: lapack, tolerance: counts.tolerance)))
    #expect(result.kind == .saddle && counts.negative > 0 && counts.positive > 0)
  }

  /// max_iterations bounds the Hessians (one per Newton iteration); the chord steps on each
  /// are extra steps, not extra iterations.
  @Test func maxIterationsBoundsTheHessians() throws {
    let (net, data) = try trainedNet()
    let one = try net.toCritical(on: data, options: CriticalPointOptions(maxIterations: 1, longNewtonSteps: false))
    #expect(one.hessians == 1 && one.stop == .iterationLimit && one.kind == .notReached)
    #expect(one.iterations >= 1 && one.gradientNorm < one.gradientNormTrajectory[0])
    #expect(throws: NetworkError.self) {
      try net.toCritical(on: data, options: CriticalPointOptions(newtonStallWindow: 0))
    }
  }
}
