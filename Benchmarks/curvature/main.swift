import Dispatch
import Foundation
import MathCore
import NeuralNet
import Optim

/// Times `criticalStudy` of 100 nets 1-10-10-1 tanh (P = 141) and of 50 nets 1-30-30-1 tanh
/// (P = 1,021) on 64 points of a curve, the full Hessian of an 8-32-20-1 tanh MLP (P = 969)
/// on N = 1,000 examples, and the top-5 Hessian eigenvalues of a 784-128-10 tanh net
/// (P = 101,770) on 2,000 Fashion-MNIST images by Lanczos.
/// Output lines: `key value` (seconds, counts) and `# ` notes. Arguments: a list of parts
/// (`study`, `large`, `hessian`, `lanczos`; default all).
func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func load() -> String {
  var averages = [Double](repeating: 0, count: 3)
  return getloadavg(&averages, 3) == 3 ? String(format: "%.1f", averages[0]) : "?"
}

let parts = Set(CommandLine.arguments.dropFirst())
func wanted(_ part: String) -> Bool { parts.isEmpty || parts.contains(part) }

let curve = try Dataset.curve(SyntheticOptions(count: 64, noise: 0.05, seed: 1), range: -2...2) { x in
  x * x * x / 4 - x
}

/// One study: wall and CPU time, the classification counts, and ‖∇L‖ of every net by decade.
func study(_ key: String, sizes: [Int], nets: Int) throws {
  let model = try MLP(layerSizes: sizes, activation: .tanh, loss: .meanSquaredError)
  let options = CriticalStudyOptions(
    nets: nets, fit: FitOptions(optimizer: .gd(lr: 0.1), batch: .full, epochs: 1_000, precision: .float64))
  let cpu = cpuSeconds()
  var result: CriticalStudy?
  let wall = try seconds { result = try model.criticalStudy(on: curve, options: options) }
  guard let result else { return }
  print("\(key)_seconds \(wall)")
  print("\(key)_cpu \(cpuSeconds() - cpu)")
  print("\(key)_reached \(result.rows.filter { $0.gradientNorm <= 1e-6 }.count)")
  print("\(key)_nets \(result.rows.count)")
  print("# \(key): \(sizes) P = \(model.parameterCount), \(nets) nets on 64 points, load average \(load())")
  let kinds = CriticalPointKind.allCases.map { "\($0.rawValue) \(result.count(of: $0))" }.joined(separator: ", ")
  print("#   \(kinds); gradient-flat \(result.rows.filter { $0.critical.isGradientFlat }.count)")
  let iterations = result.rows.map(\.critical.iterations)
  print(
    "#   iterations: mean \(Double(iterations.reduce(0, +)) / Double(max(1, iterations.count))), max \(iterations.max() ?? 0)"
      + "; Hessians: mean \(Double(result.rows.map(\.critical.hessians).reduce(0, +)) / Double(max(1, result.rows.count)))"
  )
  var decades = [Int: Int]()
  for row in result.rows {
    decades[Int(Foundation.floor(Foundation.log10(max(row.gradientNorm, 1e-300)))), default: 0] += 1
  }
  print("#   ‖∇L‖ by decade: " + decades.keys.sorted().map { "1e\($0): \(decades[$0]!)" }.joined(separator: ", "))
  let flatness = result.rows.compactMap(\.gradientFlatness).sorted()
  if !flatness.isEmpty {
    print(
      "#   ‖H∇L‖/‖∇L‖: median \(String(format: "%.1e", flatness[flatness.count / 2])), max \(String(format: "%.1e", flatness.last!))"
    )
  }
  print("#   ‖∇L‖ per net: " + result.rows.map { String(format: "%.1e", $0.gradientNorm) }.joined(separator: " "))
}

if wanted("study") { try study("study", sizes: [1, 10, 10, 1], nets: 100) }
if wanted("large") {
  try study("large", sizes: [1, 30, 30, 1], nets: Int(ProcessInfo.processInfo.environment["LARGE_NETS"] ?? "") ?? 50)
}

if wanted("hessian") {
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
  print("# full Hessian: P = \(big.parameterCount), N = \(n), best of 3, load average \(load())")
}

if wanted("lanczos") {
  let fashion = try FashionMNIST.load(train: 2_000, test: 1).train
  let net = try MLP(layerSizes: [784, 128, 10], activation: .tanh, loss: .crossEntropy, seed: 0)
  let op = try NetworkHessian(net, data: fashion)
  var result: LanczosEigenResult?
  let wall = try seconds {
    result = try Lanczos.eigenpairs(of: op, count: 5, selection: .largest, options: LanczosOptions(tolerance: 1e-6))
  }
  if let result {
    print("lanczos_seconds \(wall)")
    print("lanczos_steps \(result.operatorApplications)")
    print(
      "# Lanczos top 5 of 784-128-10 tanh (P = \(net.parameterCount)) on 2,000 images: "
        + result.values.map { String(format: "%.6g", $0) }.joined(separator: " ")
        + ", \(result.operatorApplications) HVPs, \(result.restarts) restarts, load average \(load())")
  }
}
