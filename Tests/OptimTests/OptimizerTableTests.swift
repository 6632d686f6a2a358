import MathCore
import Testing

@testable import Optim

private let samples: [Optimizer] = [
  .gd(lr: 0.05), .momentum(lr: 0.05, lambda: 0.9), .nesterov(lr: 0.01, lambda: 0.5),
  .adam(lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
]

@Test func everyOptimizerRoundTripsThroughItsTableRow() {
  #expect(OptimizerKind.allCases.map(\.spec.name) == ["gd", "momentum", "nesterov", "adam"])
  for o in samples {
    #expect(o.kind.spec.kind == o.kind)
    #expect(o.values.count == o.kind.spec.parameters.count)
    #expect(Optimizer(kind: o.kind, values: o.values) == o)
    let named = Dictionary(uniqueKeysWithValues: zip(o.kind.spec.parameters.map(\.name), o.values))
    #expect((try? Optimizer(kind: o.kind, named: named)) == o)
    #expect(o.kind.spec.parameters.first?.name == "lr" && o.learningRate == o.values[0])
  }
}

@Test func displayAndSignaturesComeFromTheTable() {
  let f: (Double) -> String = { NumberFormat.plain($0) }
  #expect(Optimizer.gd(lr: 0.05).description(f) == "gd(lr: 0.05)")
  #expect(Optimizer.momentum(lr: 0.05, lambda: 0.9).description(f) == "momentum(lr: 0.05, lambda: 0.9)")
  #expect(
    Optimizer.adam(lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8).description(f)
      == "adam(lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-08)")
  #expect(OptimizerKind.momentum.spec.signature == "momentum(lr:, lambda:)")
  #expect(OptimizerKind.adam.spec.signature == "adam(lr:, beta1:, beta2:, epsilon:)")
}

@Test func namedHyperParametersTakeDefaultsAndReportProblemsByName() throws {
  #expect(try Optimizer(kind: .adam, named: ["lr": 0.1]) == .adam(lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
  #expect(try Optimizer(kind: .adam, named: [:]).learningRate == 0.001)
  #expect(try Optimizer(kind: .momentum, named: ["lr": 0.2]) == .momentum(lr: 0.2, lambda: 0.9))
  #expect(throws: OptimizerError("gd needs lr: gd(lr:)", parameter: "lr")) {
    try Optimizer(kind: .gd, named: [:])
  }
  #expect(throws: OptimizerError("gd has no hyper-parameter lambda; it takes gd(lr:)", parameter: "lambda")) {
    try Optimizer(kind: .gd, named: ["lr": 0.1, "lambda": 0.5])
  }
  #expect(
    throws: OptimizerError("lambda must be in [0, 1), the fraction of m kept per step", parameter: "lambda")
  ) {
    try Optimizer(kind: .nesterov, named: ["lr": 0.1, "lambda": 1])
  }
  #expect(throws: OptimizerError("the learning rate lr must be a finite number > 0", parameter: "lr")) {
    try Optimizer(kind: .momentum, named: ["lr": .infinity])
  }
}

@Test func validationMessagesAreTheTablesInParameterOrder() {
  #expect(Optimizer.gd(lr: -1).problem == "the learning rate lr must be a finite number > 0")
  #expect(
    Optimizer.momentum(lr: 0.1, lambda: -0.1).problem == "lambda must be in [0, 1), the fraction of m kept per step")
  #expect(Optimizer.momentum(lr: 0, lambda: 2).problem == "the learning rate lr must be a finite number > 0")
  #expect(
    Optimizer.adam(lr: 0.1, beta1: 0.9, beta2: 1, epsilon: 1e-8).problem
      == "beta2 must be in [0, 1), the decay of the running mean of g²")
  #expect(
    Optimizer.adam(lr: 0.1, beta1: .nan, beta2: 0.5, epsilon: 1e-8).problem?.hasPrefix("beta1 must be in [0, 1)")
      == true)
  #expect(Optimizer.adam(lr: 0.1, beta1: 0.9, beta2: 0.5, epsilon: 0).problem == "epsilon must be a finite number > 0")
  for o in samples { #expect(o.problem == nil) }
  for p in OptimizerKind.allCases.flatMap(\.spec.parameters) {
    #expect(p.problem(.nan) == p.violation)
    if let d = p.defaultValue { #expect(p.problem(d) == nil, "\(p.name)") }
  }
}
