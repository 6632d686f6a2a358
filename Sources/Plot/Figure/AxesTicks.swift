import Foundation
import Raster

/// The ticks of one axes: major positions and labels on both axes (matplotlib's default
/// locators through `AxisTicks`) and minor positions on log axes (2…9 × 10ᵏ).
struct AxesTicks {
  struct Axis {
    var major: [Double]
    var labels: [String]
    var minor: [Double]
    var offsetText: String
  }

  let x: Axis
  let y: Axis

  init(axes: Axes, frame f: AxesFrame, _ ctx: DrawContext) throws {
    func axis(_ o: AxisOrientation, _ scale: AxisScale, _ view: ClosedRange<Double>, _ length: Double) throws -> Axis {
      guard let g = AxisGeometry(orientation: o, lengthPixels: length, fontSizePoints: PlotStyle.fontSize, dpi: f.dpi)
      else { return Axis(major: [], labels: [], minor: [], offsetText: "") }
      let t = try AxisTicks.automatic(scale: scale, limits: view, geometry: g)
      if scale == .log, t.values.count < 2 {
        // Less than two decades in view: label the 1…9 × 10ᵏ ticks, as matplotlib labels
        // its minor ticks then, so a narrow log axis still reads.
        let labelled = Self.logSubdecadeTicks(view)
        if labelled.count >= 2 {
          return Axis(
            major: labelled.map(\.value), labels: labelled.map(\.label),
            minor: Self.logMinor(view).filter { v in !labelled.contains { $0.value == v } }, offsetText: "")
        }
        // Narrower still (within one 1…9 step): the linear locator's ticks read best.
        let linear = try AxisTicks.automatic(scale: .linear, limits: view, geometry: g)
        if linear.values.count >= 2 {
          return Axis(
            major: linear.values, labels: linear.labels.map(\.displayText), minor: [],
            offsetText: linear.offsetText)
        }
      }
      return Axis(
        major: t.values, labels: t.labels.map(\.displayText),
        minor: scale == .log ? Self.logMinor(view) : [], offsetText: t.offsetText)
    }
    var xa = try axis(.x, axes.xscale, f.xview, f.box.width)
    if let fixed = axes.xticks {
      xa = Axis(major: fixed.map(\.0), labels: fixed.map(\.1), minor: [], offsetText: "")
    }
    x = xa
    y = try axis(.y, axes.yscale, f.yview, f.box.height)
  }

  /// m × 10ᵏ inside a view of less than two decades, with their labels: every m = 1…9 when
  /// at most six fall inside, else m ∈ {1, 2, 5}.
  static func logSubdecadeTicks(_ view: ClosedRange<Double>) -> [(value: Double, label: String)] {
    let a = Int(clamping: log10(view.lowerBound), to: -400...400, rounding: .down, nan: 0)
    let b = Int(clamping: log10(view.upperBound), to: -400...400, rounding: .up, nan: 0)
    guard a <= b, b - a <= 3 else { return [] }
    func inside(_ ms: [Int]) -> [(value: Double, label: String)] {
      (a...b).flatMap { e in
        ms.compactMap { m -> (value: Double, label: String)? in
          let v = Double(m) * pow(10, Double(e))
          guard view.contains(v) else { return nil }
          let label =
            abs(e) <= 4
            ? String(format: "%g", v).replacingOccurrences(of: "-", with: "\u{2212}")
            : "\(m)×" + TickLabel.powerOfTen(exponent: e).displayText
          return (v, label)
        }
      }
    }
    let all = inside(Array(1...9))
    return all.count <= 6 ? all : inside([1, 2, 5])
  }

  /// 2…9 × 10ᵏ inside the view (matplotlib's minor log ticks), when at most 10 decades show.
  static func logMinor(_ view: ClosedRange<Double>) -> [Double] {
    let a = Int(clamping: log10(view.lowerBound), to: -400...400, rounding: .down, nan: 0)
    let b = Int(clamping: log10(view.upperBound), to: -400...400, rounding: .up, nan: 0)
    guard a <= b, b - a <= 10 else { return [] }
    var out: [Double] = []
    for e in a...b {
      for m in 2...9 {
        let v = Double(m) * pow(10, Double(e))
        if view.contains(v) { out.append(v) }
      }
    }
    return out
  }

  /// Grid lines at major (and minor) ticks, below the data.
  func drawGrid(on r: Renderer, _ f: AxesFrame, major: Double, minor: Double) {
    let gray = PlotColor.rgb(0xb0b0b0)
    for (values, alpha) in [(x.major, major), (x.minor, minor)] where alpha > 0 {
      lines(values.map { f.x($0) }, vertical: true, f, r, PlotColor.withAlpha(gray, alpha))
    }
    for (values, alpha) in [(y.major, major), (y.minor, minor)] where alpha > 0 {
      lines(values.map { f.y($0) }, vertical: false, f, r, PlotColor.withAlpha(gray, alpha))
    }
  }

