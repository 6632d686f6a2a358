import MathCore
import Testing

@testable import NeuralNet

@Suite struct MLPTests {
  @Test func layoutFollowsTorchOrder() throws {
    let net = try MLP(layerSizes: [784, 128, 10])
    #expect(net.parameterCount == 101_770)
    let layout = net.layout
    #expect(layout.weightOffset(1) == 0 && layout.biasOffset(1) == 100_352)
    #expect(layout.weightOffset(2) == 100_480 && layout.biasOffset(2) == 101_760)
    let noBias = try MLP(layerSizes: [3, 4, 2], bias: false)
    #expect(noBias.parameterCount == 20 && noBias.layout.weightOffset(2) == 12)
  }

  @Test func torchInitialisationIsUniformWithinOneOverRootFanIn() throws {
    let net = try MLP(layerSizes: [784, 128, 10], seed: 1)
    let w1 = net.parameters[0..<100_352]
    let bound = 1 / 784.0.squareRoot()
    #expect(w1.allSatisfy { abs($0) <= bound })
    let variance = w1.map { $0 * $0 }.reduce(0, +) / Double(w1.count)
    #expect(abs(variance / (bound * bound / 3) - 1) < 0.02)
    let b2 = net.parameters[101_760...]
    #expect(b2.allSatisfy { abs($0) <= 1 / 128.0.squareRoot() } && Set(b2).count == 10)
    #expect(try MLP(layerSizes: [784, 128, 10], seed: 1) == net)
    #expect(try MLP(layerSizes: [784, 128, 10], seed: 2).parameters != net.parameters)
  }

  @Test func heAndXavierInitialisation() throws {
    let he = try MLP(layerSizes: [400, 300, 2], initialization: .he, seed: 3)
    let w = he.parameters[0..<120_000]
    let variance = w.map { $0 * $0 }.reduce(0, +) / Double(w.count)
    #expect(abs(variance / (2.0 / 400) - 1) < 0.02)
    #expect(he.parameters[120_000..<120_300].allSatisfy { $0 == 0 })
    let xavier = try MLP(layerSizes: [400, 300, 2], initialization: .xavier, seed: 3)
    let bound = (6.0 / 700).squareRoot()
    #expect(xavier.parameters[0..<120_000].allSatisfy { abs($0) <= bound })
    #expect(xavier.parameters[0..<120_000].contains { abs($0) > 0.95 * bound })
  }

  @Test func badModelsAreRefused() {
    #expect(throws: NetworkError.self) { try MLP(layerSizes: [3]) }
    #expect(throws: NetworkError.self) { try MLP(layerSizes: [3, 0, 2]) }
    #expect(throws: NetworkError.self) { try MLP(layerSizes: [3, 1], loss: .crossEntropy) }
    #expect(throws: NetworkError.self) { try MLP(layerSizes: [3, 2]).with(parameters: [1, 2]) }
  }

  /// mlp accepted up to 2²⁸ parameters (2 GB, several times over in training) unchecked:
  /// the parameter vector now passes the array-size check before anything is allocated.
  @Test func aNetworkTooLargeForMemoryIsRefusedWithTheSizeItWouldNeed() throws {
    do {
      _ = try MLP(layerSizes: [1 << 20, 1 << 20])
      Issue.record("a network of 2⁴⁰ parameters was accepted")
    } catch let error as NetworkError {
      #expect(
        error.description
          == "an MLP of layer sizes [1048576, 1048576] has 1099512676352 parameters: its parameter vector would be "
          + "1099512676352 elements and need 8.8 TB of memory; one array is limited to 10000000 elements (80 MB)")
    }
    #expect(throws: NetworkError.self) { try MLP(layerSizes: [4000, 2600]) }  // 10,402,600 parameters
    #expect(try MLP(layerSizes: [784, 128, 10]).parameterCount == 101_770)
  }

  @Test func dataThatDoesNotFitIsAClearError() throws {
    let net = try MLP(layerSizes: [3, 4, 2])
    let twoFeatures = try Dataset.make(features: Matrix(rows: 5, columns: 2), targets: Vector([0, 1, 0, 1, 0]))
    #expect(
      throws: NetworkError.shapeMismatch(
        "the data has 2 features per example (X is 5×2) but the network takes 3 inputs (layers 3-4-2)")
    ) { try net.loss(on: twoFeatures) }
    let labels = try Dataset.make(features: Matrix(rows: 3, columns: 3), targets: Vector([0, 2, 1]))
    #expect(
      throws: NetworkError.badTargets("label 2 of example 1 is outside the network's 2 classes 0…1")
    ) { try net.loss(on: labels) }
    let regression = try Dataset.make(features: Matrix(rows: 2, columns: 3), targets: Vector([0.5, 1]))
    #expect(throws: NetworkError.self) { try net.loss(on: regression) }
    let mse2 = try MLP(layerSizes: [3, 2], loss: .meanSquaredError)
    #expect(throws: NetworkError.self) { try mse2.loss(on: regression) }
    #expect(throws: NetworkError.self) { try net.accuracy(on: regression) }
    #expect(throws: NetworkError.self) { try net.outputs(on: twoFeatures) }
  }
}
