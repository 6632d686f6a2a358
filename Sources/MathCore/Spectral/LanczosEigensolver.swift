/// The run–lock–restart loop behind `Lanczos.eigenpairs` (see there for the method).
struct LanczosEigensolver<Operator: SymmetricOperator> {
  let op: Operator
  let count: Int
  let selection: EigenSelection
  let options: LanczosOptions
  let cancellation: CancellationFlag?

  private var generator: SeededGenerator
  /// Converged eigenvectors, rows of length P, and their values and residual estimates.
  private var lockedVectors: [Double] = []
  private var lockedValues: [Double] = []
  /// The largest |θ| seen: the scale of the residual tolerance.
  private var scale = 0.0
  private var applications = 0

  init(
    op: Operator, count: Int, selection: EigenSelection, options: LanczosOptions, cancellation: CancellationFlag?
  ) {
    self.op = op
    self.count = count
    self.selection = selection
    self.options = options
    self.cancellation = cancellation
    generator = SeededGenerator(seed: options.seed)
  }

  /// The outcome of one run: what it locked, and its best unconverged wanted pairs.
  private struct Run {
    var lockedValues: [Double] = []
    var candidates: [(value: Double, vector: [Double], residual: Double)] = []
    var restartVector: [Double]?
    var cancelled = false
  }

  private var dimension: Int { op.dimension }
  private var residualTolerance: Double { options.tolerance * max(scale, Double.leastNormalMagnitude) }

  mutating func solve() throws -> LanczosEigenResult {
    var start = randomVector()
    var verifying = false
    var restarts = 0
    while true {
      let need = max(1, count - lockedValues.count)
      let kthBefore = kthLocked()
      let run = try self.run(from: start, need: need)
      if run.cancelled { return try finish(candidates: run.candidates, stop: .cancelled, restarts: restarts) }
      let full = lockedValues.count >= dimension
      if let kth = kthLocked() {
        // A run changed the top k if it locked a value strictly ahead of the old k-th (a
        // further copy of a value already there changes nothing), or its best unconverged
        // value is still ahead of the k-th.
        let newInTop = kthBefore.map { old in run.lockedValues.contains { selection.precedes($0, old) } } ?? true
        let pending = run.candidates.first.map { selection.precedes($0.value, kth) } ?? false
        if full || !options.checkMultiplicity || (verifying && !newInTop && !pending) {
          return try finish(candidates: [], stop: .converged, restarts: restarts)
        }
        start = verifying && pending ? (run.restartVector ?? randomVector()) : randomVector()
        verifying = true
      } else {
        start = run.restartVector ?? randomVector()
      }
      if restarts == options.maxRestarts || full {
        return try finish(candidates: run.candidates, stop: .restartLimit, restarts: restarts)
      }
      restarts += 1
    }
  }

  /// The k-th locked value in selection order, once k are locked.
  private func kthLocked() -> Double? {
    lockedValues.count >= count ? rankedLocked()[count - 1] : nil
  }

  /// One Lanczos run from `start`, deflated by the locked vectors: steps until the `need`
  /// first-ranked Ritz pairs meet the tolerance, the basis is full, or the space is invariant.
  private mutating func run(from start: [Double], need: Int) throws -> Run {
    var outcome = Run()
    let lockedCount = lockedValues.count
    guard
      var process = LanczosProcess(
        start: start, locked: lockedVectors, lockedCount: lockedCount, reorthogonalisation: .full)
    else { return outcome }
    let maxSteps = min(options.maxBasis ?? max(100, 3 * count), dimension - lockedCount)
    var nextCheck = min(need, maxSteps)
    while true {
      if cancellation?.isSet == true {
        outcome.cancelled = true
        break
      }
      let more = process.step(op)
      applications += 1
      guard !more || process.steps >= nextCheck || process.steps >= maxSteps else { continue }
      let (ranked, converged) = rank(process, try process.ritz(), need: need)
      if converged.count >= min(need, ranked.count) || !more || process.steps >= maxSteps { break }
      nextCheck = process.steps + max(5, process.steps / 10)
    }
    guard process.steps > 0 else { return outcome }
    try lockAndCollect(process, need: need, into: &outcome)
    return outcome
  }

