import Foundation
import Plot

/// Renders the five reference figures: `PlotBenchmark write DIR` saves 1× and 2× PNGs;
/// `PlotBenchmark time N` prints warm render+encode times (ms) and PNG sizes per figure;
/// `PlotBenchmark one KEY OUT` renders one figure at 1× (the whole-process measurement).
let args = CommandLine.arguments
do {
  switch args.count > 1 ? args[1] : "" {
  case "write":
    let dir = args.count > 2 ? args[2] : "."
    for (k, name) in ReferenceFigures.names.enumerated() {
      for scale in [1, 2] {
        let bytes = try ReferenceFigures.figure(k).png(scale: Double(scale))
        try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(name)_\(scale)x.png"))
      }
      try ReferenceFigures.figure(k).svg().write(toFile: "\(dir)/\(name).svg", atomically: true, encoding: .utf8)
    }
  case "time":
    let n = args.count > 2 ? Int(args[2]) ?? 5 : 5
    for (k, name) in ReferenceFigures.names.enumerated() {
      for scale in [1.0, 2.0] {
        var best = Double.infinity
        var size = 0
        for _ in 0..<n {
          let t0 = DispatchTime.now().uptimeNanoseconds
          size = try ReferenceFigures.figure(k).png(scale: scale).count
          best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print("\(name) \(Int(scale))x \(String(format: "%.2f", best)) \(size)")
      }
    }
  case "one":
    let k = ReferenceFigures.names.firstIndex { $0.hasPrefix(args[2]) } ?? 0
    try Data(try ReferenceFigures.figure(k).png(scale: args.count > 4 ? Double(args[4]) ?? 1 : 1))
      .write(to: URL(fileURLWithPath: args[3]))
  default:
    print("usage: PlotBenchmark write DIR | time N | one KEY OUT [SCALE]")
  }
} catch {
  print("error: \(error)")
  exit(1)
}
