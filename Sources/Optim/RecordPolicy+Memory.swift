import MathCore

/// How a run's record was cut to fit memory; the run summary says it.
///
/// A row of θ (and one of moves) holds n doubles, so the standard 200,000 rows of a run over
/// 50,000 parameters would need 160 GB. Before allocating, `Minimizer.run` asks
/// `RecordPolicy.fitted`: the rows of θ and of moves are each one array, limited like every
/// array to `ArraySize.maxElements` numbers; a policy over the limit is thinned to fewer rows,
/// and when not even three rows of θ fit, θ and moves are dropped (loss, ‖∇L‖ and the final
/// point are kept). Nothing is refused: the thinnest record (loss-only, a few rows) always
/// fits, since the start point itself is an array within the limit.
public enum RecordReduction: Sendable, Equatable {
  /// `rows` rows kept instead of the `asked` rows of `dimension` numbers of θ (0 for a
  /// loss-only record, whose rows hold a loss and a ‖∇L‖).
  case thinned(rows: Int, asked: Int, dimension: Int)
  /// θ and moves not kept: `dimension` numbers per row leave no room for three rows.
  case lossOnly(asked: Int, dimension: Int)

  /// A clause for the run summary.
  public var description: String {
    let limit = ArraySize.maxElements
    switch self {
    case .thinned(let rows, let asked, 0):
      return
        "record thinned to \(rows) rows (not \(asked)) to fit memory: an array holds at most \(limit) numbers"
    case .thinned(let rows, let asked, let n):
      return
        "record thinned to \(rows) rows of θ (not \(asked)) to fit memory: \(asked) rows of \(n) parameters "
        + "would need \(Self.bytes(asked, n)); an array holds at most \(limit) numbers"
    case .lossOnly(let asked, let n):
      return
        "θ and moves not recorded (only loss, ‖∇L‖ and the final point) to fit memory: \(asked) rows of \(n) "
        + "parameters would need \(Self.bytes(asked, n)); an array holds at most \(limit) numbers"
    }
  }

  private static func bytes(_ rows: Int, _ n: Int) -> String {
    ArraySize.bytesText(Double(rows) * Double(n) * Double(MemoryLayout<Double>.stride))
  }
}

extension RecordPolicy {
  /// This policy for a run of `steps` steps over `dimension` parameters, or a thinner one
  /// whose rows of θ, of moves and of losses each fit `ArraySize.maxElements` numbers, with
  /// what was cut (nil when nothing was).
  public func fitted(steps: Int, dimension n: Int) -> (RecordPolicy, RecordReduction?) {
    let limit = ArraySize.maxElements
    let width = keepsIterates ? max(n, 1) : 1
    let asked = RowSchedule(rows, steps: steps).capacity(steps: steps)
    if asked <= limit / width { return (self, nil) }
    // `evenly(maxRows: m)` keeps at most m + 2 rows (every stride-th step, and the last).
    let rowsThatFit = limit / width - 2
    if rowsThatFit >= 1 {
      let thinner = RecordPolicy(rows: .evenly(maxRows: rowsThatFit), keepsIterates: keepsIterates)
      let kept = RowSchedule(thinner.rows, steps: steps).capacity(steps: steps)
      return (thinner, .thinned(rows: kept, asked: asked, dimension: keepsIterates ? n : 0))
    }
    let lossOnly = RecordPolicy.lossOnly(.evenly(maxRows: 200_000))
    return (lossOnly, .lossOnly(asked: asked, dimension: n))
  }
}
