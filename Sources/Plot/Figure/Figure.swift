import Foundation
import Raster

/// A figure: a grid of axes on a canvas of `width`×`height` inches at `dpi`.
///
/// A value: building one only records what to draw; `render(to:scale:)` lays it out for a
/// canvas and draws through any `Renderer`, so PNG, SVG and test recordings share one layout.
public struct Figure: Sendable {
  public var width: Double
  public var height: Double
  public var dpi: Double
  public var rows: Int
  public var columns: Int
  /// Axes in row-major order, `rows × columns` of them.
  public var axes: [Axes]
  /// What the figure shows, for its text form ("surface of L").
  public var name: String

  /// A figure with one empty axes; 6.4×4.8 in at 100 dpi is matplotlib's default.
  public init(width: Double = 6.4, height: Double = 4.8, dpi: Double = 100, name: String = "figure") {
    self.init(width: width, height: height, dpi: dpi, rows: 1, columns: 1, name: name)
  }

  /// A figure with a grid of empty axes.
  public init(width: Double, height: Double, dpi: Double = 100, rows: Int, columns: Int, name: String) {
    precondition(rows >= 1 && columns >= 1, "a figure has at least one axes")
    (self.width, self.height, self.dpi, self.rows, self.columns, self.name) =
      (width, height, dpi, rows, columns, name)
    axes = Array(repeating: Axes(), count: rows * columns)
  }

  /// The first axes, for single-plot figures.
  public var main: Axes {
    get { axes[0] }
    set { axes[0] = newValue }
  }

  /// Canvas size in pixels at `scale` (1 = dpi, 2 = double resolution); sizes that are not
  /// finite count as 0 (and huge ones saturate), so the canvas refuses them with a message.
  public func pixelSize(scale: Double = 1) -> (width: Int, height: Int) {
    func pixels(_ inches: Double) -> Int {
      Int(clamping: inches * dpi * scale, to: 0...Int.saturationLimit, rounding: .toNearestOrAwayFromZero, nan: 0)
    }
    return (pixels(width), pixels(height))
  }

  /// Draws the whole figure on `renderer`, whose canvas should have `pixelSize(scale:)`.
  /// `isCancelled` is polled while drawing (every few thousand points or markers); when it
  /// turns true, drawing stops with `RasterError.cancelled`.
  public func render(to renderer: Renderer, scale: Double = 1, isCancelled: @escaping () -> Bool = { false }) throws {
    let canvasWidth = Double(renderer.width)
    let canvasHeight = Double(renderer.height)
    let ctx = try DrawContext(px: dpi * scale / 72, dpi: dpi * scale, isCancelled: isCancelled)
    let (l, r, b, t) = (
      PlotStyle.left * canvasWidth, PlotStyle.right * canvasWidth, (1 - PlotStyle.bottom) * canvasHeight,
      (1 - PlotStyle.top) * canvasHeight
    )
    // A colour bar's ticks and label sit right of its panel: give the gap room for them and
    // for the next panel's y label, so side-by-side surfaces never overlap.
    let wspace = columns > 1 && axes.contains { $0.colorbar != nil } ? PlotStyle.wspaceWithColorbar : PlotStyle.wspace
    let cellW = (r - l) / (Double(columns) + wspace * Double(columns - 1))
    let cellH = (b - t) / (Double(rows) + PlotStyle.hspace * Double(rows - 1))
    for (k, ax) in axes.enumerated() {
      let (i, j) = (k / columns, k % columns)
      let slot = PlotRect(
        x: l + Double(j) * cellW * (1 + wspace), y: t + Double(i) * cellH * (1 + PlotStyle.hspace),
        width: cellW, height: cellH)
      try ax.draw(on: renderer, slot: slot, ctx)
    }
  }

  /// PNG bytes at `scale` (2 for sharp notebook images, with a matching pHYs).
  ///
  /// zlib level 4: on figures (flat colour, filtered rows mostly zero) it is within 1–2 %
  /// of level 6's size and about 15 % faster (measured with `PlotBenchmark levels`).
  public func png(scale: Double = 1, isCancelled: @escaping () -> Bool = { false }) throws -> [UInt8] {
    let (w, h) = pixelSize(scale: scale)
    let r = try RasterRenderer(width: w, height: h)
    try render(to: r, scale: scale, isCancelled: isCancelled)
    return try PNGEncoder.encode(r.pixmap, dpi: dpi * scale, level: 4, isCancelled: isCancelled)
  }

  /// A standalone SVG 1.1 document of the figure at 1×.
  public func svg() throws -> String {
    let (w, h) = pixelSize()
    let r = try SVGRenderer(width: w, height: h)
    try render(to: r, scale: 1)
    return r.document()
  }
}

/// Per-render facts shared by the layout code: pixels per point, the font for metrics and
/// the caller's cancellation check.
struct DrawContext {
  let px: Double
  let dpi: Double
  let font: Font
  let isCancelled: () -> Bool

  init(px: Double, dpi: Double, isCancelled: @escaping () -> Bool = { false }) throws {
    (self.px, self.dpi, self.isCancelled) = (px, dpi, isCancelled)
    font = try Font.dejaVuSans()
  }

  /// Throws `RasterError.cancelled` once the caller asked to stop.
  func checkCancelled() throws(RasterError) {
    if isCancelled() { throw .cancelled }
  }

  /// Width of `text` at `points` size, in pixels.
  func width(_ text: String, _ points: Double) -> Double {
    (try? font.layout(text, size: points * px))?.width ?? 0
  }

  /// Line height (ascent + descent) at `points` size, in pixels.
  func lineHeight(_ points: Double) -> Double {
    guard let l = try? font.layout("Hg", size: points * px) else { return points * px * 1.2 }
    return l.ascent + l.descent
  }
}
