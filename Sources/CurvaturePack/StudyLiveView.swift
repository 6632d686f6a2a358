import Foundation
import Language
import MathCore
import NeuralNet

/// The progress line and live figure of one study, shown once it has run
/// `CurvaturePack.quietSeconds` (short studies stay quiet), from the cell's thread only.
final class StudyLiveView {
  let output: EvaluationHost
  let total: Int
  let id: String
  let started = Date()
  var shown = false
  var reported = -1

  init(output: EvaluationHost, total: Int, id: String) {
    (self.output, self.total, self.id) = (output, total, id)
  }

  /// Shows the rows so far when there are new ones.
  func report(_ rows: [CriticalStudyRow]) {
    guard shown || Date().timeIntervalSince(started) >= CurvaturePack.quietSeconds else { return }
    guard rows.count != reported else { return }
    reported = rows.count
    output.display(.custom(StudyProgressValue(line: line(rows), rows: rows, isFinal: false)), id: id, update: shown)
    shown = true
  }

  /// After a shown study: the whole figure at once (unless interrupted: the reply must not
  /// wait for a drawing), then the status line in place of the progress line.
  func finish(_ rows: [CriticalStudyRow], interrupted: Bool) {
    guard shown else { return }
    var status = line(rows)
    if interrupted {
      status += " (interrupted; the finished nets are kept: last_critical_study())"
    } else {
      output.display(.custom(StudyProgressValue(line: status, rows: rows, isFinal: true)), id: id, update: true)
    }
    output.display(.text(status), id: id, update: true)
  }

  /// "critical_study: 37/100 nets, 12.3 s — 30 saddle, 7 local minimum".
  private func line(_ rows: [CriticalStudyRow]) -> String {
    let seconds = NumberFormat.seconds(Date().timeIntervalSince(started))
    let kinds = CriticalPointKind.allCases.compactMap { k -> String? in
      let n = rows.filter { $0.kind == k }.count
      return n == 0 ? nil : "\(n) \(k.rawValue)"
    }
    let head = "critical_study: \(rows.count)/\(total) nets, \(seconds)"
    return kinds.isEmpty ? head : head + " — " + kinds.joined(separator: ", ")
  }
}
