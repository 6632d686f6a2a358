import Foundation
import Raster

/// Marker shapes for lines and scatter plots (matplotlib's names in comments).
public enum Marker: String, Sendable, CaseIterable {
  case circle  // "o"
  case square  // "s"
  case cross  // "x"
  case plus  // "+"
  case star  // "*"
  case triangle  // "^"
  case diamond  // "D"
}

/// A line through data points, optionally with markers and direction arrows.
public struct LineSeries: Sendable {
  public var xs: [Double], ys: [Double]
  public var color: Color?
  /// Line width in points; 0 draws markers only.
  public var width = PlotStyle.lineWidth
  public var dashes: [Double] = []
  public var marker: Marker?
  /// Marker size in points (matplotlib's markersize).
  public var markerSize = PlotStyle.markerSize
  public var markerEdgeColor: Color?
  public var markerEdgeWidth = PlotStyle.markerEdgeWidth
  public var markerFill: Color?
  public var label: String?
  public var alpha = 1.0
  /// Arrowheads every this many points (0: none), pointing along the line.
  public var arrowEvery = 0
  public init(xs: [Double], ys: [Double], color: Color? = nil, label: String? = nil) {
    (self.xs, self.ys, self.color, self.label) = (xs, ys, color, label)
  }
}

/// Points drawn as markers; `sizes` are areas in points² (matplotlib's `s`).
public struct ScatterSeries: Sendable {
  public var xs: [Double], ys: [Double]
  public var size = 36.0
  public var color: Color?
  /// Per-point values mapped through `colormap` (overrides `color`).
  public var values: [Double]?
  public var colormap = Colormap.viridis
  public var alpha = 1.0
  public var edgeColor: Color?
  public var edgeWidth = 1.0
  public var marker = Marker.circle
  public var label: String?
  public init(xs: [Double], ys: [Double], color: Color? = nil, label: String? = nil) {
    (self.xs, self.ys, self.color, self.label) = (xs, ys, color, label)
  }
}

/// Values on a regular grid: `z[i][j]` at (xs[j], ys[i]).
public struct GridData: Sendable {
  public var xs: [Double], ys: [Double]
  public var z: [[Double]]
  public init(xs: [Double], ys: [Double], z: [[Double]]) { (self.xs, self.ys, self.z) = (xs, ys, z) }
}

/// How grid values become colours: a colormap over [low, high], linear or logarithmic.
public struct ColorScale: Sendable, Equatable {
  public var colormap: Colormap
  public var low: Double, high: Double
  public var log: Bool
  public init(colormap: Colormap = .viridis, low: Double, high: Double, log: Bool = false) {
    (self.colormap, self.low, self.high, self.log) = (colormap, low, high, log)
  }
  /// Position of `v` in [0, 1] along the scale (NaN outside a log scale's domain).
  public func fraction(_ v: Double) -> Double {
    if log {
      guard v > 0, low > 0 else { return .nan }
      return (log10(v) - log10(low)) / (log10(high) - log10(low))
    }
    return high == low ? 0.5 : ExtremeArithmetic.fraction(v, low, high)
  }
  public func color(_ v: Double) -> Color { colormap.color(at: fraction(v)) }
}

/// Filled contour bands between consecutive `levels`, coloured by the band's middle.
public struct FilledContour: Sendable {
  public var grid: GridData
  public var levels: [Double]
  public var scale: ColorScale
  /// Paint values below the first level with the first band (keeps low-loss regions visible).
  public var extendBelow = false
  public init(grid: GridData, levels: [Double], scale: ColorScale) {
    (self.grid, self.levels, self.scale) = (grid, levels, scale)
  }
}

/// Contour lines at `levels`.
public struct ContourLines: Sendable {
  public var grid: GridData
  public var levels: [Double]
  public var color: Color
  public var width = 0.8
  public var alpha = 1.0
  public init(grid: GridData, levels: [Double], color: Color = .white) {
    (self.grid, self.levels, self.color) = (grid, levels, color)
  }
}

/// A heat map: each grid value a rectangle of colour.
public struct Heatmap: Sendable {
  public var grid: GridData
  public var scale: ColorScale
  public init(grid: GridData, scale: ColorScale) { (self.grid, self.scale) = (grid, scale) }
}

/// Vertical bars centred at `xs` (bottom at `bottom`), optionally labelled with values.
public struct BarSeries: Sendable {
  public var xs: [Double], heights: [Double]
  public var width = 0.8
  public var bottom = 0.0
  public var color: Color?
  public var edgeColor: Color?
  public var label: String?
  /// printf-like decimals for value labels above the bars (nil: none).
  public var valueLabelDecimals: Int?
  public init(xs: [Double], heights: [Double], width: Double = 0.8, label: String? = nil) {
    (self.xs, self.heights, self.width, self.label) = (xs, heights, width, label)
  }
}

/// Arrows (u, v) at points (x, y), scaled so the longest is `maxLength` of the axes' width.
public struct QuiverField: Sendable {
  public var xs: [Double], ys: [Double], us: [Double], vs: [Double]
  public var color = PlotColor.cycle(0)
  public init(xs: [Double], ys: [Double], us: [Double], vs: [Double]) {
    (self.xs, self.ys, self.us, self.vs) = (xs, ys, us, vs)
  }
}

/// Text placed at a data point.
public struct Annotation: Sendable {
  public var text: String
  public var x: Double, y: Double
  public var color = Color.black
  public var size = PlotStyle.fontSize
  public init(_ text: String, x: Double, y: Double, color: Color = .black, size: Double = 10) {
    (self.text, self.x, self.y, self.color, self.size) = (text, x, y, color, size)
  }
}

/// Everything an axes can draw.
public enum Artist: Sendable {
  case line(LineSeries)
  case scatter(ScatterSeries)
  case filledContour(FilledContour)
  case contourLines(ContourLines)
  case heatmap(Heatmap)
  case bars(BarSeries)
  case quiver(QuiverField)
  case annotation(Annotation)
}
