import Foundation

/// How an axis maps data to position.
public enum AxisScale: Sendable {
  case linear
  /// Base-10 logarithmic; limits must be positive.
  case log
}

/// One tick label, kept structured so each renderer can typeset it its own way.
public enum TickLabel: Equatable, Sendable {
  /// Plain text such as "0.25" or "−2" (Unicode minus).
  case plain(String)
  /// 10 raised to `exponent` (log axes).
  case powerOfTen(exponent: Int)

  /// The label as matplotlib writes it (mathtext for powers), for comparing with it.
  public var matplotlibText: String {
    switch self {
    case .plain(let s): return s
    case .powerOfTen(let e): return "$\\mathdefault{10^{\(e)}}$"
    }
  }

  /// The label for display with a Unicode font: "10⁻³" for powers of ten.
  public var displayText: String {
    switch self {
    case .plain(let s): return s
    case .powerOfTen(let e):
      let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
        "9": "⁹", "-": "⁻",
      ]
      return "10" + String(String(e).map { superscripts[$0] ?? $0 })
    }
  }
}

/// The major ticks of an axis: positions inside the view, their labels, and the offset
/// text matplotlib shows at the end of the axis (e.g. "1e−6", or "" when none).
public struct AxisTicks: Equatable, Sendable {
  public let values: [Double]
  public let labels: [TickLabel]
  public let offsetText: String

  /// matplotlib's default major ticks for view limits `limits` on an axis of `geometry`.
  /// Throws for a log axis whose limits are not both positive and finite.
  public static func automatic(
    scale: AxisScale, limits: ClosedRange<Double>, geometry: AxisGeometry
  ) throws(TickError) -> AxisTicks {
    switch scale {
    case .linear:
      let locator = MaxNLocator(geometry: geometry)
      let all = locator.tickValues(limits.lowerBound, limits.upperBound)
      let formatter = ScalarFormatter(locs: all, vmin: limits.lowerBound, vmax: limits.upperBound)
      let shown = all.filter { Self.contains(limits.lowerBound, limits.upperBound, $0) }
      return AxisTicks(
        values: shown, labels: shown.map { .plain(formatter.label($0)) },
        offsetText: formatter.offsetText)
    case .log:
      guard limits.lowerBound > 0, limits.upperBound.isFinite else {
        throw .nonPositiveLogLimits(limits.lowerBound, limits.upperBound)
      }
      let exponents = LogLocator(geometry: geometry).decades(limits.lowerBound, limits.upperBound)
      let (lo, hi) = (log10(limits.lowerBound), log10(limits.upperBound))
      let shown = exponents.filter { Self.contains(lo, hi, log10(pow(10, Double($0)))) }
      return AxisTicks(
        values: shown.map { pow(10, Double($0)) }, labels: shown.map { .powerOfTen(exponent: $0) },
        offsetText: "")
    }
  }

  /// Inclusive containment with a relative slack of 1e-10 of the interval (matplotlib's
  /// `_interval_contains_close`), so ticks at the very ends survive rounding.
  static func contains(_ a: Double, _ b: Double, _ v: Double) -> Bool {
    let (lo, hi) = a <= b ? (a, b) : (b, a)
    let slack = (hi - lo) * 1e-10
    return lo - slack <= v && v <= hi + slack
  }
}

/// Why ticks could not be computed.
public enum TickError: Error, Equatable, Sendable, CustomStringConvertible {
  case nonPositiveLogLimits(Double, Double)

  public var description: String {
    switch self {
    case .nonPositiveLogLimits(let a, let b):
      return "log axis limits must be positive and finite, got \(a)…\(b)"
    }
  }
}
