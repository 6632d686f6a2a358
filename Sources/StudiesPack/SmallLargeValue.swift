import Language
import MathCore
import NeuralNet

/// What `sb_lb` returns: Keskar et al.'s table (ICLR 2017, Table 2) measured here — for the
/// small batch (SB) and the large batch (LB), train and test accuracy as mean ± std over
/// seeds, λmax and ε-sharpness of the minima reached.
///
/// Members: every column of `table` (`c.regime`, `c.batch`, `c.test_accuracy`,
/// `c.epsilon_sharpness`, …), `table`, `runs`, `study` (the two-row batch study, with its
/// figures), `status`, `stopped`, `notes`.
public struct SmallLargeValue: CustomValue {
  public let comparison: SmallLargeComparison

  public init(_ comparison: SmallLargeComparison) { self.comparison = comparison }

  public var typeName: String { "sb_lb" }

  private var rows: [BatchSummary] { [comparison.smallSummary, comparison.largeSummary].compactMap { $0 } }
  private var regimes: TableValue.Column {
    .text(rows.map { $0.batch == comparison.small ? "SB" : "LB" })
  }
  private var status: String { "sb_lb: " + StudyText.status(comparison.study) }

  var table: TableValue? {
    guard let numbers = StudyTables.summary(rows, title: "sb_lb") else { return nil }
    let columns = [("regime", regimes)] + zip(numbers.names, numbers.columns).map { ($0, $1) }
    return try? TableValue(title: "sb_lb", columns: columns)
  }

  /// The slide's columns only: regime, batch, accuracies, sharpness.
  private var shown: TableValue? {
    guard let all = StudyTables.display(rows, title: "small vs large batch") else { return nil }
    let keep = ["batch", "train acc", "test acc", "λmax", "ε-sharpness"]
    let columns = [("regime", regimes)] + zip(all.names, all.columns).filter { keep.contains($0.0) }.map { ($0, $1) }
    return try? TableValue(title: "small vs large batch", columns: columns)
  }

  static let properties = ["table", "runs", "study", "status", "stopped", "notes"]

  public var memberNames: [String] { Self.properties + (table?.names ?? []) }

  public func member(_ name: String) -> Value? {
    let study = BatchStudyValue(comparison.study)
    switch name {
    case "table": return table.map(Value.table) ?? Value.none
    case "study": return .custom(study)
    case "status": return .text(status)
    case "runs", "stopped", "notes": return study.member(name)
    default: return table?.column(name)?.value
    }
  }

  public var plainText: String { status + "\n" + (shown?.plainText ?? "no finished runs") }

  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    Rendering(data: ["text/html": "<p>\(StudyImage.escape(status))</p>\n" + (shown?.html ?? "")])
  }
}
