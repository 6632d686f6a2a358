import Language
import MathCore
import Plot

/// The plot pack: the plotting builtins (one table entry each) and `FigureValue`, the figure
/// as a value; the session adds `entries` to the language's table. Other packs draw their
/// values' figures with `PlotSurface` and show them as `FigureValue`s.
public enum PlotPack {
  /// All plotting builtins, in documentation order.
  public static let entries: [Builtin] = [
    surfaceEntry, plotEntry, scatterEntry, barEntry, histEntry, quiverEntry, heatmapEntry, gridOfEntry,
    saveEntry,
  ]

  /// The parameters, each declared once and read by key (`args[bins]`).
  static let surfaceLoss = ParameterKey.positional("L", .function)
  static let field = ParameterKey.positional("F", .function)
  static let axisX = ParameterKey.parameter(PlotArguments.wildcard("x", "parameter 1"))
  static let axisY = ParameterKey.parameter(PlotArguments.wildcard("y", "parameter 2"))
  static let surfaceN = ParameterKey.integer("n", default: 200)
  static let quiverN = ParameterKey.integer("n", default: 15)
  static let logScale = ParameterKey.parameter(.labelled("log", .bool, default: .bool(false)))
  static let items = ParameterKey.parameter(PlotArguments.variadic("items"))
  static let curveRange = ParameterKey.labelled("x", .any).optional()
  static let loss = ParameterKey.labelled("loss", .any).optional()
  static let labels = ParameterKey.labelled("labels", .any).optional()
  static let scatterX = ParameterKey.positional("x", .vector)
  static let scatterY = ParameterKey.positional("y", .vector)
  static let color = ParameterKey.labelled("color", .vector).optional()
  static let heights = ParameterKey.positional("heights", .tensor)
  static let series = ParameterKey.labelled("series", .any).optional()
  static let histValues = ParameterKey.positional("values", .vector)
  static let bins = ParameterKey.integer("bins", default: 10)
  static let cells = ParameterKey.positional("values", .matrix)
  static let colormap = ParameterKey.parameter(.labelled("colormap", .string, default: .string("viridis")))
  static let figures = ParameterKey.positional("figures", .any)
  static let columns = ParameterKey.integer("columns", default: 2)
  static let figure = ParameterKey.positional("figure", .any)
  static let path = ParameterKey.positional("path", .string)
  static let scale = ParameterKey.number("scale", default: 1)

  static let surfaceEntry = Builtin(
    "surface",
    [
      surfaceLoss.parameter, axisX.parameter, axisY.parameter, surfaceN.parameter, logScale.parameter,
    ] + PlotArguments.labelParameters,
    returns: "figure",
    summary: """
      Filled contours and contour lines of a two-parameter function with a colour bar and its critical \
      points marked (minima ●, maxima ▲, saddles ×). Label the ranges with the parameter names; log: true \
      spaces the colours logarithmically so low-loss valleys stay visible.
      """,
    example: "L(w1, w2) = (1 - w1*w2)^2\nsurface(L, w1: -2...2, w2: -2...2)"
  ) { args, ev in try PlotPack.surface(args, ev) }

  static let plotEntry = Builtin(
    "plot",
    [
      items.parameter, curveRange.parameter, tableY.parameter, loss.parameter, logScale.parameter, labels.parameter,
    ] + PlotArguments.labelParameters,
    returns: "figure",
    summary: """
      Line plots: plot(f, x: a...b) draws a 1-D function with critical points marked; plot(x, y), plot(x, y1, y2, …) and \
      plot(y) draw vectors; plot(fig, run1, run2) draws runs' trajectories over a figure; \
      plot(loss: (run1, run2), log: true) draws loss curves; \
      plot(t, x: "batch", y: "test_accuracy") draws one column of a table against another.
      """,
    example: "f(x) = x^4 - 2*x^2\nplot(f, x: -2...2)"
  ) { args, ev in try PlotPack.plot(args, ev) }

  static let scatterEntry = Builtin(
    "scatter",
    [scatterX.parameter, scatterY.parameter, color.parameter]
      + PlotArguments.labelParameters,
    returns: "figure",
    summary: "Points (x[i], y[i]) as markers; color: a vector of values coloured with viridis.",
    example: "scatter(rand(50), rand(50), title: \"uniform\")"
  ) { args, ev in try PlotPack.scatter(args, ev) }

  static let barEntry = Builtin(
    "bar",
    [
      heights.parameter, labels.parameter, series.parameter,
    ]
      + PlotArguments.labelParameters,
    returns: "figure",
    summary: """
      Bars: a vector gives one bar per value; a matrix gives groups (one group per column, one coloured \
      series per row, names from series: ("train", "test")). labels: names the groups.
      """,
    example: "bar([[0.96, 0.99], [0.94, 0.96]], labels: (\"1\", \"8\"), series: (\"train\", \"test\"))"
  ) { args, ev in try PlotPack.bar(args, ev) }

  static let histEntry = Builtin(
    "hist",
    [histValues.parameter, bins.parameter]
      + PlotArguments.labelParameters,
    returns: "figure",
    summary: "A histogram of the values in equal-width bins over their range.",
    example: "hist(randn(1000), bins: 30)"
  ) { args, ev in try PlotPack.hist(args, ev) }

  static let quiverEntry = Builtin(
    "quiver",
    [
      field.parameter, axisX.parameter, axisY.parameter, quiverN.parameter,
    ] + PlotArguments.labelParameters,
    returns: "figure",
    summary: "Arrows of a vector field F(w1, w2) = [u, v] on an n×n grid, such as grad(L).",
    example: "L(w1, w2) = (1 - w1*w2)^2\nquiver(grad(L), w1: -2...2, w2: -2...2)"
  ) { args, ev in try PlotPack.quiver(args, ev) }

  static let heatmapEntry = Builtin(
    "heatmap",
    [cells.parameter, colormap.parameter]
      + PlotArguments.labelParameters,
    returns: "figure",
    summary: "A matrix as coloured cells (row 0 at the top), with a colour bar; colormap: viridis, magma or coolwarm.",
    example: "heatmap([[1, 2], [3, 4]])"
  ) { args, ev in try PlotPack.heatmap(args, ev) }

  static let gridOfEntry = Builtin(
    "grid_of",
    [figures.parameter, columns.parameter],
    returns: "figure",
    summary: "Several figures side by side in one figure: grid_of((fig1, fig2), columns: 2).",
    example: "f(x) = x^2\ngrid_of((plot(f, x: -1...1), plot(f, x: -2...2)), columns: 2)"
  ) { args, ev in try PlotPack.gridOf(args, ev) }

  static let saveEntry = Builtin(
    "save",
    [figure.parameter, path.parameter, scale.parameter],
    returns: "nothing",
    summary: "Writes a figure to a .png (at scale× resolution) or .svg file, relative to the current directory.",
    example: "f(x) = x^2\nsave(plot(f, x: -1...1), \"parabola.png\")"
  ) { args, ev in try PlotPack.save(args, ev) }
}
