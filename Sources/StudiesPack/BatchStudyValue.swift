import Foundation
import Language
import MathCore
import NeuralNet
import Plot
import PlotPack

/// What `batch_study` returns: the NeuralNet `BatchStudy`, shown as its status, the table
/// (a row per batch size, mean ± std over seeds) and the figures against batch size.
///
/// Members: every column of `table` (`s.batch`, `s.test_accuracy`, `s.lambda_max_std`, …, as
/// vectors), `table` (the numeric table, for `sort` and `plot(t, x:, y:)`), `runs` (a table
/// with one row per run), `figure`, `status`, `stopped` ("finished" or "interrupted"),
/// `notes`, `seconds`.
public struct BatchStudyValue: CustomValue {
  public let study: BatchStudy

  public init(_ study: BatchStudy) { self.study = study }

  public var typeName: String { "batch study" }

  var summaries: [BatchSummary] { study.summaries }
  var table: TableValue? { StudyTables.summary(summaries, title: "batch study") }
  var figure: Figure { BatchStudyFigure.figure(summaries, batches: study.batches, title: status) }
  var status: String { "batch study: " + StudyText.status(study) }

  static let properties = ["table", "runs", "figure", "status", "stopped", "notes", "seconds"]

  public var memberNames: [String] { Self.properties + (table?.names ?? []) }

  public func member(_ name: String) -> Value? {
    switch name {
    case "table": return table.map(Value.table) ?? Value.none
    case "runs": return StudyTables.runs(study.runs, title: "runs").map(Value.table) ?? Value.none
    case "figure": return .custom(FigureValue(figure))
    case "status": return .text(status)
    case "stopped": return .string(study.stop == .finished ? "finished" : "interrupted")
    case "notes": return .tuple(study.notes.map(Value.string))
    case "seconds": return .number(study.seconds)
    default: return table?.column(name)?.value
    }
  }

  public var plainText: String {
    let shown = StudyTables.display(summaries, title: "batch study")
    return status + "\n" + (shown?.plainText ?? "no finished runs")
  }

  /// The status, the table and the figures in the HTML form; the figures as PNG.
  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    let shown = StudyTables.display(summaries, title: "batch study")
    let html = "<p>\(StudyImage.escape(status))</p>\n" + (shown?.html ?? "")
    return FigureValue.htmlRendering(html, above: figure, cancellation: cancellation)
  }

  public var metadata: [String: [String: Int]] { StudyImage.metadata(figure) }
}

/// What a study's HTML and PNG forms share.
enum StudyImage {
  /// Text made safe inside HTML.
  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  static func metadata(_ figure: Figure) -> [String: [String: Int]] {
    let (w, h) = figure.pixelSize()
    return ["image/png": ["width": w, "height": h]]
  }
}
