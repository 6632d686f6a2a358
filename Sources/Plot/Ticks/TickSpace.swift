import Raster

/// Which axis of a plot ticks belong to; label room differs (matplotlib assumes labels
/// up to 3 em wide on x and 2 em apart on y).
public enum AxisOrientation: Sendable {
  case x
  case y
}

/// The physical facts a tick locator needs about an axis.
public struct AxisGeometry: Sendable, Equatable {
  public let orientation: AxisOrientation
  /// Axis length in device pixels.
  public let lengthPixels: Double
  /// Tick label font size in points.
  public let fontSizePoints: Double
  /// Pixels per inch of the figure.
  public let dpi: Double

  /// Creates a geometry; `nil` unless every quantity is finite and positive.
  public init?(
    orientation: AxisOrientation, lengthPixels: Double, fontSizePoints: Double, dpi: Double
  ) {
    guard lengthPixels.isFinite, lengthPixels > 0, fontSizePoints.isFinite, fontSizePoints > 0,
      dpi.isFinite, dpi > 0
    else { return nil }
    self.orientation = orientation
    self.lengthPixels = lengthPixels
    self.fontSizePoints = fontSizePoints
    self.dpi = dpi
  }

  /// How many ticks fit (matplotlib's `Axis.get_tick_space`): the axis length in points
  /// divided by 3 (x) or 2 (y) label font sizes, floored.
  var tickSpace: Int {
    let lengthPoints = lengthPixels / dpi * 72
    let size = fontSizePoints * (orientation == .x ? 3 : 2)
    let n = (lengthPoints / size).rounded(.down)
    return Int(clamping: n, to: 0...Int(Int32.max), nan: 0)
  }
}
