/// What a run keeps: which iterates become rows, and whether a row holds θ and the move or
/// only the loss and ‖∇L‖.
///
/// Memory is rows × (2n + 2) doubles with iterates, rows × 2 without, so a long run of many
/// parameters records its loss curve (`lossOnly`) or a bounded, front-loaded set of rows
/// (`geometric`) instead of growing as steps × parameters. The default is what runs have
/// always kept: every iterate up to 200,000 steps, evenly thinned beyond.
public struct RecordPolicy: Sendable, Equatable {
  /// Which iterates are kept. The last iterate is always kept too.
  public enum Rows: Sendable, Equatable {
    /// Every k-th iterate, k the smallest that keeps at most about `maxRows` rows: every
    /// iterate for runs of up to `maxRows` steps.
    case evenly(maxRows: Int)
    /// Every k-th iterate.
    case every(Int)
    /// Every iterate before step `dense`, then each kept step k followed by ⌈k·growth⌉: a
    /// billion-step run keeps its early path in full and about ln(steps/dense)/ln(growth)
    /// rows after it.
    case geometric(dense: Int, growth: Double)
  }

  public var rows: Rows
  /// Whether rows keep θ and the move into it (n doubles each); without them a run keeps
  /// loss and ‖∇L‖ per row and its final iterate.
  public var keepsIterates: Bool

  public init(rows: Rows = .evenly(maxRows: 200_000), keepsIterates: Bool = true) {
    self.rows = rows
    self.keepsIterates = keepsIterates
  }

  /// Every iterate up to 200,000 steps, evenly thinned beyond, with θ and moves.
  public static let standard = RecordPolicy()
  /// Every iterate with θ and moves (memory grows as steps × parameters).
  public static let full = RecordPolicy(rows: .every(1))

  /// Loss and ‖∇L‖ only, on `rows`.
  public static func lossOnly(_ rows: Rows = .evenly(maxRows: 200_000)) -> RecordPolicy {
    RecordPolicy(rows: rows, keepsIterates: false)
  }

  /// Why the policy is unusable, or nil.
  public var problem: String? {
    switch rows {
    case .evenly(let maxRows):
      return maxRows >= 1 ? nil : "maxRows must be at least 1"
    case .every(let k):
      return k >= 1 ? nil : "the recording stride must be at least 1"
    case .geometric(let dense, let growth):
      if dense < 1 { return "dense must be at least 1" }
      return (1.0001...10).contains(growth) ? nil : "growth must be between 1.0001 and 10"
    }
  }
}

/// A `RecordPolicy.Rows` resolved for a step budget: the next kept step after each kept one.
///
/// Design note: the loop compares k with the next kept step (one compare per step, as the
/// countdown it replaces) and asks `next(after:)` only on kept steps; for even rows that is
/// two predictable branches and an add. Rejected: a precomputed list of kept steps (memory
/// per row, and a load per step).
struct RowSchedule: Sendable, Equatable {
  /// Steps between rows after the dense part (even schedules).
  let stride: Int
  /// Every step before this one is kept (0 for even schedules).
  let dense: Int
  /// Factor between kept steps after the dense part; 0 for even schedules.
  let growth: Double

  init(_ rows: RecordPolicy.Rows, steps: Int) {
    switch rows {
    case .evenly(let maxRows):
      let m = max(1, maxRows)
      (stride, dense, growth) = (max(1, (steps + m) / m), 0, 0)
    case .every(let k):
      (stride, dense, growth) = (max(1, k), 0, 0)
    case .geometric(let d, let g):
      (stride, dense, growth) = (1, max(1, d), min(max(g, 1.0001), 10))
    }
  }

  /// The kept step after kept step `k`.
  @inline(__always)
  func next(after k: Int) -> Int {
    if k + 1 < dense { return k + 1 }
    if growth == 0 { return k + stride }
    let x = (Double(k) * growth).rounded(.up)
    return x < 9e18 ? max(k + 1, Int(x)) : Int.max
  }

  /// Steps from kept step `k` to the next, out of line (the loop's rare path).
  @inline(never)
  func gap(after k: Int) -> Int { next(after: k) - k }

  /// The most rows a run of `steps` steps records (kept steps ≤ steps, plus the last).
  func capacity(steps: Int) -> Int {
    if growth == 0 { return steps / stride + 2 }
    var (rows, k) = (1, 0)
    while k <= steps {
      rows += 1
      k = next(after: k)
    }
    return rows
  }

  /// The steps of the first `rows` kept rows: 0, next(0), next(next(0)), ….
  func steps(rows: Int) -> [Int] {
    guard rows > 0 else { return [] }
    if growth == 0 { return (0..<rows).map { $0 * stride } }
    var out = [0]
    out.reserveCapacity(rows)
    while out.count < rows { out.append(next(after: out[out.count - 1])) }
    return out
  }
}
