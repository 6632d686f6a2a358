import Foundation
import Language
import MathCore
import NeuralNet

/// The progress line and live figure of one study, shown once it has run
/// `CurvaturePack.quietSeconds` (short studies stay quiet), from the cell's thread only.
final class StudyLiveView {
  let output: EvaluationHost
  let total: Int
  let template: MLP
  let id: String
  let started = Date()
  var shown = false
  var reported = -1

  init(output: EvaluationHost, total: Int, template: MLP, id: String) {
    (self.output, self.total, self.template, self.id) = (output, total, template, id)
  }

  /// Shows the rows so far when there are new ones (or the study ended after being shown).
  func report(_ rows: [CriticalStudyRow], final: Bool) {
    guard shown || Date().timeIntervalSince(started) >= CurvaturePack.quietSeconds else { return }
    guard rows.count != reported || final else { return }
    if final && !shown { return }
    reported = rows.count
    let value = StudyProgressValue(line: line(rows), rows: rows, isFinal: final)
    output.display(.custom(value), id: id, update: shown)
    if final { output.display(.text(line(rows)), id: id, update: true) }
    shown = true
  }

  /// "critical_study: 37/100 nets, 12.3 s — 30 saddle, 7 local minimum".
  private func line(_ rows: [CriticalStudyRow]) -> String {
    let seconds = NumberFormat.plain((Date().timeIntervalSince(started) * 10).rounded() / 10)
    let kinds = CriticalPointKind.allCases.compactMap { k -> String? in
      let n = rows.filter { $0.kind == k }.count
      return n == 0 ? nil : "\(n) \(k.rawValue)"
    }
    let head = "critical_study: \(rows.count)/\(total) nets, \(seconds) s"
    return kinds.isEmpty ? head : head + " — " + kinds.joined(separator: ", ")
  }
}
