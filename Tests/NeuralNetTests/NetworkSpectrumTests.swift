import MathCore
import Testing

@testable import NeuralNet

/// Lanczos, stochastic Lanczos quadrature and Hutchinson on a real network's Hessian
/// (P = 2,099) through exact HVPs, against the LAPACK spectrum of the full exact Hessian.
@Suite struct NetworkSpectrumTests {
  /// A tanh net 8-48-32-3 on 200 examples of 3 classes, its Hessian as an operator, the full
  /// Hessian and its LAPACK eigenvalues (ascending).
  static let fixture: (op: NetworkHessian, hessian: Matrix, values: [Double]) = {
    var rng = SeededGenerator(seed: 21)
    let n = 200
    let x = Matrix(rows: n, columns: 8, elements: (0..<(8 * n)).map { _ in rng.nextNormal() })
    let y = Vector((0..<n).map { Double($0 % 3) })
    let data = try! Dataset.make(features: x, targets: y, kind: .classes)
    let net = try! MLP(layerSizes: [8, 48, 32, 3], activation: .tanh, loss: .crossEntropy, seed: 3)
    let hessian = try! net.hessian(on: data)
    let values = try! hessian.eigenDecomposition(order: .ascending).values.elements
    return (try! NetworkHessian(net, data: data), hessian, values)
  }()

  @Test(arguments: EigenSelection.allCases)
  func lanczosMatchesTheFullSpectrum(selection: EigenSelection) throws {
    let f = Self.fixture
    #expect(f.op.dimension == 2099)
    let result = try Lanczos.eigenpairs(
      of: f.op, count: 5, selection: selection, options: LanczosOptions(maxBasis: 200, seed: 1))
    #expect(result.stop == .converged)
    let expected = Array(f.values.sorted { selection.precedes($0, $1) }.prefix(5))
    for (value, exact) in zip(result.values, expected) {
      #expect(abs(value - exact) <= 1e-8 * abs(exact), "\(selection): \(value) vs \(exact)")
    }
  }

  /// The Hessian block of the last layer, as an operator, has the spectrum of the submatrix.
  @Test func perLayerTopEigenvaluesMatchTheSubmatrix() throws {
    let f = Self.fixture
    let range = try f.op.parameterRange(layer: 3)
    #expect(range == 2000..<2099)
    var sub = Matrix(rows: range.count, columns: range.count)
    for (i, r) in range.enumerated() { for (j, c) in range.enumerated() { sub[i, j] = f.hessian[r, c] } }
    let exact = try sub.eigenDecomposition(order: .descending).values.elements
    let result = try Lanczos.eigenpairs(of: try f.op.layer(3), count: 3, selection: .largest)
    for (value, e) in zip(result.values, exact.prefix(3)) { #expect(abs(value - e) <= 1e-8 * abs(e)) }
  }

  @Test func traceAndDensityMatchTheFullSpectrum() throws {
    let f = Self.fixture
    let exactTrace = f.values.reduce(0, +)
    let t = try HutchinsonTrace.estimate(of: f.op, samples: 60, batch: 30, seed: 2)
    #expect(abs(t.estimate - exactTrace) <= 4 * t.standardError, "\(t.estimate) ± \(t.standardError) vs \(exactTrace)")
    let d = try StochasticLanczosQuadrature.density(of: f.op, options: SpectralDensityOptions(probes: 6, steps: 40))
    let m1 = d.moment(1)
    #expect(abs(m1.estimate - exactTrace / Double(f.values.count)) <= 4 * m1.standardError)
    // The extreme nodes approximate the extreme eigenvalues (Lanczos converges there first).
    let top = d.nodes.map { $0.last ?? 0 }.max() ?? 0
    #expect(abs(top - f.values.last!) <= 1e-6 * abs(f.values.last!))
  }
}
