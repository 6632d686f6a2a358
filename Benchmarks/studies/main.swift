import Dispatch
import Foundation
import MathCore
import NeuralNet
import Optim

/// The lecture's batch-size study on Fashion-MNIST: 784-128-10 relu, momentum (lr 0.05,
/// λ 0.9), batches 16…4096, as `batch_study` runs it; prints the per-batch table.
/// Usage: StudiesBenchmark [train] [test] [epochs] [seeds] [sharpness examples] [sb_lb]
func argument(_ i: Int, _ fallback: Int) -> Int {
  CommandLine.arguments.count > i ? Int(CommandLine.arguments[i]) ?? fallback : fallback
}
let (train, test) = try FashionMNIST.load(train: argument(1, 10_000), test: argument(2, 2_000))
let model = try MLP(layerSizes: [784, 128, 10], activation: .relu)
let options = BatchStudyOptions(
  batches: [16, 64, 256, 1024, 4096], seeds: argument(4, 2),
  fit: FitOptions(optimizer: .momentum(lr: 0.05, lambda: 0.9), epochs: argument(3, 10), test: test),
  sharpnessExamples: argument(5, 500))
let start = DispatchTime.now().uptimeNanoseconds
func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
func show(_ m: MeanStd?, _ scale: Double = 1) -> String {
  guard let m else { return "-" }
  return String(format: "%.4g", m.mean * scale) + (m.std.map { String(format: " ± %.2g", $0 * scale) } ?? "")
}
func table(_ study: BatchStudy) {
  print("# batch | updates | ms/update | s/epoch | train acc | test acc | train loss | test loss | λmax | ε-sharpness")
  for row in study.summaries {
    print(
      [
        "\(row.batch)", show(row.updates), show(row.secondsPerUpdate, 1000), show(row.secondsPerEpoch),
        show(row.trainAccuracy), show(row.testAccuracy), show(row.trainLoss), show(row.testLoss),
        show(row.sharpness), show(row.epsilonSharpness),
      ].joined(separator: " | "))
  }
  for run in study.runs {
    print(
      "# run batch \(run.batch) seed \(run.seed): \(String(format: "%.1f", run.seconds)) s, λmax "
        + String(
          format: "%.3f (residual %.1e, %d HVPs)", run.sharpness?.value ?? .nan, run.sharpness?.residual ?? .nan,
          run.sharpness?.products ?? 0))
  }
  print("study_seconds \(String(format: "%.1f", study.seconds))")
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  let cpu =
    Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    / 1e6
  print("cpu_seconds \(String(format: "%.1f", cpu))  # user + system of the whole process (load-independent)")
  print("# notes: \(study.notes)")
}
print(
  "# train \(train.count), test \(test.count), epochs \(options.fit.epochs), seeds \(options.seeds), λmax on \(options.sharpnessExamples)"
)
if argument(6, 0) == 1 {
  let c = try model.smallVersusLargeBatch(on: train, small: 256, large: .fraction(0.1), options: options)
  table(c.study)
} else {
  var seen = 0
  let study = try model.batchStudy(on: train, options: options) { p in
    guard p.finished > seen else { return }
    seen = p.finished
    print("# \(p.finished)/\(p.total) runs finished at \(String(format: "%.1f", elapsed())) s")
  }
  table(study)
}
