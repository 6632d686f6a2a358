import MathCore

/// Loss, accuracy and gradient of a whole data set in precision `T`, in chunks of rows so
/// memory stays bounded (the chunks' shares of the mean add up; gradients accumulate).
struct NetworkEvaluation<T: NetScalar> {
  let model: MLP
  let features: [T]
  let targets: PassTargets<T>
  let labels: [Int]?
  let count: Int

  init(model: MLP, data: Dataset) {
    self.model = model
    features = data.features(as: T.self)
    targets = PassTargets(data.targets)
    if case .classes(let l, _) = data.targets { labels = l } else { labels = nil }
    count = data.count
  }

  /// The number of terms in the loss's mean over `rows` examples.
  func normaliser(rows: Int) -> Int {
    model.loss == .crossEntropy ? rows : rows * model.outputCount
  }

  /// Mean loss, correct predictions (0 for regression) and, when `gradient` is given, the
  /// gradient of the mean loss written into it.
  func run(
    parameters: UnsafePointer<T>, gradient: UnsafeMutablePointer<T>?, engine: Backprop<T>? = nil
  ) -> (loss: Double, correct: Int) {
    let pass =
      engine
      ?? Backprop<T>(
        layout: model.layout, activation: model.activation, loss: model.loss, capacity: min(count, 2048))
    var loss = 0.0
    var correct = 0
    features.withUnsafeBufferPointer { x in
      guard let base = x.baseAddress else { return }
      var start = 0
      while start < count {
        let rows = min(pass.capacity, count - start)
        pass.load(features: base, start: start, indices: nil, rows: rows)
        pass.forward(parameters, rows: rows)
        loss += pass.outputLoss(
          targets: targets, start: start, indices: nil, rows: rows, normaliser: normaliser(rows: count))
        if let labels { correct += pass.correct(labels: labels, start: start, indices: nil, rows: rows) }
        if let gradient { pass.backward(parameters, rows: rows, gradient: gradient, accumulate: start > 0) }
        start += rows
      }
    }
    return (loss, correct)
  }
}

extension MLP {
  /// Throws unless `data` fits this network: same feature count, targets the loss can use,
  /// labels within the outputs, at least one example.
  public func check(_ data: Dataset) throws {
    try checkFeatures(data)
    switch (data.targets, loss) {
    case (.regression, .crossEntropy):
      throw NetworkError.badTargets(
        "cross_entropy needs class labels, but \(data.name) has real-valued (regression) targets; use loss: \"mse\"")
    case (.regression, .meanSquaredError) where outputCount != 1:
      throw NetworkError.badTargets(
        "\(data.name) has one real target per example, but the network has \(outputCount) outputs; use 1")
    case (.classes(let labels, _), _):
      if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= outputCount }) {
        throw NetworkError.badTargets(
          "label \(labels[bad]) of example \(bad) is outside the network's \(outputCount) classes 0…\(outputCount - 1)")
      }
    default: break
    }
  }

  /// Throws unless `data` is non-empty with as many features as the network has inputs.
  func checkFeatures(_ data: Dataset) throws {
    guard data.count > 0 else { throw NetworkError.shapeMismatch("the data set \(data.name) is empty") }
    guard data.featureCount == inputCount else {
      throw NetworkError.shapeMismatch(
        "the data has \(data.featureCount) features per example (X is \(data.count)×\(data.featureCount)) but the "
          + "network takes \(inputCount) inputs (layers \(layerSizes.map(String.init).joined(separator: "-")))")
    }
  }

  /// The mean loss on `data`, in `Float64` (`loss(net, data)`).
  public func loss(on data: Dataset) throws -> Double {
    try evaluate(data, gradient: false).loss
  }

  /// The mean loss on `data` and its exact gradient with respect to `parameters` (reverse
  /// mode on BLAS, `Float64`).
  public func lossAndGradient(on data: Dataset) throws -> (loss: Double, gradient: [Double]) {
    try evaluate(data, gradient: true)
  }

  /// The fraction of examples whose largest output is at their label (`accuracy(net, data)`).
  public func accuracy(on data: Dataset) throws -> Double {
    try check(data)
    guard data.classCount != nil else {
      throw NetworkError.badTargets("accuracy needs class labels; \(data.name) has regression targets (use loss)")
    }
    let run = NetworkEvaluation<Double>(model: self, data: data)
    let correct = parameters.withUnsafeBufferPointer { run.run(parameters: $0.baseAddress!, gradient: nil).correct }
    return Double(correct) / Double(data.count)
  }

  private func evaluate(_ data: Dataset, gradient wanted: Bool) throws -> (loss: Double, gradient: [Double]) {
    try check(data)
    let run = NetworkEvaluation<Double>(model: self, data: data)
    var gradient = [Double](repeating: 0, count: wanted ? parameterCount : 0)
    let loss = parameters.withUnsafeBufferPointer { p in
      gradient.withUnsafeMutableBufferPointer { g in
        run.run(parameters: p.baseAddress!, gradient: wanted ? g.baseAddress : nil).loss
      }
    }
    return (loss, gradient)
  }

  /// The network's outputs for every example (N × outputs, `Float64`): logits for
  /// cross-entropy, values for mse.
  public func outputs(on data: Dataset) throws -> Matrix {
    try checkFeatures(data)
    let x = data.features(as: Double.self)
    let c = outputCount
    var out = [Double](repeating: 0, count: data.count * c)
    let pass = Backprop<Double>(
      layout: layout, activation: activation, loss: loss, capacity: min(max(data.count, 1), 2048))
    parameters.withUnsafeBufferPointer { p in
      x.withUnsafeBufferPointer { xb in
        var start = 0
        while start < data.count {
          let rows = min(pass.capacity, data.count - start)
          pass.load(features: xb.baseAddress!, start: start, indices: nil, rows: rows)
          pass.forward(p.baseAddress!, rows: rows)
          for i in 0..<(rows * c) { out[start * c + i] = pass.pre[layout.layerCount - 1][i] }
          start += rows
        }
      }
    }
    return Matrix(rows: data.count, columns: c, elements: out)
  }

  /// Predictions (`predict(net, data)`): class probabilities (softmax of the logits) for
  /// cross-entropy, output values for mse.
  public func predict(_ data: Dataset) throws -> Matrix {
    var z = try outputs(on: data)
    guard loss == .crossEntropy else { return z }
    let c = z.columns
    for r in 0..<z.rows {
      let row = (r * c)..<((r + 1) * c)
      let m = z.elements[row].max() ?? 0
      var s = 0.0
      for i in row {
        z.elements[i] = Double.exp(z.elements[i] - m)
        s += z.elements[i]
      }
      for i in row { z.elements[i] /= s }
    }
    return z
  }
}
