import Foundation
import Plot

/// The large-data cases of `run.sh` (issue 11, item 13): a line of 10⁶ points and a scatter of
/// 10⁶ markers, styled as the `plot` and `scatter` builtins draw them, on the builtins' default
/// 6.4×4.8 in canvas. The data are closed formulas that `mpl_bench.py large` computes the same
/// way (a fast sine plus a deterministic "noise" sine; a 2-D golden-ratio sequence).
enum LargeFigures {
  static let names = ["line_1e6", "scatter_1e6"]

  /// x = i/n, y = sin(40πx) + 0.3·sin(7919.3·i).
  static func lineData(_ n: Int) -> ([Double], [Double]) {
    let xs = (0..<n).map { Double($0) / Double(n) }
    let ys = (0..<n).map { i in sin(40 * Double.pi * Double(i) / Double(n)) + 0.3 * sin(7919.3 * Double(i)) }
    return (xs, ys)
  }

  /// The additive recurrence of the plastic number: points spread evenly over the unit square.
  static func scatterData(_ n: Int) -> ([Double], [Double]) {
    let (a, b) = (0.7548776662466927, 0.5698402909980532)
    let xs = (0..<n).map { (0.5 + a * Double($0)).truncatingRemainder(dividingBy: 1) }
    let ys = (0..<n).map { (0.5 + b * Double($0)).truncatingRemainder(dividingBy: 1) }
    return (xs, ys)
  }

  static func figure(_ k: Int, points n: Int) -> Figure {
    var fig = Figure(name: names[k])
    if k == 0 {
      let (xs, ys) = lineData(n)
      fig.main.add(.line(LineSeries(xs: xs, ys: ys)))
    } else {
      let (xs, ys) = scatterData(n)
      var s = ScatterSeries(xs: xs, ys: ys)
      s.alpha = 0.8
      s.edgeColor = .black
      s.edgeWidth = 0.5
      fig.main.add(.scatter(s))
    }
    return fig
  }
}
