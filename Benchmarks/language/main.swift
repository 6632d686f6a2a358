import BenchSupport
import Formula
import Foundation
import Language
import MathCore

/// Times `(1 - w1*w2)^2` on n×n grids through the path the `grid` builtin uses (the
/// compiled block program), and through the whole builtin call in a cell. Prints one
/// `name seconds` line per measurement (best of several repetitions). Also times a cell
/// that loops 10⁶ times over simple arithmetic, and a `map` of a closure over 10⁶ numbers
/// (the tree-walking statement path and the compiled-closure path).

let runtime = Runtime()
let host = DiscardingHost()
_ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2", host: host)
guard case .function(let f)? = runtime.globals["L"], let formula = f.formula else {
  fatalError("L did not compile to a formula")
}

for n in [200, 1000] {
  let xs = Vector.linspace(-2, 2, count: n).elements
  var checksum = 0.0
  let formulaTime = try secondsPerCall(repetitions: n == 200 ? 200 : 30) {
    checksum += try formula.grid(xs: xs, ys: xs).elements[n + 1]
  }
  let cellTime = try secondsPerCall(repetitions: n == 200 ? 200 : 30) {
    _ = try runtime.run("grid(L, w1: -2...2, w2: -2...2, n: \(n));", host: host)
  }
  print("saddle_formula_grid_\(n) \(formulaTime)")
  print("saddle_builtin_cell_\(n) \(cellTime)")
  if checksum.isNaN { print("impossible") }
}

let loopCell = "s = 0; for i in 1...1000000 { s = s + i }; s"
let loopTime = try secondsPerCall(repetitions: 5) { _ = try runtime.run(loopCell, host: host) }
guard case .number(500_000_500_000)? = try runtime.run(loopCell, host: host) else {
  fatalError("the loop cell computed a wrong sum")
}
print("saddle_loop_1e6 \(loopTime)")
let mapCell = "(1...1000000).map { x in x * x + 1 };"
let mapTime = try secondsPerCall(repetitions: 5) { _ = try runtime.run(mapCell, host: host) }
print("saddle_map_1e6 \(mapTime)")

/// How long a running loop takes to stop once the stop flag is set from another thread.
let stopper = Runtime()
let flag = stopper.cancellation
let setAt = ManagedAtomicTime()
DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
  setAt.mark()
  flag.set()
}
_ = try? stopper.run("n = 0; while true { n = n + 1 }", host: host)
print("saddle_loop_interrupt_latency \(setAt.secondsSince())")

/// The moment the flag was set, readable from the benchmark's thread.
final class ManagedAtomicTime: @unchecked Sendable {
  private let lock = NSLock()
  private var start = Date()
  func mark() { lock.withLock { start = Date() } }
  func secondsSince() -> Double { lock.withLock { Date().timeIntervalSince(start) } }
}