  /// Ritz columns in selection order, and the longest prefix of them that has converged.
  private mutating func rank(_ process: LanczosProcess, _ ritz: TridiagonalEigen, need: Int)
    -> (ranked: [Int], converged: [Int])
  {
    scale = max(scale, ritz.values.map { abs($0) }.max() ?? 0)
    let ranked = (0..<ritz.n).sorted { selection.precedes(ritz.values[$0], ritz.values[$1]) }
    let prefix = ranked.prefix { process.residualEstimate(ritz, column: $0) <= residualTolerance }
    return (ranked, Array(prefix.prefix(need)))
  }

  /// Locks the converged prefix of the run's wanted Ritz pairs and records the rest as
  /// candidates (and the first of them as the restart vector).
  private mutating func lockAndCollect(_ process: LanczosProcess, need: Int, into outcome: inout Run) throws {
    let ritz = try process.ritz()
    let (ranked, converged) = rank(process, ritz, need: need)
    let rest = Array(ranked.dropFirst(converged.count).prefix(max(0, need - converged.count)))
    let vectors = process.ritzVectors(ritz, columns: converged + rest)
    let p = dimension
    for (row, column) in converged.enumerated() {
      lockedVectors.append(contentsOf: vectors[(row * p)..<((row + 1) * p)])
      lockedValues.append(ritz.values[column])
      outcome.lockedValues.append(ritz.values[column])
    }
    for (offset, column) in rest.enumerated() {
      let row = converged.count + offset
      let vector = Array(vectors[(row * p)..<((row + 1) * p)])
      outcome.candidates.append((ritz.values[column], vector, process.residualEstimate(ritz, column: column)))
    }
    outcome.restartVector = outcome.candidates.first?.vector
  }

  /// The locked values in selection order.
  private func rankedLocked() -> [Double] {
    lockedValues.sorted { selection.precedes($0, $1) }
  }

  /// The answer: the best `count` of the locked pairs, topped up with the candidates,
  /// residuals computed explicitly (one block application) unless cancelled.
  private mutating func finish(
    candidates: [(value: Double, vector: [Double], residual: Double)], stop: LanczosStop, restarts: Int
  ) throws -> LanczosEigenResult {
    let p = dimension
    var chosen: [(value: Double, vector: [Double], estimate: Double, converged: Bool)] = []
    let order = lockedValues.indices.sorted { selection.precedes(lockedValues[$0], lockedValues[$1]) }
    for i in order.prefix(count) {
      chosen.append((lockedValues[i], Array(lockedVectors[(i * p)..<((i + 1) * p)]), 0, true))
    }
    for c in candidates where chosen.count < count { chosen.append((c.value, c.vector, c.residual, false)) }
    chosen.sort { selection.precedes($0.value, $1.value) }
    var residuals = chosen.map(\.estimate)
    if stop != .cancelled, !chosen.isEmpty {
      let image = op.apply(block: chosen.flatMap(\.vector), count: chosen.count)
      applications += chosen.count
      for (row, pair) in chosen.enumerated() {
        var r = Array(image[(row * p)..<((row + 1) * p)])
        KrylovKernels.axpy(-pair.value, pair.vector, &r)
        residuals[row] = KrylovKernels.norm(r)
      }
    }
    let pairs = chosen.enumerated().map { row, pair in
      RitzPair(value: pair.value, vector: pair.vector, residual: residuals[row], converged: pair.converged)
    }
    return LanczosEigenResult(
      pairs: pairs, selection: selection, residualTolerance: residualTolerance,
      operatorApplications: applications, restarts: restarts, stop: stop)
  }

  private mutating func randomVector() -> [Double] {
    (0..<dimension).map { _ in generator.nextNormal() }
  }
}
