import BenchSupport
import DescentPack
import Foundation
import Language
import Optim

/// Times 10,000 steps of gd and of momentum on the lecture's loss (1 − w1·w2)² from
/// (0.5, −0.3), η = 0.05, λ = 0.9, through whole cells (`gd(L, from:, lr:, steps:)`), so
/// parsing, the compiled forward-mode tape, the loop and building the run value are all
/// included. Prints one `name seconds` line per measurement (fastest of several runs) and
/// the endpoints for a cross-check with the peers.

let runtime = Runtime(builtins: BuiltinTable.shared.adding(DescentPack.entries))
let host = DiscardingHost()
_ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2", host: host)
let cells = [
  ("gd", "gd(L, from: [0.5, -0.3], lr: 0.05, steps: 10000)"),
  ("momentum", "momentum(L, from: [0.5, -0.3], lr: 0.05, lambda: 0.9, steps: 10000)"),
]
for (name, cell) in cells {
  let seconds = try secondsPerCall(repetitions: 20) { _ = try runtime.run(cell + ";", host: host) }
  print("saddle_\(name) \(seconds)")
  if case .custom(let run)? = try runtime.run(cell, host: host), case .vector(let v)? = run.member("final") {
    print("# saddle \(name) endpoint \(v.elements)")
  }
}

/// One optimizer step on 100,000 Float parameters (`OptimizerState<Float>`, as a network's
/// training takes one per mini-batch), per step.
let parameterCount = 100_000
var generator = SystemRandomNumberGenerator()
let gradient = (0..<parameterCount).map { _ in Float.random(in: -1...1, using: &generator) }
var parameters = [Float](repeating: 0, count: parameterCount)
for (name, optimizer) in [
  ("momentum", Optimizer.momentum(lr: 0.01, lambda: 0.9)),
  ("adam", Optimizer.adam(lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)),
] {
  let state = OptimizerState<Float>(optimizer: optimizer, count: parameterCount)
  let seconds = secondsPerCall(batch: 100, repetitions: 5) {
    parameters.withUnsafeMutableBufferPointer { p in
      gradient.withUnsafeBufferPointer { state.step(parameters: p, gradient: $0) }
    }
  }
  print("saddle_step_\(name) \(seconds)")
}
