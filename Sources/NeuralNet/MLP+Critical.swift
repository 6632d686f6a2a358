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
      search = try newtonSearch(on: data, options: options, cancellation: cancellation)
    } else {
      search = try gradientNormDescent(on: data, options: options, cancellation: cancellation)
    }
    return try search.describe(
      data: data, options: options, method: method, initialLoss: initialLoss, begin: begin, cancellation: cancellation)
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
  /// Hessians computed and factored (the O(P³) part of the cost).
  var hessians = 0
  var stop = CriticalPointStop.iterationLimit

  init(start: MLP, data: Dataset) throws {
    model = start
    (loss, gradient) = try start.lossAndGradient(on: data)
    gradientNorm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
    trajectory = [gradientNorm]
  }

  /// Whether ‖∇L‖ fell by less than `minimumProgress` over the last `stallWindow` iterations.
  func isStalling(_ options: CriticalPointOptions) -> Bool {
    guard options.minimumProgress > 0, trajectory.count > options.stallWindow, gradientNorm > options.tolerance else {
      return false
    }
    return gradientNorm > (1 - options.minimumProgress) * trajectory[trajectory.count - 1 - options.stallWindow]
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
    var flatShare: Double? = nil
    if model.parameterCount > options.fullHessianLimit {
      note = "\(model.parameterCount) parameters is above the full-spectrum limit \(options.fullHessianLimit)"
    } else if let h = try? model.hessian(on: data, cancellation: cancellation) {
      let (values, vectors) = try DenseLinearAlgebra.symmetricEigen(h.elements, n: model.parameterCount)
      flatShare = Self.flatShare(values, vectors, gradient)
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
      flatGradientShare: flatShare,
      eigenvalues: eigenvalues, counts: counts, curvatureNote: note, kind: kind, method: method,
      iterations: iterations, hessians: hessians, gradientNormTrajectory: trajectory, tolerance: options.tolerance,
      stop: stop,
      seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
  }

  /// ‖P∇L‖/‖∇L‖ for P the projection on the eigenvectors with |λ| ≤ 1e-3·max|λ|; nil when ∇L = 0.
  static func flatShare(_ values: [Double], _ vectors: [Double], _ gradient: [Double]) -> Double? {
    let p = values.count
    let c = MLP.multiply(vectors, p, gradient, transposed: true)
    let total = c.reduce(0) { $0 + $1 * $1 }
    guard total > 0 else { return nil }
    let cut = 1e-3 * (values.map(abs).max() ?? 0)
    let flat = zip(values, c).reduce(0.0) { abs($1.0) <= cut ? $0 + $1.1 * $1.1 : $0 }
    return (flat / total).squareRoot()
  }
}
