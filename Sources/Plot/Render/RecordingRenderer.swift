import Raster

/// Records every operation instead of drawing, so tests can check layout (where ticks,
/// labels and legends went, which path pieces were drawn) without comparing pixels.
public final class RecordingRenderer: Renderer {
  /// One recorded drawing operation.
  public enum Operation: Sendable {
    case fill(Path, Color, clip: PlotRect?)
    case stroke(Path, Color, StrokeStyle, clip: PlotRect?)
    case text(String, Point, TextStyle)
    case image(width: Int, height: Int, rect: PlotRect)
  }

  public let width: Int
  public let height: Int
  public private(set) var operations: [Operation] = []

  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  public func fill(_ path: Path, color: Color, clip: PlotRect?, antialiased: Bool) {
    operations.append(.fill(path, color, clip: clip))
  }

  public func stroke(_ path: Path, color: Color, style: StrokeStyle, clip: PlotRect?) {
    operations.append(.stroke(path, color, style, clip: clip))
  }

  public func draw(text: String, at p: Point, style: TextStyle, clip: PlotRect?) {
    operations.append(.text(text, p, style))
  }

  public func draw(image: Pixmap, in rect: PlotRect, smooth: Bool, clip: PlotRect?) {
    operations.append(.image(width: image.width, height: image.height, rect: rect))
  }

  /// The texts drawn, in order, with their anchor points.
  public var texts: [(String, Point)] {
    operations.compactMap { if case .text(let s, let p, _) = $0 { return (s, p) } else { return nil } }
  }
}