  private func lines(_ at: [Double], vertical: Bool, _ f: AxesFrame, _ r: Renderer, _ color: Color) {
    let w = PlotStyle.gridWidth * f.px
    guard let style = try? StrokeStyle(width: w) else { return }
    var b = PathBuilder()
    for v in at where v.isFinite {
      let s = PathCleaning.snap(v, width: w)
      let (p, q) =
        vertical
        ? (Point(x: s, y: f.box.y), Point(x: s, y: f.box.maxY))
        : (Point(x: f.box.x, y: s), Point(x: f.box.maxX, y: s))
      try? b.move(to: p)
      try? b.line(to: q)
    }
    if let path = try? b.build() { r.stroke(path, color: color, style: style, clip: f.box) }
  }

  /// Outward tick marks and their labels; returns how far labels reach below and left.
  /// Where the labels reach: below and left of the box, and the box above the top-left
  /// corner the y axis's offset text ("1e-6+1") takes, if any, so the title can avoid it.
  struct LabelExtent {
    var below: Double, left: Double
    /// Right edge and top (pixels) of the y offset text; nil when there is none.
    var yOffset: (right: Double, top: Double)?
  }

  func drawTicksAndLabels(on r: Renderer, _ f: AxesFrame, _ ctx: DrawContext) throws -> LabelExtent {
    let px = f.px
    let majorLen = PlotStyle.majorTickLength * px
    let minorLen = PlotStyle.minorTickLength * px
    marks(x.major.map { f.x($0) }, along: .x, length: majorLen, width: PlotStyle.majorTickWidth * px, f, r)
    marks(x.minor.map { f.x($0) }, along: .x, length: minorLen, width: PlotStyle.minorTickWidth * px, f, r)
    marks(y.major.map { f.y($0) }, along: .y, length: majorLen, width: PlotStyle.majorTickWidth * px, f, r)
    marks(y.minor.map { f.y($0) }, along: .y, length: minorLen, width: PlotStyle.minorTickWidth * px, f, r)
    let size = PlotStyle.fontSize * px
    let gap = majorLen + PlotStyle.tickPad * px
    for (v, label) in zip(x.major, x.labels) where f.x(v).isFinite {
      try r.draw(
        text: label, at: Point(x: f.x(v), y: f.box.maxY + gap),
        style: TextStyle(size: size, horizontal: .center, vertical: .top), clip: nil)
    }
    var widest = 0.0
    for (v, label) in zip(y.major, y.labels) where f.y(v).isFinite {
      widest = max(widest, ctx.width(label, PlotStyle.fontSize))
      try r.draw(
        text: label, at: Point(x: f.box.x - gap, y: f.y(v)),
        style: TextStyle(size: size, horizontal: .right, vertical: .center), clip: nil)
    }
    var yOffset: (right: Double, top: Double)?
    if !y.offsetText.isEmpty {
      let bottom = f.box.y - 4 * px
      try r.draw(
        text: y.offsetText, at: Point(x: f.box.x, y: bottom),
        style: TextStyle(size: size, horizontal: .left, vertical: .bottom), clip: nil)
      yOffset = (f.box.x + ctx.width(y.offsetText, PlotStyle.fontSize), bottom - ctx.lineHeight(PlotStyle.fontSize))
    }
    if !x.offsetText.isEmpty {
      try r.draw(
        text: x.offsetText, at: Point(x: f.box.maxX, y: f.box.maxY + gap + ctx.lineHeight(PlotStyle.fontSize)),
        style: TextStyle(size: size, horizontal: .right, vertical: .top), clip: nil)
    }
    let below = x.labels.isEmpty ? majorLen : gap + ctx.lineHeight(PlotStyle.fontSize)
    return LabelExtent(below: below, left: y.labels.isEmpty ? majorLen : gap + widest, yOffset: yOffset)
  }

  private func marks(
    _ at: [Double], along o: AxisOrientation, length: Double, width: Double, _ f: AxesFrame, _ r: Renderer
  ) {
    guard let style = try? StrokeStyle(width: width) else { return }
    var b = PathBuilder()
    for v in at
    where v.isFinite && v >= (o == .x ? f.box.x : f.box.y) - 0.5 && v <= (o == .x ? f.box.maxX : f.box.maxY) + 0.5 {
      let s = PathCleaning.snap(v, width: width)
      switch o {
      case .x:
        let y0 = f.box.maxY
        try? b.move(to: Point(x: s, y: y0))
        try? b.line(to: Point(x: s, y: y0 + length))
      case .y:
        try? b.move(to: Point(x: f.box.x, y: s))
        try? b.line(to: Point(x: f.box.x - length, y: s))
      }
    }
    if let path = try? b.build() { r.stroke(path, color: .black, style: style, clip: nil) }
  }
}
