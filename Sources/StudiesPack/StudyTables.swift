import Foundation
import Language
import MathCore
import NetworksPack
import NeuralNet

/// A study's results as the language's table values: one numeric table to compute with
/// (`s.table`: means and standard deviations in their own columns, so `sort` and `plot`
/// work on them), one to read (the display: "87.1 ± 0.4 %" cells, as the lecture's slides
/// print them) and one row per run (`s.runs`).
enum StudyTables {
  /// A column of numbers; NaN where a value is missing (a std of one seed, a run with no λmax).
  typealias Columns = [(name: String, values: TableValue.Column)]

  /// One row per batch size: batch, seeds, updates, time_per_update (s), time_per_epoch (s),
  /// then mean and std of the scores and λmax.
  static func summary(_ rows: [BatchSummary], title: String) -> TableValue? {
    var columns: Columns = [
      ("batch", .numbers(rows.map { Double($0.batch) })), ("seeds", .numbers(rows.map { Double($0.seeds) })),
      ("updates", .numbers(rows.map(\.updates.mean))),
      ("time_per_update", .numbers(rows.map(\.secondsPerUpdate.mean))),
      ("time_per_epoch", .numbers(rows.map(\.secondsPerEpoch.mean))),
    ]
    columns += scored(rows, "train_accuracy", \.trainAccuracy) + scored(rows, "test_accuracy", \.testAccuracy)
    columns += scored(rows, "train_loss", { $0.trainLoss }) + scored(rows, "test_loss", \.testLoss)
    columns += scored(rows, "lambda_max", { $0.sharpness }) + scored(rows, "epsilon_sharpness", \.epsilonSharpness)
    return try? TableValue(title: title, columns: columns)
  }

  /// `name` and `name_std` when any row measured it (left out otherwise: no test data).
  private static func scored(_ rows: [BatchSummary], _ name: String, _ value: (BatchSummary) -> MeanStd?) -> Columns {
    let values = rows.map(value)
    guard values.contains(where: { $0 != nil }) else { return [] }
    return [
      (name, .numbers(values.map { $0?.mean ?? .nan })), (name + "_std", .numbers(values.map { $0?.std ?? .nan })),
    ]
  }

  /// The table a batch study shows: times with units, scores as mean ± std.
  static func display(_ rows: [BatchSummary], title: String) -> TableValue? {
    var columns: Columns = [
      ("batch", .numbers(rows.map { Double($0.batch) })), ("updates", .numbers(rows.map(\.updates.mean))),
      ("time/update", .text(rows.map { pm($0.secondsPerUpdate, scale: 1000, unit: " ms") })),
      ("time/epoch", .text(rows.map { pm($0.secondsPerEpoch, unit: " s") })),
    ]
    columns += shown(rows, "train acc", \.trainAccuracy, scale: 100, unit: " %")
    columns += shown(rows, "test acc", \.testAccuracy, scale: 100, unit: " %")
    columns += shown(rows, "train loss", { $0.trainLoss }) + shown(rows, "test loss", \.testLoss)
    columns += shown(rows, "λmax", { $0.sharpness }) + shown(rows, "ε-sharpness", \.epsilonSharpness, unit: " %")
    return try? TableValue(title: title, columns: columns)
  }

  private static func shown(
    _ rows: [BatchSummary], _ name: String, _ value: (BatchSummary) -> MeanStd?, scale: Double = 1, unit: String = ""
  ) -> Columns {
    let values = rows.map(value)
    guard values.contains(where: { $0 != nil }) else { return [] }
    return [(name, .text(values.map { $0.map { pm($0, scale: scale, unit: unit) } ?? "" }))]
  }

  /// "0.8712 ± 0.0041" with four significant digits for the mean and two for the std; the
  /// mean alone for one seed; "–" when nothing finite was measured.
  static func pm(_ m: MeanStd, scale: Double = 1, unit: String = "") -> String {
    guard m.mean.isFinite else { return "–" }
    let mean = significant(m.mean * scale, 4)
    guard let std = m.std, std.isFinite else { return mean + unit }
    return mean + " ± " + significant(std * scale, 2) + unit
  }

  /// `x` to `digits` significant digits, fixed-point while that is short.
  static func significant(_ x: Double, _ digits: Int) -> String {
    guard x != 0, x.isFinite else { return NumberFormat.plain(x) }
    let exponent = Int(floor(log10(abs(x))))
    guard exponent > -5 else { return String(format: "%.\(max(digits - 1, 0))e", x) }
    guard exponent < 9 else { return NumberFormat.plain(x) }
    let decimals = max(0, digits - 1 - exponent)
    return String(format: "%.\(decimals)f", x)
  }

  /// One row per run: batch, seed, updates, times, scores, λmax (ε-sharpness when measured),
  /// how it stopped, and its training record (`s.runs.training[0]`).
  static func runs(_ runs: [BatchStudyRun], title: String) -> TableValue? {
    var columns: Columns = [
      ("batch", .numbers(runs.map { Double($0.batch) })), ("seed", .numbers(runs.map { Double($0.seed) })),
      ("updates", .numbers(runs.map { Double($0.updates) })),
      ("time_per_update", .numbers(runs.map(\.secondsPerUpdate))),
      ("time_per_epoch", .numbers(runs.map(\.secondsPerEpoch))),
    ]
    columns += measured(runs, "train_accuracy", \.trainAccuracy) + measured(runs, "test_accuracy", \.testAccuracy)
    columns += measured(runs, "train_loss", { $0.trainLoss }) + measured(runs, "test_loss", \.testLoss)
    columns += measured(runs, "lambda_max", { $0.sharpness?.value })
    columns += measured(runs, "epsilon_sharpness", { $0.epsilonSharpness?.value })
    columns.append(("training", .values(runs.map { .custom(TrainingValue($0.record)) })))
    return try? TableValue(title: title, columns: columns)
  }

  /// A per-run column when any run measured it (no test data, regression: left out), NaN
  /// where one run did not (a diverged run's λmax).
  private static func measured(_ runs: [BatchStudyRun], _ name: String, _ value: (BatchStudyRun) -> Double?) -> Columns
  {
    let values = runs.map(value)
    guard values.contains(where: { $0 != nil }) else { return [] }
    return [(name, .numbers(values.map { $0 ?? .nan }))]
  }
}
