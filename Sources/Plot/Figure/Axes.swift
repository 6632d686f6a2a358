import Raster

/// Where a legend goes: a fixed corner, or `best` (the place covering the least data).
public enum LegendLocation: String, Sendable, CaseIterable {
  case best, upperRight, upperLeft, lowerLeft, lowerRight, right, centerLeft, centerRight
  case lowerCenter, upperCenter, center
}

/// A legend request: where, text size in points and column count.
public struct LegendSpec: Sendable {
  public var location = LegendLocation.best
  public var fontSize = 10.0
  public var columns = 1
  public init(location: LegendLocation = .best, fontSize: Double = 10, columns: Int = 1) {
    (self.location, self.fontSize, self.columns) = (location, fontSize, columns)
  }
}

/// A colour bar beside the axes, for a colour scale (with band boundaries for contours).
public struct ColorbarSpec: Sendable {
  public var scale: ColorScale
  /// Band boundaries of filled contours; nil for a continuous bar.
  public var levels: [Double]?
  public var label = ""
  public init(scale: ColorScale, levels: [Double]? = nil, label: String = "") {
    (self.scale, self.levels, self.label) = (scale, levels, label)
  }
}

/// One plot area: data artists, axis scales and limits, labels, legend and colour bar.
public struct Axes: Sendable {
  public var artists: [Artist] = []
  public var title = ""
  public var xlabel = "", ylabel = ""
  public var xlimits: ClosedRange<Double>?
  public var ylimits: ClosedRange<Double>?
  public var xscale = AxisScale.linear
  public var yscale = AxisScale.linear
  /// One data unit is as long on x as on y (the box shrinks, centred).
  public var equalAspect = false
  /// Grid line opacity for major (and, on log axes, minor) ticks; nil: no grid.
  public var gridAlpha: (major: Double, minor: Double)?
  public var legend: LegendSpec?
  public var colorbar: ColorbarSpec?
  /// Fixed x ticks with labels (bar charts by category).
  public var xticks: [(Double, String)]?

  public init() {}

  /// Adds an artist, giving lines, scatters and bars without a colour the next cycle colour.
  public mutating func add(_ artist: Artist) {
    var a = artist
    let next = PlotColor.cycle(cycleIndex)
    switch a {
    case .line(var l) where l.color == nil:
      l.color = next
      a = .line(l)
      cycleIndex += 1
    case .scatter(var s) where s.color == nil && s.values == nil:
      s.color = next
      a = .scatter(s)
      cycleIndex += 1
    case .bars(var b) where b.color == nil:
      b.color = next
      a = .bars(b)
      cycleIndex += 1
    default: break
    }
    artists.append(a)
  }

  /// The next colour of the property cycle (advanced by artists that take one).
  var cycleIndex = 0
}
