import Language
import MathCore
import NetworksPack
import NeuralNet
import Plot
import PlotPack

/// What `critical_study` returns: one row per finished net (seed, trained loss, loss at the
/// point reached, ‖∇L‖, ‖H∇L‖/‖∇L‖, counts, minimum ratio, kind) and the lecture's figure,
/// loss against minimum ratio coloured by kind.
///
/// Columns are members (`s.min_ratio`, `s.loss`, …, one entry per row in seed order) and
/// `s.rows` holds one record per net.
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

  static let columns = [
    "seeds", "trained_loss", "loss", "grad_norm", "flatness", "positive", "negative", "zero", "min_ratio", "kinds",
  ]

  public var memberNames: [String] {
    ["nets", "minima", "saddles", "degenerate", "not_reached", "cancelled", "seconds"] + Self.columns + [
      "rows", "figure",
    ]
  }
  public var unlistedMembers: Set<String> { Set(Self.columns + ["rows", "figure"]) }

  public func member(_ name: String) -> Value? {
    let rows = study.rows
    func column(_ f: (CriticalStudyRow) -> Double?) -> Value { .vector(Vector(rows.map { f($0) ?? .nan })) }
    switch name {
    case "nets": return .number(Double(rows.count))
    case "minima": return .number(Double(study.count(of: .localMinimum)))
    case "saddles": return .number(Double(study.count(of: .saddle)))
    case "degenerate": return .number(Double(study.count(of: .degenerate)))
    case "not_reached": return .number(Double(study.count(of: .notReached)))
    case "cancelled": return .bool(study.cancelled)
    case "seconds": return .number(study.seconds)
    case "seeds": return column { Double($0.seed) }
    case "trained_loss": return column(\.trainedLoss)
    case "loss": return column(\.loss)
    case "grad_norm": return column(\.gradientNorm)
    case "flatness": return column(\.gradientFlatness)
    case "positive": return column { $0.counts.map { Double($0.positive) } }
    case "negative": return column { $0.counts.map { Double($0.negative) } }
    case "zero": return column { $0.counts.map { Double($0.zero) } }
    case "min_ratio": return column(\.minimumRatio)
    case "kinds": return .tuple(rows.map { .string($0.kind.rawValue) })
    case "rows": return .tuple(rows.map(Self.record))
    case "figure": return figure.map { .custom(FigureValue($0)) }
    default: return nil
    }
  }

  /// One net as a record: seed, loss, ‖∇L‖, counts, minimum ratio, kind.
  static func record(_ row: CriticalStudyRow) -> Value {
    let number = { (x: Double?) in x.map(Value.number) ?? Value.none }
    return .record(
      Record(
        typeName: "net",
        fields: [
          .init("seed", .number(Double(row.seed))), .init("trained_loss", .number(row.trainedLoss)),
          .init("loss", .number(row.loss)), .init("grad_norm", .number(row.gradientNorm)),
          .init("flatness", number(row.gradientFlatness)),
          .init("positive", number(row.counts.map { Double($0.positive) })),
          .init("negative", number(row.counts.map { Double($0.negative) })),
          .init("zero", number(row.counts.map { Double($0.zero) })), .init("min_ratio", number(row.minimumRatio)),
          .init("kind", .string(row.kind.rawValue)),
        ]))
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
