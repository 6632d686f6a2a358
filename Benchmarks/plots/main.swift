import BenchSupport
import Foundation
import Plot
import Raster

/// Renders the five reference figures: `PlotBenchmark write DIR` saves 1× and 2× PNGs;
/// `svg DIR` saves SVGs; `levels` times render and encode per zlib level; `blank` times encoding a blank canvas;
/// `PlotBenchmark time N` prints warm render+encode times (ms) and PNG sizes per figure;
/// `PlotBenchmark one KEY OUT` renders one figure at 1× (the whole-process measurement);
/// `large N [POINTS]` times the 10⁶-point line and scatter (`LargeFigures`).
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
    }
  case "svg":
    let dir = args.count > 2 ? args[2] : "."
    for (k, name) in ReferenceFigures.names.enumerated() {
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
  case "levels":
    // Render and encode separately, for each zlib level (to choose the encoder setting).
    for (k, name) in ReferenceFigures.names.enumerated() {
      let fig = ReferenceFigures.figure(k)
      let (w, h) = fig.pixelSize(scale: 2)
      var t0 = DispatchTime.now().uptimeNanoseconds
      let r = try RasterRenderer(width: w, height: h)
      try fig.render(to: r, scale: 2)
      let renderMs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
      var line = "\(name) render \(String(format: "%.1f", renderMs))"
      for level in [1, 2, 3, 4, 6] {
        t0 = DispatchTime.now().uptimeNanoseconds
        let bytes = try PNGEncoder.encode(r.pixmap, level: Int32(level))
        line +=
          " L\(level) \(String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6))ms/\(bytes.count)"
      }
      print(line)
    }
  case "blank":
    var pix = try Pixmap(width: 1600, height: 1200)
    pix.clear(.white)
    for _ in 0..<3 {
      let t0 = DispatchTime.now().uptimeNanoseconds
      let n = try PNGEncoder.encode(pix, level: 1).count
      print("blank L1 \(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6) ms \(n)")
    }
  case "large":
    // `large N POINTS`: the 10⁶-point line and scatter (data built outside the timing), render +
    // PNG encode at 1× and 2×, best of N.
    let n = args.count > 2 ? Int(args[2]) ?? 3 : 3
    let points = args.count > 3 ? Int(args[3]) ?? 1_000_000 : 1_000_000
    for (k, name) in LargeFigures.names.enumerated() {
      let fig = LargeFigures.figure(k, points: points)
      for scale in [1.0, 2.0] {
        var size = 0
        let best = try secondsPerCall(repetitions: n) { size = try fig.png(scale: scale).count }
        print("\(name) \(Int(scale))x \(String(format: "%.2f", best * 1000)) \(size)")
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
