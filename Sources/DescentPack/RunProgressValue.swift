import Language
import Optim
import PlotPack

/// A long run's progress as a value: the line "gd: step 120000/1000000 (12%)  loss …" plus the
/// run so far (thinned to at most ~1,000 rows), shown under one display id and replaced at most
/// five times a second.
///
/// Why a value and not just text: it draws its own live figure (the run so far, on the loss's
/// landscape for two parameters) as its companion display; hosts without figures show
/// `plainText`, the line.
public struct RunProgressValue: LiveValue {
  /// The progress line, also the `text/plain` form.
  public let line: String
  /// The optimizer as written, e.g. `gd(lr: 0.05)`.
  public let optimizer: String
  /// The function's parameter names, for axis labels.
  public let parameters: [String]
  /// The loss being minimised, so a live view can draw its landscape under the path.
  public let function: UserFunction?
  public let step: Int, steps: Int
  /// Iteration index, loss and iterate (row-major) of each row of the run so far.
  public let iterations: [Int]
  public let losses: [Double]
  public let points: [Double]
  /// Whether this is the report of the finished run (the whole run, thinned), sent once after
  /// the last progress report so a live view can end showing everything.
  public let isFinal: Bool

  public init(
    line: String, optimizer: String, parameters: [String], function: UserFunction? = nil, step: Int, steps: Int,
    iterations: [Int], losses: [Double], points: [Double], isFinal: Bool = false
  ) {
    (self.line, self.optimizer, self.parameters, self.step, self.steps) = (line, optimizer, parameters, step, steps)
    self.function = function
    (self.iterations, self.losses, self.points, self.isFinal) = (iterations, losses, points, isFinal)
  }

  public var typeName: String { "progress" }
  public var plainText: String { line }

  /// Every report but the last shows its line (the run's status line follows the last).
  public var showsItself: Bool { !isFinal }
  /// The last report is drawn at once, so the figure left in the notebook shows the whole run.
  public var drawsCompanionNow: Bool { isFinal }

  /// The live figure, reusing the landscape of the previous drawing while the path stays in it.
  public func companion(reusing cache: (any Sendable)?) -> (value: any CustomValue, cache: (any Sendable)?) {
    let (figure, landscape) = RunFigures.liveFigure(self, reusing: cache as? RunFigures.Landscape)
    return (FigureValue(figure), landscape)
  }
}

extension RunProgressValue {
  /// The final report of a finished run: its recorded rows thinned to at most
  /// `MinimizeProgress.historyLimit` (plus the last).
  init(finished run: Trajectory, line: String, optimizer: String, function: UserFunction, steps: Int) {
    let picked = MinimizeProgress.historyRows(run.recordedCount)
    let iterations = run.iterations
    let n = run.dimension
    self.init(
      line: line, optimizer: optimizer, parameters: function.parameters, function: function, step: run.steps,
      steps: steps, iterations: picked.map { iterations[$0] }, losses: picked.map { run.losses[$0] },
      points: picked.flatMap { run.points[($0 * n)..<($0 * n + n)] }, isFinal: true)
  }
}
