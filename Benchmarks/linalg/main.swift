import BenchSupport
import Dispatch
import Foundation
import MathCore

/// The 3000×3000 product (issue 11): the banded dgemm product against the former triple
/// loop (kept here as the reference, compiled with the same optimisation), and how soon a
/// stop request ends a product and a large eig. Prints one line per measurement; run.sh adds
/// numpy's time for the same product.
/// Each line as soon as it is measured (the former loop takes a while).
func report(_ line: String) {
  print(line)
  fflush(nil)
}
let n = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 3000
var g = SeededGenerator(seed: 1)
let a = Matrix(rows: n, columns: n, elements: (0..<(n * n)).map { _ in g.nextUniform() })

/// The product as it was before: i-k-j triple loop on the row-major storage.
func tripleLoop(_ x: Matrix, _ y: Matrix) -> Matrix {
  var out = Matrix(rows: x.rows, columns: y.columns)
  for i in 0..<x.rows {
    for k in 0..<x.columns {
      let s = x[i, k]
      for j in 0..<y.columns { out[i, j] += s * y[k, j] }
    }
  }
  return out
}

let banded = secondsPerCall(repetitions: 3) { _ = a.multiplied(by: a) }
report("dgemm banded product \(n)×\(n): \(String(format: "%.3f", banded)) s")
let single = secondsPerCall(repetitions: 3) { _ = try? a.multiplied(by: a, cancellation: nil, flopsPerBand: .infinity) }
report(
  "one dgemm call \(n)×\(n): \(String(format: "%.3f", single)) s (bands cost \(String(format: "%.0f", (banded / single - 1) * 100))%)"
)
// `… N noloop` skips the former loop (minutes on a loaded machine).
if !CommandLine.arguments.contains("noloop") {
  let loop = secondsPerCall(repetitions: 1) { _ = tripleLoop(a, a) }
  report(
    "former triple loop \(n)×\(n): \(String(format: "%.3f", loop)) s (dgemm \(String(format: "%.0f", loop / banded))× faster)"
  )
}

/// Seconds from a stop request (sent `delay` s after the start) to the call's return.
func stopLatency(delay: Double, _ body: @escaping (CancellationFlag) -> Void) -> Double {
  let flag = CancellationFlag()
  let start = DispatchTime.now().uptimeNanoseconds
  DispatchQueue.global().asyncAfter(deadline: .now() + delay) { flag.set() }
  body(flag)
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 - delay
}

let productStop = stopLatency(delay: 0.3) { flag in _ = try? a.multiplied(by: a, cancellation: flag) }
report("product stopped \(String(format: "%.0f", productStop * 1000)) ms after the request")

var symmetric = a
for i in 0..<n { for j in 0..<n { symmetric[i, j] = a[i, j] + a[j, i] } }
let eigStop = stopLatency(delay: 0.3) { flag in _ = try? symmetric.eigenDecomposition(cancellation: flag) }
report("eig stopped \(String(format: "%.0f", eigStop * 1000)) ms after the request")
