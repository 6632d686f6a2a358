import CLapack
import Foundation
import MathCore

/// A step of the Newton-type critical-point search in the Hessian's eigenbasis H = V diag(λ) Vᵀ,
/// with c = Vᵀ∇L: which filter of the Newton step −cᵢ/λᵢ it applies.
enum NewtonFilter: Equatable {
  /// Levenberg–Marquardt on the residual ∇L (Jacobian H): sᵢ = −λᵢcᵢ / (λᵢ² + μ), the
  /// minimiser of ‖∇L + Hδ‖² within a trust region whose radius μ sets.
  case damped(Double)
  /// The pseudo-inverse with eigenvalues |λᵢ| ≤ τ taken as zero: sᵢ = −cᵢ/λᵢ above τ, else 0
  /// (Newton-MR's H⁺∇L, which leaves the near-null space alone).
  case truncated(Double)

  /// The same filter half a decade either side (√10 larger and smaller).
  var neighbours: [NewtonFilter] {
    let r = 10.0.squareRoot()
    switch self {
    case .damped(let mu): return [.damped(mu * r), .damped(mu / r)]
    case .truncated(let tau): return [.truncated(tau * r), .truncated(tau / r)]
    }
  }

  /// The whole family for a spectrum of scale s = max|λ|: dampings s²·10^(−k) (k = 0…18)
  /// and cut-offs s·10^(−k) (k = 0…12).
  static func family(scale: Double) -> [NewtonFilter] {
    let factors = (0...18).map { (k: Int) -> Double in Foundation.pow(10, -Double(k)) }
    return factors.map { .damped(scale * scale * $0) } + factors.prefix(13).map { .truncated(scale * $0) }
  }

  /// This filter and up to two decades either side in half decades (9 filters).
  var around: [NewtonFilter] {
    (-4...4).map { (k: Int) -> NewtonFilter in
      let factor = Foundation.pow(10, Double(k) / 2)
      switch self {
      case .damped(let mu): return .damped(mu * factor)
      case .truncated(let tau): return .truncated(tau * factor)
      }
    }
  }

  /// The step's coordinates in the eigenbasis.
  func step(_ lambda: [Double], _ c: [Double]) -> [Double] {
    switch self {
    case .damped(let mu): return zip(lambda, c).map { -$0 * $1 / ($0 * $0 + mu) }
    case .truncated(let tau): return zip(lambda, c).map { abs($0) > tau ? -$1 / $0 : 0 }
    }
  }
}

