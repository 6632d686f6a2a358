import Formula
import Language
import MathCore
import Plot

/// Implementations of `surface`, `plot`, `scatter`, `bar` and `hist`.
extension PlotPack {
  /// Checks the wildcard range labels against the function's parameters (as `grid` does).
  static func twoParameterFunction(
    _ args: BoundArguments, _ function: ParameterKey<Value?>, _ name: String
  ) throws -> UserFunction {
    guard case .function(let f)? = args[function] else {
      throw args.error(
        function, "\(name) needs a function of two parameters, such as L(w1, w2) = (1 - w1*w2)^2", kind: .type)
    }
    guard f.parameters.count == 2 else {
      let hint = f.parameters.count == 1 ? "; for one parameter use plot(\(f.name), \(f.parameters[0]): a...b)" : ""
      throw args.error(
        function, "\(name) needs a function of two parameters, \(f.signature) has \(f.parameters.count)\(hint)",
        kind: .argument)
    }
    for (k, axis) in [axisX, axisY].enumerated() where args.wildcardLabel(axis) != f.parameters[k] {
      throw args.error(
        axis, "expected the label '\(f.parameters[k]):' (the parameters of \(f.signature), in order)",
        kind: .argument)
    }
    return f
  }

  static func surface(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let f = try twoParameterFunction(args, surfaceLoss, "surface")
    let (x, y) = (try PlotArguments.range(args, axisX), try PlotArguments.range(args, axisY))
    let n = args.integer(surfaceN)
    guard (2...1000).contains(n) else { throw args.error(surfaceN, "n must be between 2 and 1000") }
    guard f.formula != nil else {
      throw args.error(
        surfaceLoss, "\(f.signature) is not a scalar formula, so it cannot be drawn as a surface", kind: .type)
    }
    var fig = try PlotSurface.figure(f, x, y, n: n, log: args.bool(logScale), cancellation: ev.cancellation)
    try PlotArguments.applyLabels(args, to: &fig.main)
    return .custom(FigureValue(fig))
  }

  static func plot(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let items = (args[Self.items].map { [$0] } ?? []) + args.rest
    var fig: Figure
    if let runs = args[loss] {
      fig = try lossCurves(PlotArguments.items(runs), args)
    } else if case .table(let t)? = items.first {
      fig = try tableColumns(t, args)
    } else if case .function(let f)? = items.first {
      guard f.parameters.count == 1 else {
        throw args.error(
          Self.items,
          "plot(f, x: a...b) draws functions of one parameter; \(f.signature) has \(f.parameters.count)"
            + (f.parameters.count == 2 ? " (use surface)" : ""), kind: .argument)
      }
      guard args[curveRange] != nil else {
        throw args.error(Self.items, "give the range to draw, e.g. plot(\(f.name), x: -2...2)", kind: .argument)
      }
      fig = try PlotSurface.curve(f, try PlotArguments.range(args, curveRange))
    } else if let first = items.first, let base = PlotArguments.figure(first) {
      fig = base
      if items.count > 1 { fig.name = "\(base.name) with \(items.count - 1) run(s)" }
      try overlay(Array(items.dropFirst()), on: &fig, args)
    } else if items.first.flatMap(PlotArguments.points) != nil {
      fig = Figure(name: "trajectories")
      try overlay(items, on: &fig, args)
    } else {
      fig = try vectors(items, args)
    }
    if args.bool(logScale), args[loss] == nil { fig.main.yscale = .log }
    try PlotArguments.applyLabels(args, to: &fig.main)
    return .custom(FigureValue(fig))
  }

  private static func lossCurves(_ runs: [Value], _ args: BoundArguments) throws -> Figure {
    var fig = Figure(name: "loss curves")
    for (k, run) in runs.enumerated() {
      guard let loss = PlotArguments.loss(run) else {
        throw args.error(
          Self.loss, "loss: takes runs (values with a loss vector) or vectors, found a \(run.typeName)", kind: .type)
      }
      try PlotArguments.requireFinite(loss, args, Self.loss, "the loss of \(PlotArguments.runName(run, k))")
      let label = runs.count > 1 ? try seriesLabel(args, k) ?? PlotArguments.runName(run, k) : nil
      fig.main.add(.line(LineSeries(xs: PlotArguments.steps(run, count: loss.count), ys: loss, label: label)))
    }
    if args.bool(logScale) {
      guard runs.allSatisfy({ PlotArguments.loss($0)!.contains { $0 > 0 } }) else {
        throw args.error(logScale, "a log scale needs positive loss values")
      }
      fig.main.yscale = .log
      fig.main.gridAlpha = (0.5, 0.15)
    }
    (fig.main.xlabel, fig.main.ylabel) = ("step", "loss")
    if runs.count > 1 { fig.main.legend = LegendSpec() }
    return fig
  }

  /// The k-th name from `labels:` if given.
  private static func seriesLabel(_ args: BoundArguments, _ k: Int) throws -> String? {
    guard let v = args[labels] else { return nil }
    let names = PlotArguments.items(v)
    guard k < names.count, case .string(let s) = names[k] else {
      throw args.error(labels, "labels: must be a string per series, e.g. (\"gd\", \"momentum\")", kind: .type)
    }
    return s
  }

