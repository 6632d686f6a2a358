import Foundation
import MathCore
import Testing

@testable import NeuralNet

/// `toCritical` on networks whose critical points are known by hand, and on a tanh net
/// checked against LAPACK's spectrum of the final Hessian.
@Suite struct CriticalPointTests {
  private func regression(_ x: [Double], _ y: [Double]) throws -> Dataset {
    try Dataset.make(features: Matrix(rows: x.count, columns: 1, elements: x), targets: Vector(y), kind: .regression)
  }

  private func linear(_ sizes: [Int], _ parameters: [Double]) throws -> MLP {
    try MLP(layerSizes: sizes, activation: .linear, loss: .meanSquaredError, bias: false).with(parameters: parameters)
  }

  /// Loss (1 − w₁w₂)²: ∇L = 0 at the origin (Hessian [[0, −2], [−2, 0]], a saddle) and on
  /// the valley w₁w₂ = 1 (Hessian 2(w₂, w₁)(w₂, w₁)ᵀ, one positive eigenvalue and one zero).
  @Test func lectureNetFindsTheSaddleAtTheOrigin() throws {
    let data = try regression([1], [1])
    let result = try linear([1, 1, 1], [0.05, -0.03]).toCritical(on: data)
    #expect(result.method == .levenbergMarquardt)
    #expect(result.stop == .converged)
    #expect(result.model.parameters.allSatisfy { abs($0) < 1e-6 })
    #expect(result.gradientNorm <= 1e-6)
    #expect(abs(result.loss - 1) < 1e-10)
    let counts = try #require(result.counts)
    #expect(counts.positive == 1 && counts.negative == 1 && counts.zero == 0)
    #expect(result.minimumRatio == 0.5)
    #expect(result.kind == .saddle)
    let values = try #require(result.eigenvalues)
    #expect(abs(values[0] + 2) < 1e-5 && abs(values[1] - 2) < 1e-5)
    #expect(result.gradientNormTrajectory.count == result.iterations + 1)
    #expect(result.gradientNormTrajectory.last == result.gradientNorm)
  }

  @Test func lectureNetFindsAValleyPointDegenerate() throws {
    let data = try regression([1], [1])
    let result = try linear([1, 1, 1], [1.1, 0.95]).toCritical(on: data)
    let w = result.model.parameters
    #expect(result.gradientNorm <= 1e-6)
    #expect(abs(w[0] * w[1] - 1) < 1e-6)
    #expect(result.loss < 1e-12)
    let counts = try #require(result.counts)
    #expect(counts.positive == 1 && counts.negative == 0 && counts.zero == 1)
    #expect(result.kind == .degenerate)
    // The nonzero eigenvalue is 2(w₁² + w₂²).
    let values = try #require(result.eigenvalues)
    #expect(abs(values[1] - 2 * (w[0] * w[0] + w[1] * w[1])) < 1e-5)
  }

