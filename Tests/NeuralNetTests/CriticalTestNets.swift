import Foundation

@testable import NeuralNet

/// The curvature benchmark's data (64 points of x³/4 − x on [−2, 2] with noise 0.05) and a
/// tanh net of `sizes` trained on it as in the benchmark's study: 1,000 epochs of full-batch
/// gd (η = 0.1, Float64), initialisation and shuffling from `seed`.
func benchmarkCurveNet(_ sizes: [Int], seed: UInt64) throws -> (MLP, Dataset) {
  let data = try Dataset.curve(SyntheticOptions(count: 64, noise: 0.05, seed: 1), range: -2...2) { x in
    x * x * x / 4 - x
  }
  let net = try MLP(layerSizes: sizes, activation: .tanh, loss: .meanSquaredError, seed: seed)
  let options = FitOptions(optimizer: .gd(lr: 0.1), batch: .full, epochs: 1_000, seed: seed, precision: .float64)
  return (try net.fit(on: data, options: options).model, data)
}