extension MLP {
  /// Newton-type search for ∇L = 0 on the exact Hessian (P ≤ the full-Hessian limit).
  ///
  /// Each Newton iteration computes H (`hessian(on:)`) and factors it once (LAPACK
  /// `dsyevd`, H = V diag(λ) Vᵀ); every step after that is priced in the eigenbasis: a
  /// filter of the Newton step −cᵢ/λᵢ (c = Vᵀ∇L) costs two O(P²) products and one exact
  /// gradient, against O(P³) for the factorisation (P = 141: about 0.05 ms against 4.5 ms;
  /// P = 1,021: 1 ms against 0.2 s). The first Hessian searches the whole family —
  /// Levenberg–Marquardt dampings μ = s²·10^(−k) (k = 0…18) and pseudo-inverse cut-offs
  /// τ = s·10^(−k) (k = 0…12), s = max|λ| — and keeps the step with the smallest ‖∇L‖ (a
  /// discrete exact line search along the damping curve); later ones search two decades
  /// either side of the last filter in half decades, and the whole family only when that
  /// fails. Small μ or τ is Newton's step (quadratic convergence at a non-degenerate
  /// critical point of any index); the truncated steps leave the near-null space alone
  /// (Newton-MR). Then chord steps on the same eigenbasis (`chordSteps`) while they pay for
  /// themselves against a new Hessian. When the best filtered step does not halve ‖∇L‖, the
  /// long Newton step with corrections (`longNewtonStep`) is tried first, and after a
  /// failure only every 1, 2, 4, … iterations. Stops as stalled when the last
  /// `newtonStallWindow` iterations lowered ‖∇L‖ by less than `minimumProgress`.
  func newtonSearch(
    on data: Dataset, options: CriticalPointOptions, cancellation: CancellationFlag?
  ) throws -> CriticalSearch {
    var search = try CriticalSearch(start: self, data: data)
    let p = parameterCount
    var last: NewtonFilter? = nil
    var norms = [search.gradientNorm]  // ‖∇L‖ at the start of every Newton iteration
    var longStepWait = 0  // Newton iterations until the long step is tried again
    var longStepBackoff = 1  // doubled after every failed long step, back to 1 after a success
    while search.gradientNorm > options.tolerance, search.hessians < options.maxIterations {
      if cancellation?.isSet == true {
        search.stop = .interrupted
        return search
      }
      guard let h = try? search.model.hessian(on: data, cancellation: cancellation) else {
        search.stop = .interrupted
        return search
      }
      let basis = try NewtonBasis(hessian: h.elements, parameterCount: p)
      search.hessians += 1
      guard basis.scale > 0, basis.scale.isFinite else {
        search.stop = .stalled
        return search
      }
      var best = try last.flatMap { try bestTrial(search, $0.around, basis, data: data) }
      var trials = last == nil ? 0 : 9
      if best.map({ $0.1.norm >= search.gradientNorm }) ?? true {
        best = try bestTrial(search, NewtonFilter.family(scale: basis.scale), basis, data: data)
        trials += 34
        if let (filter, trial) = best, let refined = try bestTrial(search, filter.neighbours, basis, data: data),
          refined.1.norm < trial.norm
        {
          best = refined
        }
      }
      // Little progress along the damping curve: try the long Newton step with corrections.
      var tookLongStep = false
      if options.longNewtonSteps, longStepWait == 0, best.map({ $0.1.norm > 0.5 * search.gradientNorm }) ?? true {
        let (long, used) = try longNewtonStep(search, basis, data: data, cancellation: cancellation)
        search.hessians += used
        if let long, long.norm < min(best?.1.norm ?? .infinity, search.gradientNorm) {
          search.accept(long.model, loss: long.loss, gradient: long.gradient)
          (tookLongStep, last, longStepBackoff) = (true, nil, 1)
        } else {
          longStepWait = longStepBackoff
          longStepBackoff *= 2
        }
      } else if longStepWait > 0 {
        longStepWait -= 1
      }
      if !tookLongStep {
        guard let (filter, trial) = best, trial.norm < search.gradientNorm else {
          search.stop = .stalled
          return search
        }
        let start = search.gradientNorm
        search.accept(trial.model, loss: trial.loss, gradient: trial.gradient)
        last = filter
        try chordSteps(
          &search, &last, basis, cycleStart: start, cycleTrials: trials, data: data, options: options,
          cancellation: cancellation)
      }
      norms.append(search.gradientNorm)
      let window = options.newtonStallWindow
      if options.minimumProgress > 0, norms.count > window, search.gradientNorm > options.tolerance,
        search.gradientNorm > (1 - options.minimumProgress) * norms[norms.count - 1 - window]
      {
        search.stop = .stalled
        return search
      }
    }
    search.stop = search.gradientNorm <= options.tolerance ? .converged : .iterationLimit
    return search
  }

  /// The full Newton step (pseudo-inverse, eigenvalues below 1e-13·max|λ| left out), then
  /// `corrections` Newton steps on fresh Hessians restricted to |λ| > 1e-3·max|λ|: the
  /// trial at the end and the Hessians used. This is the step for ∇L along a direction of
  /// tiny curvature where the loss saturates (L ≈ a + b·e^(−kw) along a tanh unit's weight:
  /// Newton moves w by 1/k and divides that part of ∇L by e, whatever k), which every
  /// filtered step above refuses: moving that far breaks the stiff directions' quadratic
  /// model, and the corrections (which leave the flat direction alone) bring them back.
  private func longNewtonStep(
    _ search: CriticalSearch, _ basis: NewtonBasis, data: Dataset, cancellation: CancellationFlag?,
    corrections: Int = 3
  ) throws -> (NewtonTrial?, Int) {
    let predictor = NewtonFilter.truncated(1e-13 * basis.scale).step(basis.values, basis.coordinates(search.gradient))
    guard var trial = try NewtonTrial(search.model, step: predictor, basis: basis.vectors, data: data) else {
      return (nil, 0)
    }
    var used = 0
    for _ in 0..<corrections {
      guard cancellation?.isSet != true, let h = try? trial.model.hessian(on: data, cancellation: cancellation) else {
        return (nil, used)
      }
      let fresh = try NewtonBasis(hessian: h.elements, parameterCount: search.model.parameterCount)
      used += 1
      let step = NewtonFilter.truncated(1e-3 * fresh.scale).step(fresh.values, fresh.coordinates(trial.gradient))
      guard fresh.scale.isFinite, let next = try NewtonTrial(trial.model, step: step, basis: fresh.vectors, data: data)
      else { return (nil, used) }
      trial = next
      // No better than the start after a correction: spare the others.
      if trial.norm > search.gradientNorm { return (nil, used) }
    }
    return (trial, used)
  }

