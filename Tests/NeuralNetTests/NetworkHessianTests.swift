import Autodiff
import MathCore
import Testing

@testable import NeuralNet

/// Exact Hessian-vector products and Hessians of networks (R-operator on BLAS) against the
/// hyper-dual oracle (forward-over-forward on the plain generic forward pass) and against
/// central finite differences of the exact gradient, plus closed forms and the lecture's
/// 1-1-1 example.
@Suite struct NetworkHessianTests {
  /// The oracle loss as a function Autodiff can differentiate twice.
  private struct OracleLoss: ScalarFunction {
    let net: MLP
    let data: Dataset
    var dimension: Int { net.parameterCount }
    func evaluate<S: Scalar>(_ x: [S]) -> S {
      // The data were checked when the problem was built.
      (try? net.oracleLoss(parameters: x, on: data)) ?? S(Double.nan)
    }
  }

  /// A random three-layer net (two hidden layers, so σ″ terms meet between layers) and data.
  private func problem(_ activation: Activation, _ loss: LossKind, bias: Bool, regression: Bool, seed: UInt64)
    throws -> (MLP, Dataset)
  {
    var rng = SeededGenerator(seed: seed)
    let sizes = regression ? [2, 4, 3, 1] : [3, 4, 3, 3]
    let n = 6
    let x = Matrix(rows: n, columns: sizes[0], elements: (0..<(n * sizes[0])).map { _ in rng.nextNormal() })
    let y = (0..<n).map { i in regression ? rng.nextNormal() : Double(i % 3) }
    let data = try Dataset.make(features: x, targets: Vector(y), kind: regression ? .regression : .classes)
    let net = try MLP(layerSizes: sizes, activation: activation, loss: loss, bias: bias, seed: seed)
    return (try net.with(parameters: net.parameters.map { _ in 0.8 * rng.nextNormal() }), data)
  }