  private static func overlay(_ runs: [Value], on fig: inout Figure, _ args: BoundArguments) throws {
    fig.main.keepSurfaceLimits()
    for (k, run) in runs.enumerated() {
      // A matrix of points (one row per iterate, as `run.points`) is a path of its own:
      // a student's hand-written update loop draws over the contours like a run.
      if case .matrix(let path) = run, path.columns >= 2, path.rows >= 1 {
        try PlotArguments.requireFinite(path.elements, args, Self.items, "path \(k + 1)")
        PlotSurface.addTrajectory(path, label: try seriesLabel(args, k) ?? "path \(k + 1)", &fig.main)
        continue
      }
      guard let m = PlotArguments.points(run) else {
        throw LanguageError(
          .type,
          "plot(figure, runs...) needs runs with a points matrix, or such a matrix itself (one row per iterate), item \(k + 2) is a \(run.typeName)",
          at: args.callRange)
      }
      PlotSurface.addTrajectory(m, label: try seriesLabel(args, k) ?? PlotArguments.runName(run, k), &fig.main)
    }
    fig.main.legend = LegendSpec(location: .best, fontSize: 9)
  }

  /// `plot(y)` against the index, `plot(x, y)`, or `plot(x, y1, y2, …)` with a legend
  /// (names from `labels:`, else "series k").
  private static func vectors(_ items: [Value], _ args: BoundArguments) throws -> Figure {
    let vs = items.compactMap { v -> [Double]? in if case .vector(let x) = v { return x.elements } else { return nil } }
    guard !items.isEmpty, vs.count == items.count else {
      let found = items.isEmpty ? "" : " (found \(items.map(\.typeName).joined(separator: ", ")))"
      throw args.error(
        Self.items, "plot needs a function with a range, vectors, a figure and runs, or loss:\(found)",
        kind: .type)
    }
    let x = vs.count >= 2 ? vs[0] : vs[0].indices.map(Double.init)
    let series = vs.count >= 2 ? Array(vs.dropFirst()) : vs
    var fig = Figure(name: series.count == 1 ? "plot" : "plot of \(series.count) series")
    for (k, y) in series.enumerated() {
      guard x.count == y.count else {
        throw LanguageError(
          .shape, "plot(x, y…) needs vectors of equal length, x has \(x.count) and series \(k + 1) has \(y.count)",
          at: args.callRange)
      }
      try PlotArguments.requireFinite(y, args, Self.items, "series \(k + 1)")
      let label = series.count > 1 ? try seriesLabel(args, k) ?? "series \(k + 1)" : try seriesLabel(args, k)
      fig.main.add(.line(LineSeries(xs: x, ys: y, label: label)))
    }
    if series.count > 1 || args[labels] != nil { fig.main.legend = LegendSpec() }
    return fig
  }

  static func scatter(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let (x, y) = (args.vector(scatterX).elements, args.vector(scatterY).elements)
    guard x.count == y.count else {
      throw LanguageError(
        .shape, "scatter(x, y) needs vectors of equal length, got \(x.count) and \(y.count)", at: args.callRange)
    }
    var s = ScatterSeries(xs: x, ys: y)
    if args[color] != nil {
      let c = args.vector(color).elements
      guard c.count == x.count else {
        throw args.error(color, "color: needs one value per point (\(x.count))", kind: .shape)
      }
      s.values = c
    }
    s.alpha = 0.8
    s.edgeColor = .black
    s.edgeWidth = 0.5
    var fig = Figure(name: "scatter of \(x.count) points")
    fig.main.add(.scatter(s))
    try PlotArguments.applyLabels(args, to: &fig.main)
    return .custom(FigureValue(fig))
  }

  static func bar(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let rows: [[Double]]
    switch args[heights] {
    case .matrix(let m)?: rows = (0..<m.rows).map { m.row($0).elements }
    default: rows = [args.vector(heights).elements]
    }
    let groups = rows.first?.count ?? 0
    guard groups > 0 else { throw args.error(heights, "bar needs at least one value") }
    var fig = Figure(name: "bar chart")
    let width = 0.8 / Double(rows.count)
    for (k, heights) in rows.enumerated() {
      let offset = (Double(k) - Double(rows.count - 1) / 2) * width
      var b = BarSeries(xs: (0..<groups).map { Double($0) + offset }, heights: heights, width: width)
      if let v = args[series] {
        let names = PlotArguments.items(v)
        guard k < names.count, case .string(let s) = names[k] else {
          throw args.error(series, "series: needs one string per row (\(rows.count))", kind: .type)
        }
        b.label = s
      }
      fig.main.add(.bars(b))
    }
    if let v = args[labels] {
      let names = PlotArguments.items(v).compactMap { if case .string(let s) = $0 { s } else { nil } }
      guard names.count == groups else {
        throw args.error(labels, "labels: needs one string per group (\(groups))", kind: .shape)
      }
      fig.main.xticks = names.enumerated().map { (Double($0.offset), $0.element) }
    }
    if args[series] != nil { fig.main.legend = LegendSpec() }
    try PlotArguments.applyLabels(args, to: &fig.main)
    return .custom(FigureValue(fig))
  }

  static func hist(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let v = args.vector(histValues).elements.filter(\.isFinite)
    let count = args.integer(Self.bins)
    guard (1...1000).contains(count) else { throw args.error(Self.bins, "bins must be between 1 and 1000") }
    guard let h = Histogram(values: v, bins: count) else { throw args.error(histValues, "hist needs finite values") }
    var b = BarSeries(xs: h.centers, heights: h.counts, width: h.binWidth)
    b.edgeColor = .white
    var fig = Figure(name: "histogram of \(v.count) values")
    fig.main.add(.bars(b))
    fig.main.ylabel = "count"
    try PlotArguments.applyLabels(args, to: &fig.main)
    return .custom(FigureValue(fig))
  }
}
