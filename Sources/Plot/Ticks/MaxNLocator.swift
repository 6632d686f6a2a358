import Foundation
import Raster

/// matplotlib's default linear locator (`AutoLocator`: `MaxNLocator` with nbins 'auto',
/// steps [1, 2, 2.5, 5, 10], min_n_ticks 2), reimplemented from its documented algorithm.
///
/// The range is scaled to a power of ten (with an offset for ranges far from zero), the
/// smallest "nice" step giving at most nbins intervals is chosen, and smaller steps are
/// tried if fewer than two ticks would fall inside the view.
struct MaxNLocator {
  let maxBins: Int
  static let steps: [Double] = [1, 2, 2.5, 5, 10]
  static let minTicks = 2

  init(geometry: AxisGeometry) {
    maxBins = min(max(geometry.tickSpace, 1), 9)
  }

  /// The extended staircase 0.1·steps[..<last], steps, 10·steps[1].
  static var extendedSteps: [Double] {
    Self.steps.dropLast().map { 0.1 * $0 } + Self.steps + [10 * Self.steps[1]]
  }

  /// Tick values covering [vmin, vmax] (possibly one step beyond each end).
  func tickValues(_ vmin: Double, _ vmax: Double) -> [Double] {
    let (lo, hi) = Self.nonsingular(vmin, vmax, expander: 1e-13, tiny: 1e-14)
    guard (hi - lo).isFinite else {
      // The width overflows (limits near ±1.8e308): find ticks for the range divided by a
      // power of ten, which keeps steps "nice", and scale them back (dropping any overflow).
      let s = Self.overflowScale
      return rawTicks(lo / s, hi / s).map { $0 * s }.filter(\.isFinite)
    }
    return rawTicks(lo, hi)
  }

  /// The divisor for ranges too wide to subtract: 10³ brings any finite width back in range.
  static let overflowScale = 1e3

  private func rawTicks(_ vmin: Double, _ vmax: Double) -> [Double] {
    let nbins = maxBins
    let (scale, offset) = Self.scaleRange(vmin, vmax, n: Double(nbins))
    let low = vmin - offset
    let high = vmax - offset
    let steps = Self.extendedSteps.map { $0 * scale }
    let rawStep = (high - low) / Double(nbins)
    let istep = steps.firstIndex { $0 >= rawStep } ?? steps.count - 1
    var ticks: [Double] = []
    for step in steps[...istep].reversed() {
      let bestMin = PythonArithmetic.floorDivide(low, step) * step
      let edge = EdgeInteger(step: step, offset: offset)
      let first = edge.le(low - bestMin)
      let last = edge.ge(high - bestMin)
      let count = Int(clamping: last - first, to: -1...9_999, nan: -1) + 1
      ticks = (0..<count).map { (first + Double($0)) * step + bestMin }
      let inside = ticks.filter { $0 <= high && $0 >= low }.count
      if inside >= Self.minTicks { break }
    }
    return ticks.map { $0 + offset }
  }

  /// Power-of-ten scale of the range per bin, and an offset when the range is far from 0.
  static func scaleRange(_ vmin: Double, _ vmax: Double, n: Double, threshold: Double = 100) -> (
    Double, Double
  ) {
    let dv = abs(vmax - vmin)
    let meanv = ExtremeArithmetic.midpoint(vmax, vmin)
    var offset = 0.0
    if abs(meanv) / dv >= threshold {
      offset = copysign(pow(10, PythonArithmetic.floorDivide(log10(abs(meanv)), 1)), meanv)
    }
    return (pow(10, PythonArithmetic.floorDivide(log10(dv / n), 1)), offset)
  }

  /// Widens degenerate or non-finite ranges (matplotlib's `transforms._nonsingular`).
  static func nonsingular(_ a: Double, _ b: Double, expander: Double, tiny: Double) -> (
    Double, Double
  ) {
    guard a.isFinite, b.isFinite else { return (-expander, expander) }
    var (vmin, vmax) = a <= b ? (a, b) : (b, a)
    let maxAbs = max(abs(vmin), abs(vmax))
    if maxAbs < (1e6 / tiny) * Double.leastNormalMagnitude {
      return (-expander, expander)
    }
    if vmax - vmin <= maxAbs * tiny {
      if vmax == 0 && vmin == 0 { return (-expander, expander) }
      vmin = ExtremeArithmetic.finite(vmin - expander * abs(vmin))
      vmax = ExtremeArithmetic.finite(vmax + expander * abs(vmax))
    }
    return (vmin, vmax)
  }
}

/// Integer multiples of a step with a tolerance that grows with the offset
/// (matplotlib's `_Edge_integer`), so precision loss does not add a spurious tick.
struct EdgeInteger {
  let step: Double
  let offset: Double

  init(step: Double, offset: Double) {
    self.step = step
    self.offset = abs(offset)
  }

  func closeTo(_ ms: Double, _ edge: Double) -> Bool {
    var tol = 1e-10
    if offset > 0 {
      let digits = log10(offset / step)
      tol = min(0.4999, max(1e-10, pow(10, digits - 12)))
    }
    return abs(ms - edge) < tol
  }

  /// The largest n with n·step ≤ x.
  func le(_ x: Double) -> Double {
    let (d, m) = PythonArithmetic.divmod(x, step)
    return closeTo(m / step, 1) ? d + 1 : d
  }

  /// The smallest n with n·step ≥ x.
  func ge(_ x: Double) -> Double {
    let (d, m) = PythonArithmetic.divmod(x, step)
    return closeTo(m / step, 0) ? d : d + 1
  }
}
