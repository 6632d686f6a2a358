import Foundation
import Language
import MathCore
import Plot
import Raster

/// Implementations of `quiver`, `heatmap`, `grid_of` and `save`.
extension PlotPack {
  static func quiver(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let f = try twoParameterFunction(args, field, "quiver")
    let (x, y) = (try PlotArguments.range(args, axisX), try PlotArguments.range(args, axisY))
    let n = args.integer(quiverN)
    guard (2...60).contains(n) else { throw args.error(quiverN, "n must be between 2 and 60") }
    var q = QuiverField(xs: [], ys: [], us: [], vs: [])
    for b in Vector.linspace(y.0, y.1, count: n).elements {
      for a in Vector.linspace(x.0, x.1, count: n).elements {
        try ev.checkCancellation()
        guard case .vector(let uv) = try ev.callFunction(f, [.number(a), .number(b)], range: args.callRange),
          uv.count == 2
        else {
          throw args.error(field, "quiver needs a function returning a vector [u, v], such as grad(L)", kind: .type)
        }
        q.xs.append(a)
        q.ys.append(b)
        q.us.append(uv[0])
        q.vs.append(uv[1])
      }
    }
    var fig = Figure(name: "vector field \(f.name)")
    fig.main.add(.quiver(q))
    (fig.main.xlabel, fig.main.ylabel) = (f.parameters[0], f.parameters[1])
    fig.main.equalAspect = true
    try PlotArguments.applyLabels(args, to: &fig.main)
    return .custom(FigureValue(fig))
  }

  static func heatmap(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let m = args.matrix(cells)
    guard let cmap = Colormap.named(args.string(colormap)) else {
      throw args.error(colormap, "unknown colormap '\(args.string(colormap))'; use viridis, magma or coolwarm")
    }
    let finite = m.elements.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max(), m.rows > 0, m.columns > 0 else {
      throw args.error(cells, "heatmap needs a matrix with finite values")
    }
    let z = (0..<m.rows).reversed().map { i in (0..<m.columns).map { m[i, $0] } }
    let grid = GridData(xs: (0..<m.columns).map(Double.init), ys: (0..<m.rows).map(Double.init), z: z)
    let scale = ColorScale(colormap: cmap, low: lo, high: hi)
    var fig = Figure(name: "heat map \(m.rows)×\(m.columns)")
    fig.main.add(.heatmap(Heatmap(grid: grid, scale: scale)))
    fig.main.colorbar = ColorbarSpec(scale: scale)
    fig.main.xlimits = -0.5...(Double(m.columns) - 0.5)
    fig.main.ylimits = -0.5...(Double(m.rows) - 0.5)
    try PlotArguments.applyLabels(args, to: &fig.main)
    return .custom(FigureValue(fig))
  }

  static func gridOf(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    let items = PlotArguments.items(args[figures]!)
    let figs = try items.enumerated().map { k, v -> Figure in
      guard let f = PlotArguments.figure(v) else {
        throw args.error(figures, "grid_of needs figures, item \(k + 1) is a \(v.typeName)", kind: .type)
      }
      return f
    }
    let wanted = args.integer(columns)
    guard (1...8).contains(wanted) else { throw args.error(columns, "columns must be between 1 and 8") }
    let cols = min(wanted, figs.count)
    let rows = (figs.count + cols - 1) / cols
    var out = Figure(
      width: 5 * Double(cols), height: 4.4 * Double(rows), rows: rows, columns: cols,
      name: figs.map(\.name).joined(separator: ", "))
    for (k, f) in figs.enumerated() { out.axes[k] = f.main }
    for k in figs.count..<(rows * cols) { out.axes[k] = Axes() }
    return .custom(FigureValue(out))
  }

  static func save(_ args: BoundArguments, _ ev: any BuiltinContext) throws -> Value {
    guard let fig = PlotArguments.figure(args[figure]!) else {
      throw args.error(figure, "save needs a figure, found a \(args[figure]!.typeName)", kind: .type)
    }
    let file = args.string(path)
    let ext = (file as NSString).pathExtension.lowercased()
    let factor = args[scale]
    guard factor.isFinite, (0.25...8).contains(factor) else {
      throw args.error(scale, "scale must be between 0.25 and 8")
    }
    let data: Data
    do {
      switch ext {
      case "png":
        let flag = ev.cancellation
        data = Data(try fig.png(scale: factor) { flag.isSet })
      case "svg": data = Data(try fig.svg().utf8)
      default:
        throw args.error(path, "unknown file extension '\(ext.isEmpty ? "(none)" : "." + ext)'; use .png or .svg")
      }
    } catch let e as LanguageError {
      throw e
    } catch RasterError.cancelled {
      throw Interrupted()
    } catch {
      throw args.error(figure, "could not render the figure: \(error)")
    }
    let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    let url = URL(fileURLWithPath: file, relativeTo: base)
    let folder = url.deletingLastPathComponent()
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
      throw args.error(path, "cannot write '\(file)': the folder '\(folder.path)' does not exist")
    }
    do {
      try data.write(to: url)
    } catch {
      throw args.error(path, "cannot write '\(file)': \((error as NSError).localizedDescription)")
    }
    return .none
  }
}
