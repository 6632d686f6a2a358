/// Preallocated raw storage for the recorded rows of a run, copied into the `Trajectory`
/// once at the end: appending a row is a few stores, with no uniqueness or capacity checks
/// (the hot loop's second largest cost when rows went straight into Swift arrays).
struct Recorder {
  let n: Int
  let capacity: Int
  let points, moves, losses, squaredNorms: UnsafeMutablePointer<Double>
  let iterations: UnsafeMutablePointer<Int>
  private(set) var count = 0

  /// Room for `capacity` rows of `n` coordinates.
  init(n: Int, capacity: Int) {
    self.n = n
    self.capacity = capacity
    points = .allocate(capacity: capacity * max(n, 1))
    moves = .allocate(capacity: capacity * max(n, 1))
    losses = .allocate(capacity: capacity)
    squaredNorms = .allocate(capacity: capacity)
    iterations = .allocate(capacity: capacity)
  }

  /// Stores iterate `k` (θ, L, ‖g‖²) and the move that led to it (ignored for row 0).
  @inline(__always)
  mutating func append(
    _ k: Int, theta: UnsafePointer<Double>, move: UnsafePointer<Double>, loss: Double,
    squaredNorm: Double
  ) {
    precondition(count < capacity, "recorder capacity")
    let base = count * n
    for i in 0..<n {
      points[base + i] = theta[i]
      moves[base + i] = move[i]
    }
    losses[count] = loss
    squaredNorms[count] = squaredNorm
    iterations[count] = k
    count += 1
  }

  /// Copies the rows into `run` (gradient norms as square roots; moves from row 1 on).
  func finish(into run: inout Trajectory) {
    run.points = Array(UnsafeBufferPointer(start: points, count: count * n))
    run.moves = count > 1 ? Array(UnsafeBufferPointer(start: moves + n, count: (count - 1) * n)) : []
    run.losses = Array(UnsafeBufferPointer(start: losses, count: count))
    run.gradientNorms = UnsafeBufferPointer(start: squaredNorms, count: count).map { $0.squareRoot() }
    run.iterations = Array(UnsafeBufferPointer(start: iterations, count: count))
  }

  func deallocate() {
    points.deallocate()
    moves.deallocate()
    losses.deallocate()
    squaredNorms.deallocate()
    iterations.deallocate()
  }
}
