import Language
import MathCore
import NetworksPack
import NeuralNet
import Plot
import PlotPack

/// What `critical_study` returns: the counts by kind, a Language table with one row per
/// finished net (seed, trained loss, loss at the point reached, ‖∇L‖, ‖H∇L‖/‖∇L‖, counts,
/// minimum ratio, kind) and the lecture's figure, loss against minimum ratio by kind.
///
/// `s.table` is the table (so `sort(s.table, by: "loss")`, `s.table[0]`, `filter` work); its
/// columns are also members of the study (`s.min_ratio`, `s.loss`, … in seed order).
public struct CriticalStudyValue: SummarizedValue {
  public let study: CriticalStudy

  public init(_ study: CriticalStudy) { self.study = study }

  public var typeName: String { "critical study" }

  public var heading: String {
    let s = study
    let arch = NetworkValue(s.template).architecture
    let done = s.cancelled ? "\(s.rows.count) of \(s.options.nets) nets (interrupted)" : "\(s.rows.count) nets"
    let kinds = CriticalPointKind.allCases.compactMap { k -> String? in
      let n = s.count(of: k)
      return n == 0 ? nil : "\(n) \(k.rawValue)"
    }
    return "critical study of \(done), \(arch): " + kinds.joined(separator: ", ")
  }

  public var memberNames: [String] {
    ["nets", "minima", "saddles", "degenerate", "not_reached", "cancelled", "seconds", "table", "figure"]
      + table.names.filter { $0 != "kind" } + ["kinds"]
  }
  public var unlistedMembers: Set<String> { Set(memberNames.dropFirst(7)) }

  public func member(_ name: String) -> Value? {
    switch name {
    case "nets": return .number(Double(study.rows.count))
    case "minima": return .number(Double(study.count(of: .localMinimum)))
    case "saddles": return .number(Double(study.count(of: .saddle)))
    case "degenerate": return .number(Double(study.count(of: .degenerate)))
    case "not_reached": return .number(Double(study.count(of: .notReached)))
    case "cancelled": return .bool(study.cancelled)
    case "seconds": return .number(study.seconds)
    case "table": return .table(table)
    case "figure": return figure.map { .custom(FigureValue($0)) }
    case "kinds": return table.column("kind")?.value
    default: return name == "kind" ? nil : table.column(name)?.value
    }
  }

  /// One row per finished net, in seed order; counts and ratios are NaN where P was above
  /// the full-spectrum limit.
  public var table: TableValue {
    let rows = study.rows
    func numbers(_ f: (CriticalStudyRow) -> Double?) -> TableValue.Column { .numbers(rows.map { f($0) ?? .nan }) }
    let columns: [(name: String, values: TableValue.Column)] = [
      ("seed", numbers { Double($0.seed) }), ("trained_loss", numbers(\.trainedLoss)), ("loss", numbers(\.loss)),
      ("grad_norm", numbers(\.gradientNorm)), ("flatness", numbers(\.gradientFlatness)),
      ("positive", numbers { $0.counts.map { Double($0.positive) } }),
      ("negative", numbers { $0.counts.map { Double($0.negative) } }),
      ("zero", numbers { $0.counts.map { Double($0.zero) } }), ("min_ratio", numbers(\.minimumRatio)),
      ("kind", .text(rows.map(\.kind.rawValue))),
    ]
    // Fixed names, equal lengths: this cannot fail.
    return (try? TableValue(title: "critical study", columns: columns)) ?? Self.emptyTable
  }

  private static let emptyTable = (try? TableValue(columns: [("seed", .numbers([]))]))!

  /// The summary, then the table of nets.
  public var plainText: String { heading + "\n" + summaryTable.plainText + "\n" + table.plainText }

  /// Summary, table of nets and figure in the HTML form; the figure as PNG.
  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    summaryRendering(extraHTML: table.html, cancellation: cancellation)
  }

  public var figure: Figure? { StudyFigure.lossAgainstRatio(study.rows, title: heading) }
}

/// The lecture's slide: the loss at each net's point against its minimum ratio, one colour
/// per kind (minima at ratio 1, saddles between).
enum StudyFigure {
  static func lossAgainstRatio(_ rows: [CriticalStudyRow], title: String) -> Figure {
    var fig = Figure(width: 6.4, height: 4.6, name: title)
    var ax = Axes()
    (ax.xlabel, ax.ylabel, ax.title) = (
      "minimum ratio (positive eigenvalues / P)", "training loss", "loss vs minimum ratio"
    )
    for (i, kind) in CriticalPointKind.allCases.enumerated() {
      let picked = rows.filter { $0.kind == kind && $0.minimumRatio != nil && $0.loss.isFinite }
      guard !picked.isEmpty else { continue }
      var dots = ScatterSeries(
        xs: picked.map { $0.minimumRatio ?? .nan }, ys: picked.map(\.loss), color: PlotColor.cycle(i),
        label: "\(kind.rawValue) (\(picked.count))")
      dots.alpha = 0.8
      ax.add(.scatter(dots))
    }
    ax.xlimits = -0.05...1.05
    ax.legend = LegendSpec(location: .best, fontSize: 9)
    fig.main = ax
    return fig
  }
}

/// A running study's progress: the line "critical_study: 37/100 nets — 30 saddle, 7 local
/// minimum" in place, and the figure of the rows so far as its live companion.
public struct StudyProgressValue: LiveValue {
  public let line: String
  public let rows: [CriticalStudyRow]
  public let isFinal: Bool

  public init(line: String, rows: [CriticalStudyRow], isFinal: Bool) {
    (self.line, self.rows, self.isFinal) = (line, rows, isFinal)
  }

  public var typeName: String { "progress" }
  public var plainText: String { line }
  public var showsItself: Bool { !isFinal }
  public var drawsCompanionNow: Bool { isFinal }

  public func companion(reusing cache: (any Sendable)?) -> (value: any CustomValue, cache: (any Sendable)?) {
    (FigureValue(StudyFigure.lossAgainstRatio(rows, title: line)), nil)
  }
}
