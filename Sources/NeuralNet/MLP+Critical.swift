import CLapack
import Dispatch
import MathCore

extension MLP {
  /// Drives ‖∇L‖ on `data` towards 0 from this network (`to_critical(net, data, tol:)`), in
  /// `Float64`, and describes the point reached: loss, ‖∇L‖, ‖H∇L‖/‖∇L‖, the Hessian's
  /// eigenvalue counts and minimum ratio, and a classification.
  ///
  /// Polls `cancellation` before every Hessian, trial step and line search, and returns the
  /// point reached so far (`stop == .interrupted`).
  ///
  /// - Throws: `NetworkError` for bad options or data that does not fit the network.
  public func toCritical(
    on data: Dataset, options: CriticalPointOptions = CriticalPointOptions(), cancellation: CancellationFlag? = nil
  ) throws -> CriticalPointResult {
    try options.validate()
    try check(data)
    let begin = DispatchTime.now().uptimeNanoseconds
    let initialLoss = try loss(on: data)
    var method = options.method
    if method == .automatic {
      method = parameterCount <= options.fullHessianLimit ? .levenbergMarquardt : .gradientNorm
    }
    var search: CriticalSearch
    if method == .levenbergMarquardt {
      guard parameterCount <= options.fullHessianLimit else {
        throw NetworkError.badOption(
          "levenberg_marquardt needs the full Hessian, and \(parameterCount) parameters is above the limit "
            + "\(options.fullHessianLimit); use method gradient_norm")
      }
      search = try levenbergMarquardt(on: data, options: options, cancellation: cancellation)
    } else {
      search = try gradientNormDescent(on: data, options: options, cancellation: cancellation)
    }
    return try search.describe(
      data: data, options: options, method: method, initialLoss: initialLoss, begin: begin, cancellation: cancellation)
  }

  /// Levenberg–Marquardt on the residual ∇L (Jacobian H), in H's eigenbasis H = V diag(λ) Vᵀ:
  /// with c = Vᵀ∇L the step is δ = −V (λᵢcᵢ / (λᵢ² + μ)), the model's residual has
  /// components cᵢμ / (λᵢ² + μ), and μ follows the gain ratio ρ (actual over predicted
  /// decrease of ‖∇L‖²) by Nielsen's rule: accept when ρ > 0 and scale μ by
  /// max(1/3, 1 − (2ρ − 1)³), else multiply μ by ν = 2, 4, 8, ….
  private func levenbergMarquardt(
    on data: Dataset, options: CriticalPointOptions, cancellation: CancellationFlag?
  ) throws -> CriticalSearch {
    var search = try CriticalSearch(start: self, data: data)
    var mu: Double? = nil
    while search.gradientNorm > options.tolerance, search.iterations < options.maxIterations {
      if cancellation?.isSet == true {
        search.stop = .interrupted
        return search
      }
      guard let h = try? search.model.hessian(on: data, cancellation: cancellation) else {
        search.stop = .interrupted
        return search
      }
      let p = parameterCount
      let (lambda, v) = try DenseLinearAlgebra.symmetricEigen(h.elements, n: p)
      let c = Self.multiply(v, p, search.gradient, transposed: true)
      var damping = mu ?? max(1e-3 * (lambda.map { $0 * $0 }.max() ?? 1), 1e-12)
      var nu = 2.0
      var accepted = false
      let g2 = search.gradientNorm * search.gradientNorm
      for _ in 0..<60 where !accepted {
        if cancellation?.isSet == true {
          search.stop = .interrupted
          return search
        }
        let s = (0..<p).map { -lambda[$0] * c[$0] / (lambda[$0] * lambda[$0] + damping) }
        let residual = (0..<p).map { c[$0] * damping / (lambda[$0] * lambda[$0] + damping) }
        let predicted = g2 - residual.reduce(0) { $0 + $1 * $1 }
        let delta = Self.multiply(v, p, s, transposed: false)
        let trial = try search.model.with(parameters: zip(search.model.parameters, delta).map { $0 + $1 })
        let (trialLoss, trialGradient) = try trial.lossAndGradient(on: data)
        let trialNorm2 = trialGradient.reduce(0) { $0 + $1 * $1 }
        let rho = predicted > 0 ? (g2 - trialNorm2) / predicted : -1
        if trialNorm2.isFinite, trialLoss.isFinite, rho > 0 {
          search.accept(trial, loss: trialLoss, gradient: trialGradient)
          damping *= max(1.0 / 3.0, 1 - (2 * rho - 1) * (2 * rho - 1) * (2 * rho - 1))
          accepted = true
        } else {
          damping *= nu
          nu *= 2
        }
      }
      mu = damping
      if !accepted {
        search.stop = .stalled
        return search
      }
    }
    search.stop = search.gradientNorm <= options.tolerance ? .converged : .iterationLimit
    return search
  }

