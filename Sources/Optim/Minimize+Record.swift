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
  /// Rows of θ, moves (row r holds the move into row r + 1), L and ‖g‖² (‖g‖ once finished).
  let points, moves, losses, norms: UnsafeMutableBufferPointer<Double>
  private(set) var count = 0
  private(set) var lastIteration = 0

  init(
    n: Int, capacity: Int, points: UnsafeMutableBufferPointer<Double>,
    moves: UnsafeMutableBufferPointer<Double>, losses: UnsafeMutableBufferPointer<Double>,
    norms: UnsafeMutableBufferPointer<Double>
  ) {
    self.n = n
    self.capacity = capacity
    (self.points, self.moves, self.losses, self.norms) = (points, moves, losses, norms)
  }

  /// Stores iterate `k` (θ, L, ‖g‖²) and, after row 0, the move that led to it.
  @inline(__always)
  mutating func append(
    _ k: Int, theta: UnsafePointer<Double>, move: UnsafePointer<Double>, loss: Double,
    squaredNorm: Double
  ) {
    precondition(count < capacity, "recorder capacity")
    let p = points.baseAddress! + count * n
    for i in 0..<n { p[i] = theta[i] }
    if count > 0 {
      let m = moves.baseAddress! + (count - 1) * n
      for i in 0..<n { m[i] = move[i] }
    }
    losses[count] = loss
    norms[count] = squaredNorm  // square roots are taken after the loop (sqrt stalls the step)
    lastIteration = k
    count += 1
  }

  /// Copies rows recorded so far into `report`, every k-th so at most
  /// `MinimizeProgress.historyLimit` (plus the newest), for a live plot of a long run.
  func fillHistory(of report: inout MinimizeProgress, stride: Int) {
    guard count > 0 else { return }
    let limit = MinimizeProgress.historyLimit
    let every = max(1, (count + limit - 1) / limit)
    var rows = Array(Swift.stride(from: 0, to: count, by: every))
    if rows.last != count - 1 { rows.append(count - 1) }
    report.iterations = rows.map { $0 * stride }
    report.losses = rows.map { losses[$0] }
    report.points.reserveCapacity(rows.count * n)
    for r in rows { report.points.append(contentsOf: points[(r * n)..<(r * n + n)]) }
  }
}
