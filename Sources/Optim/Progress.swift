/// What a live view of a long computation needs from one progress report, whoever computes
/// it (a formula's descent, a network's training): where it is, how far it goes, the loss
/// now, the time so far and the loss curve so far.
///
/// A live display works on this protocol, so a new kind of run brings its own report type
/// (with whatever more it has to show) without a new display path.
public protocol ProgressReport: Sendable {
  /// Steps taken so far.
  var step: Int { get }
  /// The step budget (0 when unknown).
  var steps: Int { get }
  /// The loss at `step`.
  var loss: Double { get }
  /// Seconds since the computation started.
  var elapsed: Double { get }
  /// The step of each row of the loss history (increasing, thinned to a few thousand).
  var iterations: [Int] { get }
  /// The loss of each row of the history.
  var losses: [Double] { get }
}

extension ProgressReport {
  /// The fraction of the budget done, in [0, 1] (1 when the budget is unknown or 0).
  public var fraction: Double {
    steps > 0 ? min(1, max(0, Double(step) / Double(steps))) : 1
  }
}

/// A progress report of a formula's descent: the `ProgressReport` a live view shows, plus the
/// current iterate and, for small n, the path so far (a live figure draws it on the surface).
public struct MinimizeProgress: ProgressReport {
  public var step: Int
  public var steps: Int
  public var loss: Double
  public var gradientNorm: Double
  /// The current iterate θ.
  public var point: [Double]
  /// Seconds since the run started.
  public var elapsed: Double
  /// The run so far, thinned to at most `historyLimit` rows (always with the first and the
  /// newest): step and loss of each row, for a live plot.
  public var iterations: [Int] = []
  public var losses: [Double] = []
  /// Iterates of those rows, row-major, `point.count` per row, for a path a figure can draw:
  /// empty when n > `pathDimensionLimit` or the run keeps no iterates.
  public var points: [Double] = []

  /// The most parameters whose path a report carries (a figure draws 2-D paths; a network's
  /// thousand rows × P parameters would be copied every report for nothing).
  public static let pathDimensionLimit = 4

  /// The most rows a progress report carries (a live plot needs no more).
  public static let historyLimit = 1_000

  /// The rows of `count` recorded ones a report carries: every k-th, so at most
  /// `historyLimit`, plus the newest.
  public static func historyRows(_ count: Int) -> [Int] {
    guard count > 0 else { return [] }
    let every = max(1, (count + historyLimit - 1) / historyLimit)
    var rows = Array(stride(from: 0, to: count, by: every))
    if rows.last != count - 1 { rows.append(count - 1) }
    return rows
  }
}
