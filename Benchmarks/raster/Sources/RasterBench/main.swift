// Times the same workloads as bench_agg.py, at 800×600 and 1600×1200 (2×), and prints
// one JSON object per line: {"case": …, "size": …, "ms": median of repeats}.
import Foundation
import Raster

/// Median wall time of `body` in milliseconds over `repeats` runs after one warm-up.
/// Only cases whose name contains $RASTER_BENCH_CASE run (all when unset), for profiling.
let only = ProcessInfo.processInfo.environment["RASTER_BENCH_CASE"]

func measure(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
  try body()
  var times: [Double] = []
  for _ in 0..<repeats {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  }
  return times.sorted()[times.count / 2]
}

/// A deterministic wiggly polyline of `n` points across the canvas (a loss curve).
func curve(_ n: Int, width: Double, height: Double, phase: Double) -> [Point] {
  (0..<n).map { i in
    let t = Double(i) / Double(n - 1)
    return Point(
      x: 40 + t * (width - 80), y: height / 2 + height * 0.35 * sin(t * 25 + phase) * exp(-t * 1.5))
  }
}

func run() throws {
  let font = try Font.dejaVuSans()
  for scale in [1.0, 2.0] {
    let (w, h) = (Int(800 * scale), Int(600 * scale))
    var pix = try Pixmap(width: w, height: h)
    let size = "\(w)x\(h)"
    func report(_ name: String, _ ms: @autoclosure () throws -> Double) rethrows {
      if let only, !name.contains(only) { return }
      let ms = try ms()
      print("{\"case\": \"\(name)\", \"size\": \"\(size)\", \"ms\": \(ms)}")
    }
    let lines = try (0..<10).map {
      try Path.polyline(curve(1000, width: Double(w), height: Double(h), phase: Double($0)))
    }
    let style = try StrokeStyle(width: 1.5 * scale, cap: .butt, join: .round)
    try report(
      "stroke 10×1000-pt lines",
      try measure(9) {
        pix.clear(.white)
        for (i, line) in lines.enumerated() {
          pix.stroke(line, color: Color(red: UInt8(i * 20), green: 100, blue: 180), style: style)
        }
      })
    let circles = try (0..<500).map { i in
      try Path.circle(
        center: Point(x: Double((i * 7919) % w), y: Double((i * 104_729) % h)), radius: 3 * scale)
    }
    try report(
      "fill 500 markers",
      try measure(9) {
        pix.clear(.white)
        for c in circles { pix.fill(c, color: Color(red: 31, green: 119, blue: 180, alpha: 200)) }
      })
    let big = try Path.circle(
      center: Point(x: Double(w) / 2, y: Double(h) / 2), radius: Double(h) * 0.45)
    try report(
      "fill large circle ×20",
      try measure(9) {
        pix.clear(.white)
        for _ in 0..<20 { pix.fill(big, color: Color(red: 255, green: 127, blue: 14, alpha: 60)) }
      })
    try report(
      "text 50 labels",
      try measure(9) {
        pix.clear(.white)
        for i in 0..<50 {
          try pix.draw(
            text: "loss 10⁻\(i % 9) θ η", font: font, size: 10 * scale * 96 / 72,
            at: Point(x: Double(20 + (i % 5) * 150) * scale, y: Double(30 + (i / 5) * 55) * scale),
            color: .black)
        }
      })
    var heat = [UInt8](repeating: 255, count: 200 * 200 * 4)
    for i in 0..<(200 * 200) {
      heat[i * 4] = UInt8(i % 200)
      heat[i * 4 + 1] = UInt8((i / 200) % 256)
    }
    let heatmap = try Pixmap(width: 200, height: 200, straightRGBA: heat)
    let fit = Transform.scale(x: Double(w) / 200, y: Double(h) / 200)!
    try report(
      "image 200² → canvas, bilinear",
      try measure(5) { try pix.draw(heatmap, transform: fit, filter: .bilinear) })
    try report(
      "image 200² → canvas, nearest",
      try measure(5) { try pix.draw(heatmap, transform: fit, filter: .nearest) })
    pix.clear(.white)
    for (i, line) in lines.enumerated() {
      pix.stroke(line, color: Color(red: UInt8(i * 20), green: 100, blue: 180), style: style)
    }
    for c in circles { pix.fill(c, color: Color(red: 31, green: 119, blue: 180, alpha: 200)) }
    let figure = pix
    var bytes = 0
    try report("PNG encode", try measure(5) { bytes = try PNGEncoder.encode(figure).count })
    print("{\"case\": \"PNG bytes\", \"size\": \"\(size)\", \"bytes\": \(bytes)}")
    try Data(PNGEncoder.encode(figure)).write(
      to: URL(fileURLWithPath: "/tmp/raster-bench-\(size).png"))
  }
}

try run()
