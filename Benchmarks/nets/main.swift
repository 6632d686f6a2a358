import BenchSupport
import CLapack
import Foundation
import MathCore
import NeuralNet
import Optim

/// Times `fit` of an MLP 784-128-10 ReLU (cross-entropy, SGD momentum 0.9, lr 0.05, Float32,
/// shuffled) on Fashion-MNIST: milliseconds per epoch of 60,000 examples at several batch
/// sizes (batch 1 on the first 6,000 examples, scaled by 10), and at full batch the GFLOP/s
/// reached against the same five `sgemm` calls alone. Prints `name seconds` lines.
/// With the argument `rss`: a 10-epoch fit at batch 256 and its peak resident memory.

let environment = ProcessInfo.processInfo.environment
let batches = (environment["NETS_BATCHES"] ?? "1 32 256 60000").split(separator: " ").compactMap { Int($0) }
let batchOneExamples = Int(environment["NETS_BATCH1_EXAMPLES"] ?? "") ?? 6000
let optimizer = Optimizer.momentum(lr: 0.05, lambda: 0.9)

func peakRSSMegabytes() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

/// Seconds per 60,000-example epoch at `batch`, wall and process CPU: the fastest epoch
/// after the first of a short fit (CPU time read at epoch ends, so the untrained model's
/// scoring is left out; CPU time is robust to other load on a shared machine).
func secondsPerEpoch(_ train: Dataset, batch: Int) throws -> (wall: Double, cpu: Double, TrainingRecord) {
  let data = batch == 1 ? try train.first(batchOneExamples) : train
  let epochs = batch >= 60_000 ? 5 : 2
  let model = try MLP(layerSizes: [784, 128, 10], activation: .relu, seed: 0)
  var ends = [Double]()
  let record = try model.fit(
    on: data, options: FitOptions(optimizer: optimizer, batch: .size(batch), epochs: epochs, seed: 0)
  ) { report in
    if report.completed != nil { ends.append(Double(clock()) / Double(CLOCKS_PER_SEC)) }
  }
  let scale = 60_000 / Double(data.count)
  let wall = (record.history.dropFirst(2).map(\.seconds).min() ?? .nan) * scale
  let cpu = (zip(ends.dropFirst(), ends).map { $0 - $1 }.min() ?? .nan) * scale
  return (wall, cpu, record)
}

/// The floating-point operations of one full-batch step on N examples: the forward products
/// of both layers, ∂W of both, and Δ₁ (the input layer's Δ is never formed).
func flops(_ n: Int) -> Double { 2 * Double(n) * Double(2 * 784 * 128 + 3 * 128 * 10) }

/// Seconds of the same five sgemm calls on random buffers, alone (fastest of 5).
func bareGemmSeconds(_ n: Int) -> Double {
  var rng = SeededGenerator(seed: 1)
  func buffer(_ count: Int) -> [Float] { (0..<count).map { _ in Float(rng.nextUniform()) } }
  let x = buffer(n * 784)
  let w1 = buffer(128 * 784)
  let w2 = buffer(10 * 128)
  var z1 = buffer(n * 128)
  var z2 = buffer(n * 10)
  var g1 = buffer(128 * 784)
  var g2 = buffer(10 * 128)
  var d1 = buffer(n * 128)
  return secondsPerCall(repetitions: 5) {
    Float.gemm(
      transposeA: false, transposeB: true, m: n, n: 128, k: 784, alpha: 1, a: x, lda: 784, b: w1, ldb: 784, beta: 0,
      c: &z1, ldc: 128)
    Float.gemm(
      transposeA: false, transposeB: true, m: n, n: 10, k: 128, alpha: 1, a: z1, lda: 128, b: w2, ldb: 128, beta: 0,
      c: &z2, ldc: 10)
    Float.gemm(
      transposeA: true, transposeB: false, m: 10, n: 128, k: n, alpha: 1, a: z2, lda: 10, b: z1, ldb: 128, beta: 0,
      c: &g2, ldc: 128)
    Float.gemm(
      transposeA: false, transposeB: false, m: n, n: 128, k: 10, alpha: 1, a: z2, lda: 10, b: w2, ldb: 128, beta: 0,
      c: &d1, ldc: 128)
    Float.gemm(
      transposeA: true, transposeB: false, m: 128, n: 784, k: n, alpha: 1, a: d1, lda: 128, b: x, ldb: 784, beta: 0,
      c: &g1, ldc: 784)
  }
}

let (train, test) = try FashionMNIST.load()
if CommandLine.arguments.dropFirst().first == "rss" {
  let model = try MLP(layerSizes: [784, 128, 10], activation: .relu, seed: 0)
  let record = try model.fit(
    on: train, options: FitOptions(optimizer: optimizer, batch: .size(256), epochs: 10, seed: 0, test: test))
  print("saddle_rss_mb \(peakRSSMegabytes())")
  let last = record.history.last
  print(
    "# saddle 10 epochs batch 256: test accuracy \(last?.testAccuracy ?? .nan), train loss \(last?.trainLoss ?? .nan)")
} else {
  for batch in batches {
    let (seconds, cpu, record) = try secondsPerEpoch(train, batch: batch)
    print("saddle_\(batch) \(seconds)")
    print("cpu_saddle_\(batch) \(cpu)")
    let last = record.history.last
    print("# saddle batch \(batch): train loss after the run \(last?.trainLoss ?? .nan), \(record.updates) updates")
    if batch >= 60_000 {
      let gemm = bareGemmSeconds(60_000)
      print("saddle_gflops \(flops(60_000) / seconds / 1e9)")
      print("sgemm_gflops \(flops(60_000) / gemm / 1e9)")
    }
  }
  print("# openblas threads \(openblas_get_num_threads())")
}
