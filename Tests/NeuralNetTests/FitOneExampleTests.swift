import MathCore
import Optim
import Testing

@testable import NeuralNet

/// At batch 1 `fit` keeps the first layer's weight gradient as an outer product inside the
/// update (`Trainer+Update`); the result must be the one a materialised gradient gives, bit
/// for bit, for every optimizer and both precisions.
@Suite struct FitOneExampleTests {
  /// 30 examples of 4 features, a third of them exactly 0 (as an image's background is), the
  /// rest of both signs, in 3 classes.
  private func data() -> Dataset {
    var rng = SeededGenerator(seed: 11)
    let values = (0..<120).map { i in i % 3 == 0 ? 0 : 4 * rng.nextUniform() - 2 }
    let labels = (0..<30).map { _ in Int(rng.next() % 3) }
    return Dataset(
      name: "zeros", featureCount: 4, storage: .float64(values), targets: .classes(labels: labels, classCount: 3))
  }

  /// The same epochs written out with the engine and a dense `step`: shuffle, load, forward,
  /// loss, backward into the whole gradient, update.
  private func reference<T: NetScalar>(
    _ model: MLP, _ data: Dataset, _ options: FitOptions, as: T.Type
  ) -> [Double] {
    let train = NetworkEvaluation<T>(model: model, data: data)
    let engine = Backprop<T>(layout: model.layout, activation: model.activation, loss: model.loss, capacity: 1)
    let state = OptimizerState<T>(optimizer: options.optimizer, count: model.parameterCount)
    var theta = model.parameters.map { T($0) }
    var point = theta
    var gradient = [T](repeating: 0, count: theta.count)
    var order = Array(0..<data.count)
    var rng = SeededGenerator(seed: options.seed)
    for _ in 0..<options.epochs {
      rng.permute(&order)
      for k in 0..<data.count {
        train.features.withUnsafeBufferPointer { x in
          order.withUnsafeBufferPointer { perm in
            engine.load(features: x.baseAddress!, start: k, indices: perm.baseAddress! + k, rows: 1)
            theta.withUnsafeBufferPointer { t in
              point.withUnsafeMutableBufferPointer { state.lookAhead(parameters: t, into: $0) }
            }
            point.withUnsafeBufferPointer { p in
              engine.forward(p.baseAddress!, rows: 1)
              _ = engine.outputLoss(
                targets: train.targets, start: k, indices: perm.baseAddress! + k, rows: 1, normaliser: 1)
              gradient.withUnsafeMutableBufferPointer {
                engine.backward(p.baseAddress!, rows: 1, gradient: $0.baseAddress!, accumulate: false)
              }
            }
          }
        }
        theta.withUnsafeMutableBufferPointer { t in
          gradient.withUnsafeBufferPointer { state.step(parameters: t, gradient: $0) }
        }
      }
    }
    return theta.map { Double($0) }
  }

  static let optimizers: [Optimizer] = [
    .gd(lr: 0.1), .momentum(lr: 0.05, lambda: 0.9), .nesterov(lr: 0.05, lambda: 0.9),
    .adam(lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
  ]

  @Test(arguments: optimizers)
  func batchOneFitIsTheMaterialisedUpdateBitForBit(optimizer: Optimizer) throws {
    let data = data()
    for activation in [Activation.relu, .tanh] {
      let model = try MLP(layerSizes: [4, 5, 3], activation: activation, seed: 3)
      for precision in [TrainingPrecision.float32, .float64] {
        let options = FitOptions(optimizer: optimizer, batch: .size(1), epochs: 2, seed: 4, precision: precision)
        let record = try model.fit(on: data, options: options)
        let expected =
          precision == .float32
          ? reference(model, data, options, as: Float.self) : reference(model, data, options, as: Double.self)
        #expect(record.updates == 60 && record.stopReason == .finished)
        #expect(record.model.parameters == expected, "\(optimizer) \(activation) \(precision)")
        #expect(record.model.parameters != model.parameters)
      }
    }
  }
}
