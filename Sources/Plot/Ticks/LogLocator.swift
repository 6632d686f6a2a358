import Foundation
import Raster

/// matplotlib's default major locator for log axes (`LogLocator(base 10, subs (1,))`,
/// numticks 'auto'), reimplemented: ticks at powers of ten, every `stride` decades so
/// that at most `clip(tickSpace, 2, 9)` fall inside the view.
struct LogLocator {
  let maxTicks: Int

  init(geometry: AxisGeometry) {
    maxTicks = min(max(geometry.tickSpace, 2), 9)
  }

  /// Decade exponents of the ticks (possibly one stride beyond each end of the view).
  /// Both limits must be positive; callers check.
  func decades(_ a: Double, _ b: Double) -> [Int] {
    let (vmin, vmax) = a <= b ? (a, b) : (b, a)
    let efmin = log10(vmin)
    let efmax = log10(vmax)
    let emin = Int(clamping: efmin, to: -400...400, rounding: .up, nan: 0)
    let emax = Int(clamping: efmax, to: -400...400, rounding: .down, nan: 0)
    let available = emax - emin + 1
    var request = maxTicks
    var stride = available / (request + 1) + 1
    let fitting = (available + stride - 1) / stride
    if fitting <= request { request = fitting }
    if request <= 0 {  // no decade inside: one just outside each end
      return [emin - 1, emax + 1]
    }
    if request == 1 {  // a single decade: place it near the centre
      let mid = Int(clamping: PythonArithmetic.round((efmin + efmax) / 2), to: -400...400, nan: 0)
      stride = max(mid - (emin - 1), (emax + 1) - mid)
      return [mid - stride, mid, mid + stride]
    }
    stride = (available - 1) / (request - 1)
    if Double(stride) < Double(available) / Double(request) { stride = available / request }
    let olo = max(available - stride * request, 0)
    let ohi = min(available - stride * (request - 1), stride)
    var offset = ((-emin) % stride + stride) % stride
    if !(olo <= offset && offset < ohi) { offset = olo }
    return Swift.stride(from: emin + offset - stride, through: emax + stride, by: stride).map { $0 }
  }
}
