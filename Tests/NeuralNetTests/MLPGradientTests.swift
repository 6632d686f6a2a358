import Autodiff
import MathCore
import Testing

@testable import NeuralNet

/// Small random nets whose reverse-mode gradient (BLAS path) is checked against the dual
/// oracle (forward mode on the plain generic forward pass, exact to rounding) and against
/// central finite differences (rel 1e-6).
@Suite struct MLPGradientTests {
  /// A random network and data set for one activation, loss and bias setting.
  private func problem(_ activation: Activation, _ loss: LossKind, bias: Bool, regression: Bool, seed: UInt64)
    throws -> (MLP, Dataset)
  {
    var rng = SeededGenerator(seed: seed)
    let sizes = regression ? [2, 5, 4, 1] : [3, 4, 3]
    let n = 7
    let x = Matrix(rows: n, columns: sizes[0], elements: (0..<(n * sizes[0])).map { _ in rng.nextNormal() })
    let y = (0..<n).map { i in regression ? rng.nextNormal() : Double(i % 3) }
    let data = try Dataset.make(features: x, targets: Vector(y), kind: regression ? .regression : .classes)
    let net = try MLP(layerSizes: sizes, activation: activation, loss: loss, bias: bias, seed: seed)
    // Larger than the default init so every unit works in its curved range.
    return (try net.with(parameters: net.parameters.map { _ in 0.8 * rng.nextNormal() }), data)
  }

  private func dualGradient(_ net: MLP, _ data: Dataset) throws -> [Double] {
    try (0..<net.parameterCount).map { j in
      let seeded = net.parameters.enumerated().map { Dual<Double>($1, $0 == j ? 1 : 0) }
      return try net.oracleLoss(parameters: seeded, on: data).tangent
    }
  }

  private func finiteDifferenceGradient(_ net: MLP, _ data: Dataset, h: Double = 1e-5) throws -> [Double] {
    try (0..<net.parameterCount).map { j in
      var plus = net.parameters
      var minus = net.parameters
      plus[j] += h
      minus[j] -= h
      return (try net.with(parameters: plus).loss(on: data) - net.with(parameters: minus).loss(on: data)) / (2 * h)
    }
  }

  private func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    let diff = zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    return diff / max(b.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-300)
  }

  @Test(arguments: Activation.allCases)
  func gradientMatchesDualsAndFiniteDifferences(_ activation: Activation) throws {
    let cases: [(LossKind, Bool)] = [(.crossEntropy, false), (.meanSquaredError, false), (.meanSquaredError, true)]
    for (loss, regression) in cases {
      for bias in [true, false] {
        let (net, data) = try problem(activation, loss, bias: bias, regression: regression, seed: 11)
        let (value, gradient) = try net.lossAndGradient(on: data)
        let oracleValue: Double = try net.oracleLoss(parameters: net.parameters, on: data)
        #expect(abs(value - oracleValue) <= 1e-13 * max(1, abs(value)), "\(activation) \(loss)")
        let dual = try dualGradient(net, data)
        #expect(relativeError(gradient, dual) < 1e-12, "\(activation) \(loss) bias \(bias) vs duals")
        let fd = try finiteDifferenceGradient(net, data)
        #expect(relativeError(gradient, fd) < 1e-6, "\(activation) \(loss) bias \(bias) vs finite differences")
      }
    }
  }

  @Test(arguments: Activation.allCases)
  func oneExampleTakesTheMatrixVectorPathWithTheSameGradient(_ activation: Activation) throws {
    for (loss, regression) in [(LossKind.crossEntropy, false), (.meanSquaredError, true)] {
      let (net, data) = try problem(activation, loss, bias: true, regression: regression, seed: 12)
      let one = try data.first(1)
      let gradient = try net.lossAndGradient(on: one).gradient
      #expect(relativeError(gradient, try dualGradient(net, one)) < 1e-12, "\(activation) \(loss)")
    }
  }

  @Test func chunkedDataGivesTheSameGradient() throws {
    // 5,000 examples go through the evaluator in chunks of 2,048; one pass must agree.
    var rng = SeededGenerator(seed: 3)
    let n = 5000
    let x = Matrix(rows: n, columns: 2, elements: (0..<(2 * n)).map { _ in rng.nextNormal() })
    let data = try Dataset.make(features: x, targets: Vector((0..<n).map { Double($0 % 2) }))
    let net = try MLP(layerSizes: [2, 3, 2], activation: .tanh, seed: 5)
    let (loss, gradient) = try net.lossAndGradient(on: data)
    let whole = NetworkEvaluation<Double>(model: net, data: data)
    var g = [Double](repeating: 0, count: net.parameterCount)
    let engine = Backprop<Double>(layout: net.layout, activation: .tanh, loss: .crossEntropy, capacity: n)
    let (l2, _) = net.parameters.withUnsafeBufferPointer { p in
      g.withUnsafeMutableBufferPointer {
        whole.run(parameters: p.baseAddress!, gradient: $0.baseAddress, engine: engine)
      }
    }
    #expect(abs(loss - l2) < 1e-14)
    #expect(relativeError(gradient, g) < 1e-13)
  }

  @Test(arguments: [false, true])
  func softmaxCrossEntropyIsStableForHugeLogits(single: Bool) throws {
    // A 1→2 linear net with W = [1000, −1000] on x = 1 gives logits ±1000.
    let x = Matrix(rows: 1, columns: 1, elements: [1])
    let net = try MLP(layerSizes: [1, 2], bias: false).with(parameters: [1000, -1000])
    for (label, loss, grad) in [(0.0, 0.0, [0.0, 0.0]), (1.0, 2000.0, [1.0, -1.0])] {
      let data = try Dataset.make(features: x, targets: Vector([label]), kind: .classes)
      if single {
        let run = NetworkEvaluation<Float>(model: net, data: data)
        var g = [Float](repeating: .nan, count: 2)
        let p: [Float] = [1000, -1000]
        let value = p.withUnsafeBufferPointer { pb in
          g.withUnsafeMutableBufferPointer { run.run(parameters: pb.baseAddress!, gradient: $0.baseAddress).loss }
        }
        #expect(value == loss && g == grad.map(Float.init))
      } else {
        let (value, g) = try net.lossAndGradient(on: data)
        #expect(value == loss && g == grad)
      }
    }
  }

  @Test func predictGivesProbabilitiesAndAccuracyCountsArgmax() throws {
    let x = Matrix(rows: 3, columns: 1, elements: [1, -1, 2])
    let net = try MLP(layerSizes: [1, 2], bias: false).with(parameters: [1, -1])
    let data = try Dataset.make(features: x, targets: Vector([0, 0, 1]), kind: .classes)
    let p = try net.predict(data)
    let e = 1 / (1 + Double.exp(-2.0))
    #expect(abs(p[0, 0] - e) < 1e-15 && abs(p[1, 1] - e) < 1e-15)
    #expect(try net.outputs(on: data) == Matrix(rows: 3, columns: 2, elements: [1, -1, -1, 1, 2, -2]))
    #expect(try net.accuracy(on: data) == 1.0 / 3)
  }
}
