import Dispatch
import Foundation
import MathCore
import NeuralNet
import Optim

/// Times `criticalStudy` of 100 nets 1-10-10-1 tanh (P = 141) on 64 points of a curve, and
/// the full Hessian of an 8-32-20-1 tanh MLP (P = 969) on N = 1,000 examples.
/// Output lines: `key value` (seconds) and `# ` notes.
func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let curve = try Dataset.curve(SyntheticOptions(count: 64, noise: 0.05, seed: 1), range: -2...2) { x in
  x * x * x / 4 - x
}
let model = try MLP(layerSizes: [1, 10, 10, 1], activation: .tanh, loss: .meanSquaredError)
let options = CriticalStudyOptions(
  nets: CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100 : 100,
  fit: FitOptions(optimizer: .gd(lr: 0.1), batch: .full, epochs: 1_000, precision: .float64))
var study: CriticalStudy?
let studySeconds = try seconds {
  study = try model.criticalStudy(on: curve, options: options) { p in
    if CommandLine.arguments.count > 2 {
      print("# net", p.row.seed, p.row.critical.iterations, p.row.critical.stop, p.row.seconds)
    }
  }
}
if let study {
  print("study_seconds \(studySeconds)")
  let kinds = CriticalPointKind.allCases.map { "\($0.rawValue) \(study.count(of: $0))" }.joined(separator: ", ")
  print("# study: \(study.rows.count) nets, \(kinds)")
  let iterations = study.rows.map(\.critical.iterations)
  print(
    "# Levenberg–Marquardt iterations: mean \(Double(iterations.reduce(0, +)) / Double(iterations.count)), max \(iterations.max() ?? 0)"
  )
}

var rng = SeededGenerator(seed: 2)
let n = 1_000
let x = Matrix(rows: n, columns: 8, elements: (0..<(n * 8)).map { _ in rng.nextNormal() })
let y = Vector((0..<n).map { _ in rng.nextNormal() })
let data = try Dataset.make(features: x, targets: y, kind: .regression)
let big = try MLP(layerSizes: [8, 32, 20, 1], activation: .tanh, loss: .meanSquaredError, seed: 3)
_ = try big.hessian(on: data)
var best = Double.infinity
for _ in 0..<3 { best = min(best, try seconds { _ = try big.hessian(on: data) }) }
print("hessian_seconds \(best)")
print("# full Hessian: P = \(big.parameterCount), N = \(n), best of 3")
if CommandLine.arguments.count > 3, let row = study?.rows.first {
  print(
    "# trajectory",
    row.critical.gradientNormTrajectory.enumerated().filter { $0.offset % 10 == 0 }.map {
      String(format: "%.2e", $0.element)
    })
  print("# eig", (row.critical.eigenvalues ?? []).prefix(8), (row.critical.eigenvalues ?? []).suffix(3))
}