  /// The filter whose step gives the smallest finite ‖∇L‖, and that trial.
  private func bestTrial(
    _ search: CriticalSearch, _ filters: [NewtonFilter], _ basis: NewtonBasis, data: Dataset
  ) throws -> (NewtonFilter, NewtonTrial)? {
    let c = basis.coordinates(search.gradient)
    var best: (NewtonFilter, NewtonTrial)? = nil
    var seen: [[Double]] = []
    for filter in filters {
      let s = filter.step(basis.values, c)
      if seen.contains(s) { continue }
      seen.append(s)
      guard let trial = try NewtonTrial(search.model, step: s, basis: basis.vectors, data: data) else { continue }
      if best.map({ trial.norm < $0.1.norm }) ?? true { best = (filter, trial) }
    }
    return best
  }

  /// Steps on the same eigenbasis, each on the new gradient: the last filter, or when it
  /// fails to lower ‖∇L‖ its half-decade neighbours. They go on while they pay — while a
  /// step's gain in log ‖∇L‖ per trial is at least the average of this Newton iteration so
  /// far, counting the Hessian and its factorisation as `NewtonBasis.cost` trials (the
  /// marginal-value rule: a new Hessian is due once stale steps earn less than a fresh
  /// iteration does on average).
  private func chordSteps(
    _ search: inout CriticalSearch, _ filter: inout NewtonFilter?, _ basis: NewtonBasis, cycleStart: Double,
    cycleTrials: Int, data: Dataset, options: CriticalPointOptions, cancellation: CancellationFlag?
  ) throws {
    var spent = Double(cycleTrials) + basis.cost
    while search.gradientNorm > options.tolerance, cancellation?.isSet != true, let current = filter {
      var tried = 1
      var found = try bestTrial(search, [current], basis, data: data)
      if found.map({ $0.1.norm >= search.gradientNorm }) ?? true {
        found = try bestTrial(search, current.neighbours, basis, data: data)
        tried += 2
      }
      guard let (next, trial) = found, trial.norm < search.gradientNorm else { return }
      let average = Foundation.log(cycleStart / search.gradientNorm) / spent
      let marginal = Foundation.log(search.gradientNorm / trial.norm) / Double(tried)
      spent += Double(tried)
      search.accept(trial.model, loss: trial.loss, gradient: trial.gradient)
      filter = next
      if marginal < average { return }
    }
  }
}

/// The Hessian's eigendecomposition H = V diag(λ) Vᵀ (one `dsyevd`), in which every filtered
/// Newton step costs two O(P²) products.
struct NewtonBasis {
  let values: [Double]
  /// The eigenvectors as the columns of a row-major P × P array.
  let vectors: [Double]
  /// max|λ|.
  let scale: Double
  /// The Hessian and its factorisation priced in trial steps (a gradient and two O(P²)
  /// products each): about P/5, from timings of 1-10-10-1 (P = 141: 4.5 ms against 0.05 ms)
  /// and 1-30-30-1 (P = 1,021: 0.2 s against 1.2 ms) nets on 64 points. A fixed model, not
  /// a clock, so that every result depends only on its inputs.
  var cost: Double { Double(values.count) / 5 }

  init(hessian: [Double], parameterCount p: Int) throws {
    (values, vectors) = try DenseLinearAlgebra.symmetricEigen(hessian, n: p)
    scale = values.map(abs).max() ?? 0
  }

  /// Vᵀx.
  func coordinates(_ x: [Double]) -> [Double] { MLP.multiply(vectors, values.count, x, transposed: true) }
}

/// The network after one trial step, with its loss, gradient and ‖∇L‖.
struct NewtonTrial {
  let model: MLP
  let loss: Double
  let gradient: [Double]
  let norm: Double

  /// θ + V·step; nil when the loss or gradient there is not finite.
  init?(_ start: MLP, step: [Double], basis v: [Double], data: Dataset) throws {
    guard step.allSatisfy(\.isFinite) else { return nil }
    let delta = MLP.multiply(v, step.count, step, transposed: false)
    model = try start.with(parameters: zip(start.parameters, delta).map { $0 + $1 })
    (loss, gradient) = try model.lossAndGradient(on: data)
    norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
    guard loss.isFinite, norm.isFinite else { return nil }
  }
}