  private func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let diff = zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    return diff / max(b.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-300)
  }

  /// (∇L(θ + hv) − ∇L(θ − hv)) / 2h from the exact (reverse-mode) gradient.
  private func finiteDifferenceHVP(_ net: MLP, _ data: Dataset, _ v: [Double], h: Double = 1e-5) throws -> [Double] {
    let plus = try net.with(parameters: zip(net.parameters, v).map { $0 + h * $1 }).lossAndGradient(on: data)
    let minus = try net.with(parameters: zip(net.parameters, v).map { $0 - h * $1 }).lossAndGradient(on: data)
    return zip(plus.gradient, minus.gradient).map { ($0 - $1) / (2 * h) }
  }

  @Test(arguments: Activation.allCases.filter(\.isSmooth))
  func hessianAndHVPMatchDualsAndFiniteDifferences(_ activation: Activation) throws {
    let cases: [(LossKind, Bool)] = [(.crossEntropy, false), (.meanSquaredError, false), (.meanSquaredError, true)]
    for (loss, regression) in cases {
      for bias in [true, false] {
        let label = "\(activation) \(loss) regression \(regression) bias \(bias)"
        let (net, data) = try problem(activation, loss, bias: bias, regression: regression, seed: 5)
        let p = net.parameterCount
        let h = try net.hessian(on: data)
        let oracle = Derivatives.hessian(OracleLoss(net: net, data: data), at: net.parameters).hessian
        #expect(relativeError(h.elements, oracle) < 1e-7, "\(label): Hessian vs duals")
        for i in 0..<p { for j in 0..<p { #expect(h[i, j] == h[j, i]) } }
        var rng = SeededGenerator(seed: 9)
        let v = (0..<p).map { _ in rng.nextNormal() }
        let hv = try net.hessianVectorProduct(v, on: data)
        let oracleHV = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + oracle[i * p + $1] * v[$1] } }
        #expect(relativeError(hv, oracleHV) < 1e-7, "\(label): HVP vs duals")
        #expect(relativeError(hv, try finiteDifferenceHVP(net, data, v)) < 1e-7, "\(label): HVP vs differences")
      }
    }
  }

  /// A block of directions gives the same products as one direction at a time, also when
  /// the data go through in several chunks of rows.
  @Test func blockProductsAgreeWithSingleProducts() throws {
    var rng = SeededGenerator(seed: 2)
    let n = 3000
    let x = Matrix(rows: n, columns: 3, elements: (0..<(3 * n)).map { _ in rng.nextNormal() })
    let data = try Dataset.make(features: x, targets: Vector((0..<n).map { Double($0 % 3) }), kind: .classes)
    let net = try MLP(layerSizes: [3, 40, 30, 3], activation: .tanh, loss: .crossEntropy, seed: 4)
    let op = try NetworkHessian(net, data: data)
    let p = op.dimension
    let count = 40
    let block = (0..<(count * p)).map { _ in rng.nextNormal() }
    let together = op.apply(block: block, count: count)
    for d in [0, 17, 33, 39] {
      let single = op.apply(Array(block[(d * p)..<((d + 1) * p)]))
      #expect(relativeError(Array(together[(d * p)..<((d + 1) * p)]), single) < 1e-12)
    }
  }

  /// The lecture's example: 1-1-1 linear net without biases on x = 1, y = 1, loss
  /// (w₁w₂ − 1)² (mse is the plain mean of squares, no ½), Hessian [[2w₂², 4w₁w₂ − 2],
  /// [4w₁w₂ − 2, 2w₁²]]: at the origin [[0, −2], [−2, 0]], eigenvalues ±2, minimum ratio 1/2.
  @Test func lectureOneOneOneLinearNetwork() throws {
    let data = try Dataset.make(
      features: Matrix(rows: 1, columns: 1, elements: [1]), targets: Vector([1]), kind: .regression)
    let base = try MLP(layerSizes: [1, 1, 1], activation: .linear, loss: .meanSquaredError, bias: false)
    let origin = try base.with(parameters: [0, 0])
    #expect(try origin.hessian(on: data).elements == [0, -2, -2, 0])
    let values = try origin.hessian(on: data).eigenDecomposition().values.elements
    #expect(values == [2, -2])
    let counts = try EigenvalueCounts(values: values, tolerance: 1e-12)
    #expect(counts.positive == 1 && counts.negative == 1 && counts.zero == 0)
    #expect(counts.minimumRatio == 0.5)
    let (w1, w2) = (0.3, -0.7)
    let h = try base.with(parameters: [w1, w2]).hessian(on: data).elements
    let exact = [2 * w2 * w2, 4 * w1 * w2 - 2, 4 * w1 * w2 - 2, 2 * w1 * w1]
    for (a, b) in zip(h, exact) { #expect(abs(a - b) < 1e-15) }
  }

  /// One linear layer with mse: L = (1/NC) Σ ‖W x + b − y‖², so with x̃ = (x, 1) the Hessian
  /// is 2/(NC) Σ x̃x̃ᵀ for each output's (W_j, b_j) and zero across outputs.
  @Test func linearLayerMatchesClosedForm() throws {
    var rng = SeededGenerator(seed: 6)
    let (n, d, c) = (9, 3, 2)
    let x = (0..<(n * d)).map { _ in rng.nextNormal() }
    let data = try Dataset.make(
      features: Matrix(rows: n, columns: d, elements: x), targets: Vector((0..<n).map { Double($0 % c) }),
      kind: .classes)
    let net = try MLP(layerSizes: [d, c], activation: .tanh, loss: .meanSquaredError, seed: 1)
    let h = try net.hessian(on: data)
    func index(_ output: Int, _ input: Int) -> Int { input == d ? c * d + output : output * d + input }
    func feature(_ row: Int, _ input: Int) -> Double { input == d ? 1 : x[row * d + input] }
    for j in 0..<c {
      for j2 in 0..<c {
        for i in 0...d {
          for i2 in 0...d {
            let exact =
              j == j2 ? 2 / Double(n * c) * (0..<n).reduce(0.0) { $0 + feature($1, i) * feature($1, i2) } : 0
            #expect(abs(h[index(j, i), index(j2, i2)] - exact) < 1e-14)
          }
        }
      }
    }
  }

  @Test func badInputsAreErrors() throws {
    let data = try Dataset.make(
      features: Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4]), targets: Vector([0, 1]), kind: .classes)
    let net = try MLP(layerSizes: [2, 3, 2], activation: .tanh, seed: 1)
    #expect(throws: NetworkError.self) { try net.hessianVectorProduct([1, 2], on: data) }
    let wide = try MLP(layerSizes: [2, 2000, 4], activation: .tanh, seed: 1)
    #expect {
      try wide.hessian(on: data)
    } throws: { error in
      "\(error)".contains("top_eigen") && "\(error)".contains("14004 parameters")
    }
    let stop = CancellationFlag()
    stop.set()
    #expect(throws: CancellationError.self) { try net.hessian(on: data, cancellation: stop) }
    let op = try NetworkHessian(net, data: data)
    #expect(throws: NetworkError.self) { try op.layer(0) }
    #expect(throws: NetworkError.self) { try op.layer(3) }
    #expect(try op.parameterRange(layer: 2) == 9..<17)
    let mismatched = try Dataset.make(
      features: Matrix(rows: 1, columns: 3, elements: [1, 2, 3]), targets: Vector([0]), kind: .classes)
    #expect(throws: NetworkError.self) { try NetworkHessian(net, data: mismatched) }
  }
}
