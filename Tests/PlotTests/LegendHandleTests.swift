import Plot
import Testing

/// A legend entry strokes like its line: a dashed line's entry is dashed, a solid one solid.
@Test func legendEntriesOfDashedLinesAreDashed() throws {
  var f = Figure()
  var dashed = LineSeries(xs: [0, 1, 2], ys: [0, 1, 0], color: PlotColor.cycle(0), label: "dashed")
  dashed.dashes = [3.7, 1.6]
  f.main.add(.line(dashed))
  f.main.add(.line(LineSeries(xs: [0, 1, 2], ys: [1, 0, 1], color: PlotColor.cycle(1), label: "solid")))
  let plotOnly = try f.svg()
  #expect(plotOnly.components(separatedBy: "stroke-dasharray").count - 1 == 1)
  f.main.legend = LegendSpec(location: .best, fontSize: 9)
  let svg = try f.svg()
  // The dashed line itself and its legend entry; the solid line and its entry carry none.
  #expect(svg.components(separatedBy: "stroke-dasharray").count - 1 == 2)
}
