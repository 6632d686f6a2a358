import Foundation
import Raster

extension Axes {
  /// Lays the axes out in `slot` (its share of the figure) and draws it: grid, artists,
  /// spines, ticks, labels, title, legend and colour bar, in matplotlib's order.
  func draw(on r: Renderer, slot: PlotRect, _ ctx: DrawContext) throws {
    var box = slot
    var colorbarBox: PlotRect?
    if colorbar != nil {
      let cbSlotX = slot.x + slot.width * (1 - PlotStyle.colorbarFraction)
      box.width = slot.width * (1 - PlotStyle.colorbarFraction - PlotStyle.colorbarPad)
      colorbarBox = PlotRect(x: cbSlotX, y: slot.y, width: slot.height / PlotStyle.colorbarAspect, height: slot.height)
    }
    let (xv, yv) = viewLimits()
    if equalAspect, xscale == .linear, yscale == .linear {
      let dataRatio = (yv.upperBound - yv.lowerBound) / (xv.upperBound - xv.lowerBound)
      if dataRatio.isFinite, dataRatio > 0 {
        let right = box.maxX
        let midY = box.y + box.height / 2
        if box.height / box.width > dataRatio {
          let h = box.width * dataRatio
          box = PlotRect(x: box.x, y: midY - h / 2, width: box.width, height: h)
        } else {
          let w = box.height / dataRatio
          // Anchored right when a colour bar follows (matplotlib's panchor), else centred.
          let x = colorbar != nil ? right - w : box.x + (box.width - w) / 2
          box = PlotRect(x: x, y: box.y, width: w, height: box.height)
        }
        if let cb = colorbarBox {
          colorbarBox = PlotRect(x: cb.x, y: box.y, width: box.height / PlotStyle.colorbarAspect, height: box.height)
        }
      }
    }
    let frame = AxesFrame(box: box, xview: xv, yview: yv, xscale: xscale, yscale: yscale, px: ctx.px, dpi: ctx.dpi)
    let ticks = try AxesTicks(axes: self, frame: frame, ctx)
    if let g = gridAlpha { ticks.drawGrid(on: r, frame, major: g.major, minor: g.minor) }
    for a in artists {
      try ctx.checkCancelled()
      try a.draw(on: r, frame: frame, ctx)
    }
    drawSpines(on: r, frame)
    let extent = try ticks.drawTicksAndLabels(on: r, frame, ctx)
    try drawLabels(on: r, frame, ctx, tickExtent: extent)
    if let legend { try Legend(axes: self, spec: legend, ctx).draw(on: r, frame) }
    if let spec = colorbar, let cb = colorbarBox { try ColorbarPainter(spec: spec, box: cb).draw(on: r, ctx) }
  }

  private func drawSpines(on r: Renderer, _ f: AxesFrame) {
    let w = PlotStyle.spineWidth * f.px
    guard let style = try? StrokeStyle(width: w, cap: .square, join: .miter) else { return }
    let x0 = PathCleaning.snap(f.box.x, width: w)
    let x1 = PathCleaning.snap(f.box.maxX, width: w)
    let y0 = PathCleaning.snap(f.box.y, width: w)
    let y1 = PathCleaning.snap(f.box.maxY, width: w)
    let corners = [Point(x: x0, y: y0), Point(x: x1, y: y0), Point(x: x1, y: y1), Point(x: x0, y: y1)]
    if let path = try? Path.polyline(corners, closed: true) { r.stroke(path, color: .black, style: style, clip: nil) }
  }

  /// Axis labels and title; `tickExtent` is how far tick labels reach below and left of the
  /// box. A title that would overlap the y offset text moves up above it, as matplotlib's does.
  private func drawLabels(on r: Renderer, _ f: AxesFrame, _ ctx: DrawContext, tickExtent: AxesTicks.LabelExtent)
    throws
  {
    let size = PlotStyle.fontSize * f.px
    if !xlabel.isEmpty {
      try r.draw(
        text: xlabel,
        at: Point(x: f.box.x + f.box.width / 2, y: f.box.maxY + tickExtent.below + PlotStyle.labelPad * f.px),
        style: TextStyle(size: size, horizontal: .center, vertical: .top), clip: nil)
    }
    if !ylabel.isEmpty {
      try r.draw(
        text: ylabel,
        at: Point(x: f.box.x - tickExtent.left - PlotStyle.labelPad * f.px, y: f.box.y + f.box.height / 2),
        style: TextStyle(size: size, horizontal: .center, vertical: .bottom, rotation: .vertical), clip: nil)
    }
    if !title.isEmpty {
      let centre = f.box.x + f.box.width / 2
      var baseline = f.box.y - PlotStyle.titlePad * f.px
      if let offset = tickExtent.yOffset, centre - ctx.width(title, PlotStyle.titleSize) / 2 < offset.right {
        baseline = offset.top - PlotStyle.titlePad * f.px
      }
      try r.draw(
        text: title, at: Point(x: centre, y: baseline),
        style: TextStyle(size: PlotStyle.titleSize * f.px, horizontal: .center, vertical: .baseline), clip: nil)
    }
  }
}