  /// 1-2-1 linear, no biases, on x = (1, 2), y = (1, 1): with a = W₁, b = W₂ and w = a·b,
  /// L = ½[(1 − w)² + (1 − 2w)²], L′(w) = 5w − 3, L″ = 5. Critical points: a = b = 0, where
  /// H = [[0, L′(0)I], [L′(0)I, 0]] has eigenvalues ±3 twice (2 / 2 / 0, a saddle), and the
  /// valley a·b = 3/5 with loss 1/10, where H = 5(b, a)(b, a)ᵀ: one eigenvalue 5(‖a‖² + ‖b‖²),
  /// three zeros (degenerate).
  @Test func twoUnitNetSolvedByHand() throws {
    let data = try regression([1, 2], [1, 1])
    let saddle = try linear([1, 2, 1], [0.02, -0.01, 0.03, 0.01]).toCritical(on: data)
    #expect(saddle.model.parameters.allSatisfy { abs($0) < 1e-6 })
    #expect(abs(saddle.loss - 1) < 1e-10)
    let saddleValues = try #require(saddle.eigenvalues)
    for (value, expected) in zip(saddleValues, [-3.0, -3, 3, 3]) { #expect(abs(value - expected) < 1e-5) }
    #expect(saddle.counts.map { [$0.positive, $0.negative, $0.zero] } == [2, 2, 0])
    #expect(saddle.kind == .saddle)

    let valley = try linear([1, 2, 1], [0.9, 0.4, 0.5, 0.7]).toCritical(on: data)
    let p = valley.model.parameters
    // ∇L = L′(w)·(b, a) with L′(w) = 5w − 3, so ‖∇L‖ = |5w − 3|·‖θ‖ exactly: the point is on
    // the valley w = 3/5 to within what the tolerance allows (about 1.4e-7 here).
    let w = p[0] * p[2] + p[1] * p[3]
    #expect(valley.gradientNorm <= 1e-6)
    #expect(abs(abs(5 * w - 3) * p.reduce(0) { $0 + $1 * $1 }.squareRoot() - valley.gradientNorm) < 1e-12)
    #expect(abs(w - 0.6) < 2e-7)
    #expect(abs(valley.loss - 0.1) < 1e-12)
    let values = try #require(valley.eigenvalues)
    #expect(abs(values[3] - 5 * p.reduce(0) { $0 + $1 * $1 }) < 1e-5)
    #expect(valley.counts.map { [$0.positive, $0.negative, $0.zero] } == [1, 0, 3])
    #expect(valley.kind == .degenerate)
  }

  private func tanhProblem() throws -> (MLP, Dataset) {
    let data = try Dataset.curve(SyntheticOptions(count: 8, noise: 0, seed: 3), range: -2...2) { sin(2 * $0) }
    let net = try MLP(layerSizes: [1, 4, 1], activation: .tanh, loss: .meanSquaredError, seed: 7)
    let trained = try net.fit(
      on: data, options: FitOptions(optimizer: .gd(lr: 0.1), batch: .full, epochs: 300, precision: .float64))
    return (trained.model, data)
  }

  @Test func tanhNetReachesTightToleranceAndCountsAgreeWithLAPACK() throws {
    let (net, data) = try tanhProblem()
    let result = try net.toCritical(on: data, options: CriticalPointOptions(tolerance: 1e-10))
    #expect(result.gradientNorm < 1e-8)
    #expect(try result.model.lossAndGradient(on: data).gradient.allSatisfy { abs($0) < 1e-8 })
    let h = try result.model.hessian(on: data)
    let lapack = try DenseLinearAlgebra.symmetricEigen(h.elements, n: h.rows).values
    let counts = try #require(result.counts)
    let reference = try EigenvalueCounts(values: lapack, tolerance: counts.tolerance)
    #expect(counts == reference)
    #expect(result.kind == CriticalPointKind.classify(reference))
    #expect(result.gradientFlatness != nil)
  }

  /// L-BFGS on ½‖∇L‖² (HVPs only) finds the two-unit net's saddle at the origin, and on the
  /// trained tanh net (Hessian eigenvalues from 1e-6 to 55, so ‖∇L‖² has condition number
  /// about 1e15) it lowers ‖∇L‖ at every accepted step, as its line search demands.
  @Test func gradientNormMethodUsesHVPsOnly() throws {
    let data = try regression([1, 2], [1, 1])
    let saddle = try linear([1, 2, 1], [0.02, -0.01, 0.03, 0.01]).toCritical(
      on: data, options: CriticalPointOptions(tolerance: 1e-9, maxIterations: 500, method: .gradientNorm))
    #expect(saddle.method == .gradientNorm)
    #expect(saddle.stop == .converged)
    #expect(saddle.model.parameters.allSatisfy { abs($0) < 1e-8 })
    #expect(saddle.kind == .saddle)

    let (net, data2) = try tanhProblem()
    let result = try net.toCritical(
      on: data2, options: CriticalPointOptions(maxIterations: 300, method: .gradientNorm, minimumProgress: 0))
    let trajectory = result.gradientNormTrajectory
    #expect(trajectory.count == result.iterations + 1)
    #expect(zip(trajectory, trajectory.dropFirst()).allSatisfy { $1 < $0 })
    #expect(trajectory.last! < 0.1 * trajectory[0])
    #expect(result.stop == .iterationLimit)
    // With the default stall rule it stops once 20 steps gain less than 10%.
    let stalled = try net.toCritical(
      on: data2, options: CriticalPointOptions(maxIterations: 300, method: .gradientNorm))
    let t = stalled.gradientNormTrajectory
    #expect(stalled.stop == .stalled && stalled.kind == .notReached)
    #expect(t.count > 21 && t[t.count - 1] > 0.9 * t[t.count - 21])
  }

  @Test func badOptionsAreErrorsAndCancellationKeepsThePoint() throws {
    let data = try regression([1], [1])
    let net = try linear([1, 1, 1], [0.05, -0.03])
    #expect(throws: NetworkError.self) { try net.toCritical(on: data, options: CriticalPointOptions(tolerance: 0)) }
    #expect(throws: NetworkError.self) { try net.toCritical(on: data, options: CriticalPointOptions(tolerance: .nan)) }
    #expect(throws: NetworkError.self) {
      try net.toCritical(on: data, options: CriticalPointOptions(method: .levenbergMarquardt, fullHessianLimit: 1))
    }
    let wrong = try Dataset.make(
      features: Matrix(rows: 1, columns: 2, elements: [1, 2]), targets: Vector([1]), kind: .regression)
    #expect(throws: NetworkError.self) { try net.toCritical(on: wrong) }
    let flag = CancellationFlag()
    flag.set()
    let stopped = try net.toCritical(on: data, cancellation: flag)
    #expect(stopped.stop == .interrupted)
    #expect(stopped.kind == .notReached)
    #expect(stopped.model.parameters == net.parameters)
  }

  @Test func iterationLimitIsNotReached() throws {
    let data = try regression([1], [1])
    let result = try linear([1, 1, 1], [1.1, 0.95]).toCritical(
      on: data, options: CriticalPointOptions(maxIterations: 0))
    #expect(result.stop == .iterationLimit)
    #expect(result.kind == .notReached)
    #expect(result.iterations == 0)
  }
}
