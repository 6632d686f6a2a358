import Language
import Plot

/// `plot(t, x: "batch", y: "test_accuracy")`: one column of a table against another, as a
/// line with a marker at each row (tables hold few rows: one per experiment), the axes
/// labelled with the column names. `y:` may list several columns, which share the axes
/// and get a legend.
extension PlotPack {
  static let tableY = ParameterKey.labelled("y", .any).optional()

  static func tableColumns(_ t: TableValue, _ args: BoundArguments) throws -> Figure {
    guard case .string(let xName)? = args[curveRange] else {
      throw args.error(
        curveRange,
        "plot(t, x: \"column\", y: \"column\") names the columns to draw; columns: \(t.names.joined(separator: ", "))",
        kind: .argument)
    }
    let yNames = try columnNames(args, t)
    let xs = try numbers(t, xName, args, curveRange)
    var fig = Figure(name: "plot of \(yNames.joined(separator: ", ")) against \(xName)")
    for name in yNames {
      let ys = try numbers(t, name, args, tableY)
      try PlotArguments.requireFinite(ys, args, tableY, "the column '\(name)'")
      var line = LineSeries(xs: xs, ys: ys, label: yNames.count > 1 ? name : nil)
      line.marker = .circle
      fig.main.add(.line(line))
    }
    fig.main.xlabel = xName
    if yNames.count == 1 { fig.main.ylabel = yNames[0] }
    if yNames.count > 1 { fig.main.legend = LegendSpec() }
    return fig
  }

  /// The `y:` column names: one string, or a list of strings.
  private static func columnNames(_ args: BoundArguments, _ t: TableValue) throws -> [String] {
    let names: [String]
    switch args[tableY] {
    case .string(let s)?: names = [s]
    case let v?: names = PlotArguments.items(v).compactMap { if case .string(let s) = $0 { s } else { nil } }
    case nil: names = []
    }
    guard !names.isEmpty else {
      throw LanguageError(
        .argument,
        "plot(t, x: \"column\", y: \"column\") needs y: (a column name or a list of them); columns: \(t.names.joined(separator: ", "))",
        at: args.callRange)
    }
    return names
  }

  /// A numeric column by name; an unknown name lists the columns.
  private static func numbers(
    _ t: TableValue, _ name: String, _ args: BoundArguments, _ key: ParameterKey<Value?>
  ) throws -> [Double] {
    switch t.column(name) {
    case .numbers(let x)?:
      guard !x.isEmpty else { throw args.error(key, "the table has no rows to plot") }
      return x
    case nil:
      throw args.error(
        key, "the table has no column '\(name)'; columns: \(t.names.joined(separator: ", "))", kind: .name)
    default:
      throw args.error(key, "the column '\(name)' does not hold numbers, so it cannot be plotted", kind: .type)
    }
  }
}
