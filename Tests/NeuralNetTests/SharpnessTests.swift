import MathCore
import Testing

@testable import NeuralNet

/// λmax by Lanczos against closed forms and LAPACK, and ε-sharpness on quadratics whose box
/// maximum is a known vertex.
@Suite struct SharpnessTests {
  /// A 2-1 linear net without bias on x = (1, 0), (0, 2) — H = diag(1, 4) for mse (mean of
  /// two squares) — or on x = (1, 0), (0, 1): L = ½[(w₁ − y₁)² + (w₂ − y₂)²].
  private func quadratic(scale: Double, at w: [Double]) throws -> (MLP, Dataset) {
    let data = try Dataset.make(
      features: Matrix(rows: 2, columns: 2, elements: [1, 0, 0, scale]), targets: Vector([1, 2]), kind: .regression)
    let net = try MLP(layerSizes: [2, 1], activation: .linear, loss: .meanSquaredError, bias: false)
    return (try net.with(parameters: w), data)
  }

  @Test func largestEigenvalueOfClosedForms() throws {
    let (net, data) = try quadratic(scale: 2, at: [0.3, -0.2])
    let all = try net.sharpness(on: data)
    #expect(abs(all.value - 4) < 1e-10 && all.converged && all.examples == 2)
    // The first example alone: L = (w₁ − 1)², H = diag(2, 0).
    let first = try net.sharpness(on: data, examples: 1)
    #expect(abs(first.value - 2) < 1e-10 && first.examples == 1)
    #expect(throws: DatasetError.self) { try net.sharpness(on: data, examples: 3) }
  }

  @Test func largestEigenvalueMatchesLAPACKOnATanhNet() throws {
    let data = try Dataset.curve(SyntheticOptions(count: 20, noise: 0.1, seed: 4), range: -2...2) { $0 * $0 }
    let net = try MLP(layerSizes: [1, 6, 5, 1], activation: .tanh, loss: .meanSquaredError, seed: 9)
    let h = try net.hessian(on: data)
    let lapack = try DenseLinearAlgebra.symmetricEigen(h.elements, n: h.rows).values.max()!
    let lambda = try net.sharpness(on: data)
    #expect(abs(lambda.value - lapack) <= 1e-8 * abs(lapack))
    #expect(lambda.products > 0)
  }

  /// Away from the minimum, L(w + z) grows fastest moving each coordinate away from y, so the
  /// maximum is at z = −b (w < y in both coordinates), bᵢ = ε(|wᵢ| + 1).
  @Test func epsilonSharpnessFindsTheBoxVertex() throws {
    let w = [0.5, -1.0]
    let (net, data) = try quadratic(scale: 1, at: w)
    let result = try net.epsilonSharpness(on: data)
    let b = w.map { 1e-3 * (abs($0) + 1) }
    let loss = 0.5 * (0.25 + 9)
    let maximum = 0.5 * ((0.5 + b[0]) * (0.5 + b[0]) + (3 + b[1]) * (3 + b[1]))
    #expect(abs(result.loss - loss) < 1e-14)
    #expect(result.perturbation == [-b[0], -b[1]])
    #expect(abs(result.maximumLoss - maximum) < 1e-14)
    #expect(abs(result.value - 100 * (maximum - loss) / (1 + loss)) < 1e-9)
    #expect(result.epsilon == 1e-3)
  }

  /// At the minimum w = y the loss is ½‖z‖², largest at any vertex: ½Σbᵢ².
  @Test func epsilonSharpnessAtTheMinimum() throws {
    let (net, data) = try quadratic(scale: 1, at: [1, 2])
    let result = try net.epsilonSharpness(on: data, options: EpsilonSharpnessOptions(epsilon: 1e-2))
    let b = [0.02, 0.03]
    let maximum = 0.5 * (b[0] * b[0] + b[1] * b[1])
    #expect(abs(result.maximumLoss - maximum) < 1e-15)
    #expect(abs(result.value - 100 * maximum) < 1e-12)
    #expect(zip(result.perturbation, b).allSatisfy { abs(abs($0) - $1) < 1e-15 })
    #expect(throws: NetworkError.self) {
      try net.epsilonSharpness(on: data, options: EpsilonSharpnessOptions(epsilon: 0))
    }
    #expect(throws: NetworkError.self) {
      try net.epsilonSharpness(on: data, options: EpsilonSharpnessOptions(iterations: -1))
    }
  }
}
