import Raster

/// Draws a vertical colour bar: bands for contour levels (or a smooth ramp), outline,
/// ticks and labels on the right, and the label rotated beside them.
struct ColorbarPainter {
  let spec: ColorbarSpec
  let box: PlotRect

  func draw(on r: Renderer, _ ctx: DrawContext) throws {
    var lo = spec.levels?.first ?? spec.scale.low
    var hi = spec.levels?.last ?? spec.scale.high
    let logScale = spec.scale.log && lo > 0 && lo < hi && hi.isFinite
    if !logScale {
      // A constant or non-finite range widens as matplotlib's colour bar does (±10 %).
      (lo, hi) = MaxNLocator.nonsingular(lo, hi, expander: 0.1, tiny: 1e-15)
    }
    let frame = AxesFrame(
      box: box, xview: 0...1, yview: lo...hi, xscale: .linear, yscale: logScale ? .log : .linear, px: ctx.px,
      dpi: ctx.dpi)
    if let levels = spec.levels {
      for k in 0..<max(levels.count - 1, 0) {
        let v = logScale ? (levels[k] * levels[k + 1]).squareRoot() : (levels[k] + levels[k + 1]) / 2
        let y0 = frame.y(levels[k + 1])
        let y1 = frame.y(levels[k])
        // Bands overlap by half a pixel so no background shows between them.
        if let p = try? Path.rectangle(x: box.x, y: y0 - 0.5, width: box.width, height: y1 - y0 + 0.5) {
          r.fill(p, color: spec.scale.color(v), clip: box)
        }
      }
    } else {
      var bytes: [UInt8] = []
      for i in 0..<256 {
        let c = spec.scale.colormap.color(at: 1 - (Double(i) + 0.5) / 256)
        bytes += [c.red, c.green, c.blue, 255]
      }
      let ramp = try Pixmap(width: 1, height: 256, straightRGBA: bytes)
      try r.draw(image: ramp, in: box, smooth: false, clip: nil)
    }
    let w = PlotStyle.spineWidth * ctx.px
    if let s = try? StrokeStyle(width: w),
      let p = try? Path.rectangle(
        x: PathCleaning.snap(box.x, width: w), y: PathCleaning.snap(box.y, width: w),
        width: (box.width).rounded(), height: (box.height).rounded())
    {
      r.stroke(p, color: .black, style: s, clip: nil)
    }
    try drawTicks(on: r, frame, ctx, lo: lo, hi: hi, log: logScale)
  }

  private func drawTicks(on r: Renderer, _ f: AxesFrame, _ ctx: DrawContext, lo: Double, hi: Double, log: Bool) throws {
    guard
      let g = AxisGeometry(orientation: .y, lengthPixels: box.height, fontSizePoints: PlotStyle.fontSize, dpi: ctx.dpi),
      let ticks = try? AxisTicks.automatic(scale: log ? .log : .linear, limits: lo...hi, geometry: g),
      let style = try? StrokeStyle(width: PlotStyle.majorTickWidth * ctx.px)
    else { return }
    let len = PlotStyle.majorTickLength * ctx.px
    var widest = 0.0
    var b = PathBuilder()
    for (v, label) in zip(ticks.values, ticks.labels) where f.y(v).isFinite {
      let y = PathCleaning.snap(f.y(v), width: style.width)
      try? b.move(to: Point(x: box.maxX, y: y))
      try? b.line(to: Point(x: box.maxX + len, y: y))
      let text = label.displayText
      widest = max(widest, ctx.width(text, PlotStyle.fontSize))
      try r.draw(
        text: text, at: Point(x: box.maxX + len + PlotStyle.tickPad * ctx.px, y: f.y(v)),
        style: TextStyle(size: PlotStyle.fontSize * ctx.px, horizontal: .left, vertical: .center), clip: nil)
    }
    if let p = try? b.build() { r.stroke(p, color: .black, style: style, clip: nil) }
    if !spec.label.isEmpty {
      let x = box.maxX + len + PlotStyle.tickPad * ctx.px + widest + PlotStyle.labelPad * ctx.px
      try r.draw(
        text: spec.label, at: Point(x: x, y: box.y + box.height / 2),
        style: TextStyle(size: PlotStyle.fontSize * ctx.px, horizontal: .center, vertical: .top, rotation: .vertical),
        clip: nil)
    }
  }
}
