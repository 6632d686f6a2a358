import Autodiff
import BenchSupport
import CalculusPack
import Formula
import Foundation
import Language
import MathCore

/// Times the exact Hessian of Rosenbrock at a point and the critical-point search on
/// Himmelblau in [-5, 5]², through the paths the builtins use (compiled formula trees over
/// hyper-dual numbers) and through whole cells. Prints one `name seconds` line per
/// measurement (best of several repetitions of a batch, divided by the batch size).

let interpreter = Runtime(builtins: BuiltinTable.shared.adding(CalculusPack.entries))
let host = DiscardingHost()
_ = try interpreter.run(
  "R(x, y) = (1 - x)^2 + 100*(y - x^2)^2\nH(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2", host: host)
guard case .function(let r)? = interpreter.globals["R"], let rosenbrock = r.formula,
  case .function(let h)? = interpreter.globals["H"], let himmelblau = h.formula
else { fatalError("the benchmark formulas did not compile") }

var sink = 0.0
let point = [-1.2, 1.0]
let hessianTime = secondsPerCall(batch: 100_000, repetitions: 7) {
  sink += rosenbrock.secondOrder(at: point).hessian[1]
}
let hessianCell = try secondsPerCall(batch: 2_000, repetitions: 5) {
  _ = try interpreter.run("hessian(R, at: [-1.2, 1]);", host: host)
}
var found = 0
let searchTime = secondsPerCall(batch: 5, repetitions: 5) {
  found = himmelblau.criticalPoints(in: [(-5, 5), (-5, 5)]).points.count
}
let searchCell = try secondsPerCall(batch: 3, repetitions: 3) {
  _ = try interpreter.run("critical_points(H, in: (-5...5, -5...5));", host: host)
}
print("saddle_hessian_rosenbrock \(hessianTime)")
print("saddle_hessian_cell \(hessianCell)")
print("saddle_critical_points_himmelblau \(searchTime)")
print("saddle_critical_points_cell \(searchCell)")
print("saddle_critical_points_found \(found)")
if sink.isNaN { print("impossible") }
