import Language
import MathCore
import NeuralNet
import Plot
import PlotPack

/// A data set as a value (`two_moons(n: 200)`, `fashion_mnist(…).train`): it holds the
/// NeuralNet `Dataset` and shows a short summary (name, examples, features, classes) with
/// a picture of itself: a grid of its first images, a scatter coloured by class for two
/// features, or the points of a 1-D regression set.
///
/// Its arrays are members (`data.X`, `data.y`) that the summary names but does not show:
/// printing 60,000 rows helps nobody.
public struct DatasetValue: CustomValue {
  public let dataset: Dataset

  public init(_ dataset: Dataset) { self.dataset = dataset }

  public var typeName: String { "dataset" }

  public var memberNames: [String] { ["name", "count", "features", "classes"] + DatasetValue.unlisted }

  /// Members the summary names but does not show.
  static let unlisted = ["X", "y", "class_counts", "image_shape"]

  public func member(_ name: String) -> Value? {
    let d = dataset
    switch name {
    case "name": return .string(d.name)
    case "count": return .number(Double(d.count))
    case "features": return .number(Double(d.featureCount))
    case "classes": return d.classCount.map { .number(Double($0)) } ?? .string("regression")
    case "X": return .matrix(d.featureMatrix)
    case "y": return .vector(d.targetVector)
    case "class_counts": return d.classCounts.map { Value.vector(Vector($0.map(Double.init))) } ?? Value.none
    case "image_shape":
      return d.imageShape.map { Value.vector(Vector([Double($0.rows), Double($0.columns)])) } ?? Value.none
    default: return nil
    }
  }

  private var table: Value {
    // Members that are nothing here (no test data, no images) are left out of the summary.
    let fields = memberNames.compactMap { name -> Record.Field? in
      guard let value = member(name) else { return nil }
      if case .none = value { return nil }
      return Record.Field(name, value)
    }
    return .record(Record(typeName: typeName, fields: fields, unlisted: Set(DatasetValue.unlisted)))
  }

  public var plainText: String { table.plainText }

  /// The summary table, with the picture under it in the HTML form (frontends prefer HTML).
  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    let html = table.representations["text/html"] ?? ""
    guard let figure = DatasetFigure.figure(dataset) else { return Rendering(data: ["text/html": html]) }
    return FigureValue.htmlRendering(html, above: figure, cancellation: cancellation)
  }

  public var metadata: [String: [String: Int]] {
    guard let figure = DatasetFigure.figure(dataset) else { return [:] }
    let (w, h) = figure.pixelSize()
    return ["image/png": ["width": w, "height": h]]
  }
}

/// The picture a data set draws of itself.
enum DatasetFigure {
  /// Images shown in a data set's grid (two rows of eight).
  static let gridColumns = 8, gridRows = 2

  /// A grid of the first images, a class-coloured scatter of two features, or a 1-D
  /// regression set's points; nil for anything else (the summary says enough).
  static func figure(_ d: Dataset) -> Figure? {
    if let shape = d.imageShape { return imageGrid(d, shape) }
    if d.featureCount == 2 { return scatter(d) }
    if d.featureCount == 1, case .regression(let ys) = d.targets {
      var fig = Figure(width: 5, height: 3.6, name: "\(d.name): \(d.count) points")
      var series = ScatterSeries(xs: d.features(as: Double.self), ys: ys)
      series.size = 12
      fig.main.add(.scatter(series))
      (fig.main.title, fig.main.xlabel, fig.main.ylabel) = (d.name, "x", "y")
      return fig
    }
    return nil
  }

  /// The two features, one colour per class (at most 2,000 points: a picture, not the data).
  private static func scatter(_ d: Dataset) -> Figure {
    var fig = Figure(width: 5, height: 4.2, name: "\(d.name): \(d.count) points")
    let x = d.features(as: Double.self)
    let shown = min(d.count, 2_000)
    switch d.targets {
    case .classes(let labels, let classCount):
      for k in 0..<classCount {
        let rows = (0..<shown).filter { labels[$0] == k }
        guard !rows.isEmpty else { continue }
        let name = d.classNames.flatMap { k < $0.count ? $0[k] : nil } ?? "class \(k)"
        var s = ScatterSeries(
          xs: rows.map { x[2 * $0] }, ys: rows.map { x[2 * $0 + 1] }, color: PlotColor.cycle(k), label: name)
        s.size = 14
        fig.main.add(.scatter(s))
      }
      fig.main.legend = LegendSpec(location: .best, fontSize: 8)
    case .regression(let ys):
      var s = ScatterSeries(xs: (0..<shown).map { x[2 * $0] }, ys: (0..<shown).map { x[2 * $0 + 1] })
      s.values = Array(ys.prefix(shown))
      s.size = 14
      fig.main.add(.scatter(s))
    }
    (fig.main.title, fig.main.xlabel, fig.main.ylabel) = (d.name, "x₁", "x₂")
    fig.main.equalAspect = true
    return fig
  }

  /// The first 16 images side by side (one pixel gap), as one heatmap.
  private static func imageGrid(_ d: Dataset, _ shape: ImageShape) -> Figure? {
    let (r, c) = (shape.rows, shape.columns)
    guard r * c == d.featureCount, r > 0, c > 0 else { return nil }
    let n = min(d.count, gridRows * gridColumns)
    let rowsOfImages = (n + gridColumns - 1) / gridColumns
    let (height, width) = (rowsOfImages * (r + 1) - 1, min(n, gridColumns) * (c + 1) - 1)
    var z = [[Double]](repeating: [Double](repeating: 0, count: width), count: height)
    let pixels = d.features(as: Float.self)
    for k in 0..<n {
      let (top, left) = ((k / gridColumns) * (r + 1), (k % gridColumns) * (c + 1))
      for i in 0..<r {
        for j in 0..<c { z[height - 1 - (top + i)][left + j] = Double(pixels[k * d.featureCount + i * c + j]) }
      }
    }
    let grid = GridData(xs: (0..<width).map(Double.init), ys: (0..<height).map(Double.init), z: z)
    var fig = Figure(width: 6.4, height: 0.9 + 0.8 * Double(rowsOfImages), name: "\(d.name): first \(n) images")
    fig.main.add(.heatmap(Heatmap(grid: grid, scale: ColorScale(colormap: .magma, low: 0, high: 1))))
    fig.main.title = "\(d.name): first \(n) images"
    fig.main.equalAspect = true
    fig.main.xticks = []
    return fig
  }
}
