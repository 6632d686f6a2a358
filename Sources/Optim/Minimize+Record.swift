/// Where the loop records rows: straight into the storage of the trajectory's arrays.
///
/// Design note: the arrays are created with `Array(unsafeUninitializedCapacity:)` around the
/// whole loop (see `Minimizer.run`), so a row is a few stores with no uniqueness or
/// capacity checks, and nothing is copied afterwards. Rejected: appending to Swift arrays
/// per step (checks in the hot loop) and raw buffers copied at the end (twice the fresh
/// memory per run, whose page faults cost more than the steps on short runs).
struct Recorder {
  let n: Int
  let capacity: Int
  /// Doubles between rows of `points` and `moves`: n when rows keep θ and the move, else 0
  /// (every row then overwrites one scratch row, with no branch per row).
  let rowWidth: Int
  /// The step of each row.
  let schedule: RowSchedule
  /// Rows of θ, moves (row r holds the move into row r + 1), L and ‖g‖.
  let points, moves, losses, norms: UnsafeMutableBufferPointer<Double>
  private(set) var count = 0
  private(set) var lastIteration = 0
  /// ‖g‖² of the newest row, whose root is taken when the next row comes (or at `finish()`).
  private var pendingSquaredNorm = 0.0
  /// ‖g‖ of the newest row when its square over- or underflowed (`setNewestNorm`).
  private var pendingNorm: Double?

  init(
    n: Int, capacity: Int, policy: RecordPolicy, schedule: RowSchedule,
    points: UnsafeMutableBufferPointer<Double>, moves: UnsafeMutableBufferPointer<Double>,
    losses: UnsafeMutableBufferPointer<Double>, norms: UnsafeMutableBufferPointer<Double>
  ) {
    self.n = n
    self.capacity = capacity
    rowWidth = policy.keepsIterates ? n : 0
    self.schedule = schedule
    (self.points, self.moves, self.losses, self.norms) = (points, moves, losses, norms)
  }

  /// Stores iterate `k` (θ, L, ‖g‖²) and, after row 0, the move that led to it.
  @inline(__always)
  mutating func append(
    _ k: Int, theta: UnsafePointer<Double>, move: UnsafePointer<Double>, loss: Double,
    squaredNorm: Double
  ) {
    precondition(count < capacity, "recorder capacity")
    let p = points.baseAddress! + count * rowWidth
    for i in 0..<n { p[i] = theta[i] }
    if count > 0 {
      let m = moves.baseAddress! + (count - 1) * rowWidth
      for i in 0..<n { m[i] = move[i] }
    }
    finishRow(k, loss: loss, squaredNorm: squaredNorm)
  }

  /// `append` for the register state: the n live lanes of θ and of the move.
  @inline(__always)
  mutating func append<V: SIMD>(
    _ k: Int, theta: V, move: V, loss: Double, squaredNorm: Double
  ) where V.Scalar == Double {
    precondition(count < capacity, "recorder capacity")
    store(theta, to: points.baseAddress! + count * rowWidth)
    if count > 0 { store(move, to: moves.baseAddress! + (count - 1) * rowWidth) }
    finishRow(k, loss: loss, squaredNorm: squaredNorm)
  }

  /// Stores L of row `count`, keeps its ‖g‖² and writes the previous row's ‖g‖.
  ///
  /// Square roots lag one row: the previous row's ‖g‖² has been ready for a whole step, so
  /// its `sqrtsd` (long latency, an errno branch) overlaps with this step instead of waiting
  /// for the new gradient. Rejected: the root of the new row (about 2 ns per step more), the
  /// previous row's ‖g‖² reloaded from `norms` (about 2 ns more), and a pass over all rows
  /// after the loop (about 3 ns per row, a tenth of a 10,000-step run). `finish()` writes
  /// the last row's root.
  @inline(__always)
  private mutating func finishRow(_ k: Int, loss: Double, squaredNorm: Double) {
    if count > 0 { norms[count - 1] = pendingNorm ?? pendingSquaredNorm.squareRoot() }
    losses[count] = loss
    pendingSquaredNorm = squaredNorm
    pendingNorm = nil
    lastIteration = k
    count += 1
  }

  /// Takes the last row's ‖g‖ (the others were taken as rows were added).
  mutating func finish() {
    if count > 0 { norms[count - 1] = pendingNorm ?? pendingSquaredNorm.squareRoot() }
  }

  /// Replaces the newest row's ‖g‖ (the rare row whose ‖g‖² over- or underflowed).
  mutating func setNewestNorm(_ norm: Double) { pendingNorm = norm }

  /// Lanes 0..<n (n ≥ 1) of `v` to `p`, by constant lane indices (a variable index would
  /// send the vector through the stack).
  @inline(__always)
  private func store<V: SIMD>(_ v: V, to p: UnsafeMutablePointer<Double>)
  where V.Scalar == Double {
    p[0] = v[0]
    if n > 1 { p[1] = v[1] }
    if V.scalarCount > 2 && n > 2 { p[2] = v[2] }
    if V.scalarCount > 3 && n > 3 { p[3] = v[3] }
  }

  /// Copies rows recorded so far into `report`, every k-th so at most
  /// `MinimizeProgress.historyLimit` (plus the newest), for a live plot of a long run; their
  /// iterates only for a path a figure can draw (n ≤ `MinimizeProgress.pathDimensionLimit`).
  func fillHistory(of report: inout MinimizeProgress) {
    let rows = MinimizeProgress.historyRows(count)
    let steps = schedule.steps(rows: count)
    report.iterations = rows.map { steps[$0] }
    report.losses = rows.map { losses[$0] }
    guard rowWidth > 0, n <= MinimizeProgress.pathDimensionLimit else { return }
    report.points.reserveCapacity(rows.count * n)
    for r in rows { report.points.append(contentsOf: points[(r * n)..<(r * n + n)]) }
  }
}