  /// V·x or Vᵀ·x for a row-major P × P matrix V (`dgemv`).
  static func multiply(_ v: [Double], _ p: Int, _ x: [Double], transposed: Bool) -> [Double] {
    var y = [Double](repeating: 0, count: p)
    cblas_dgemv(
      CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, Int32(p), Int32(p), 1, v, Int32(p), x, 1, 0, &y, 1)
    return y
  }
}

/// The state of a search for a critical point: the current network, its loss and gradient,
/// and the trajectory of ‖∇L‖.
struct CriticalSearch {
  var model: MLP
  var loss: Double
  var gradient: [Double]
  var gradientNorm: Double
  var trajectory: [Double]
  var iterations = 0
  var stop = CriticalPointStop.iterationLimit

  init(start: MLP, data: Dataset) throws {
    model = start
    (loss, gradient) = try start.lossAndGradient(on: data)
    gradientNorm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
    trajectory = [gradientNorm]
  }

  mutating func accept(_ next: MLP, loss: Double, gradient: [Double]) {
    model = next
    self.loss = loss
    self.gradient = gradient
    gradientNorm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
    iterations += 1
    trajectory.append(gradientNorm)
  }

  /// The typed result: ‖H∇L‖/‖∇L‖ by one HVP, and the full spectrum's counts when P allows.
  func describe(
    data: Dataset, options: CriticalPointOptions, method: CriticalPointMethod, initialLoss: Double, begin: UInt64,
    cancellation: CancellationFlag?
  ) throws -> CriticalPointResult {
    let hg = try model.hessianVectorProduct(gradient, on: data)
    let flatness = gradientNorm > 0 ? hg.reduce(0) { $0 + $1 * $1 }.squareRoot() / gradientNorm : nil
    var eigenvalues: [Double]? = nil
    var counts: EigenvalueCounts? = nil
    var note: String? = nil
    if model.parameterCount > options.fullHessianLimit {
      note = "\(model.parameterCount) parameters is above the full-spectrum limit \(options.fullHessianLimit)"
    } else if let h = try? model.hessian(on: data, cancellation: cancellation) {
      let values = try DenseLinearAlgebra.symmetricEigen(h.elements, n: model.parameterCount).values
      let scale = values.map(abs).max() ?? 0
      let tol = options.zeroTolerance ?? max(1e-8 * scale, 10 * gradientNorm, Double.leastNormalMagnitude)
      eigenvalues = values
      counts = try EigenvalueCounts(values: values, tolerance: tol)
    } else {
      note = "interrupted before the Hessian was computed"
    }
    let reached = gradientNorm <= options.tolerance
    let kind: CriticalPointKind = !reached ? .notReached : counts.map(CriticalPointKind.classify) ?? .notClassified
    return CriticalPointResult(
      model: model, initialLoss: initialLoss, loss: loss, gradientNorm: gradientNorm, gradientFlatness: flatness,
      eigenvalues: eigenvalues, counts: counts, curvatureNote: note, kind: kind, method: method,
      iterations: iterations, gradientNormTrajectory: trajectory, tolerance: options.tolerance, stop: stop,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
  }
}
