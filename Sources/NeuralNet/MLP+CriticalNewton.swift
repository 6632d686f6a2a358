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
  /// Every iteration computes H (`hessian(on:)`) and its eigendecomposition (LAPACK), then
  /// searches the whole family of filtered Newton steps: Levenberg–Marquardt dampings
  /// μ = s²·10^(−k) (k = 0…18) and pseudo-inverse cut-offs τ = s·10^(−k) (k = 0…12)
  /// (s = max|λ|), then half a decade either side of the best, each tried by one exact
  /// gradient at θ + V·step, and takes the step with the smallest ‖∇L‖ (a
  /// discrete exact line search along the damping curve: one O(P²) product and one gradient
  /// per trial, cheap beside the O(P³) eigendecomposition). Small μ or τ is Newton's step
  /// (quadratic convergence at a non-degenerate critical point of any index); large ones are
  /// short, safe steps; the truncated family handles gradient-flat regions, where the part
  /// of ∇L along near-zero eigenvalues cannot be removed by a short step and would make the
  /// full Newton step explode. After an accepted step the same filter is reused on the new
  /// gradient with the old eigenbasis (chord steps, no new Hessian) while ‖∇L‖ at least halves.
  func newtonSearch(
    on data: Dataset, options: CriticalPointOptions, cancellation: CancellationFlag?
  ) throws -> CriticalSearch {
    var search = try CriticalSearch(start: self, data: data)
    let p = parameterCount
    while search.gradientNorm > options.tolerance, search.iterations < options.maxIterations {
      if cancellation?.isSet == true {
        search.stop = .interrupted
        return search
      }
      guard let h = try? search.model.hessian(on: data, cancellation: cancellation) else {
        search.stop = .interrupted
        return search
      }
      let (lambda, v) = try DenseLinearAlgebra.symmetricEigen(h.elements, n: p)
      let scale = lambda.map(abs).max() ?? 0
      guard scale > 0, scale.isFinite else {
        search.stop = .stalled
        return search
      }
      let factors = (0...18).map { (k: Int) -> Double in Foundation.pow(10, -Double(k)) }
      let coarse: [NewtonFilter] =
        factors.map { NewtonFilter.damped(scale * scale * $0) } + factors.prefix(13).map { .truncated(scale * $0) }
      guard var (filter, trial) = try bestTrial(search, coarse, lambda, v, data: data) else {
        search.stop = .stalled
        return search
      }
      if let refined = try bestTrial(search, filter.neighbours, lambda, v, data: data), refined.1.norm < trial.norm {
        (filter, trial) = refined
      }
      guard trial.norm < search.gradientNorm else {
        search.stop = .stalled
        return search
      }
      search.accept(trial.model, loss: trial.loss, gradient: trial.gradient)
      try chordSteps(&search, filter, lambda, v, data: data, options: options, cancellation: cancellation)
      if search.isStalling(options) {
        search.stop = .stalled
        return search
      }
    }
    search.stop = search.gradientNorm <= options.tolerance ? .converged : .iterationLimit
    return search
  }

  /// The filter whose step gives the smallest finite ‖∇L‖, and that trial.
  private func bestTrial(
    _ search: CriticalSearch, _ filters: [NewtonFilter], _ lambda: [Double], _ v: [Double], data: Dataset
  ) throws -> (NewtonFilter, NewtonTrial)? {
    let c = Self.multiply(v, lambda.count, search.gradient, transposed: true)
    var best: (NewtonFilter, NewtonTrial)? = nil
    var seen: [[Double]] = []
    for filter in filters {
      let s = filter.step(lambda, c)
      if seen.contains(s) { continue }
      seen.append(s)
      guard let trial = try NewtonTrial(search.model, step: s, basis: v, data: data) else { continue }
      if best.map({ trial.norm < $0.1.norm }) ?? true { best = (filter, trial) }
    }
    return best
  }

  /// Steps with the same filter and eigenbasis on each new gradient while ‖∇L‖ at least halves.
  private func chordSteps(
    _ search: inout CriticalSearch, _ filter: NewtonFilter, _ lambda: [Double], _ v: [Double], data: Dataset,
    options: CriticalPointOptions, cancellation: CancellationFlag?
  ) throws {
    while search.gradientNorm > options.tolerance, search.iterations < options.maxIterations,
      cancellation?.isSet != true
    {
      let c = Self.multiply(v, lambda.count, search.gradient, transposed: true)
      guard let trial = try NewtonTrial(search.model, step: filter.step(lambda, c), basis: v, data: data),
        trial.norm <= 0.5 * search.gradientNorm
      else { return }
      search.accept(trial.model, loss: trial.loss, gradient: trial.gradient)
    }
  }
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
