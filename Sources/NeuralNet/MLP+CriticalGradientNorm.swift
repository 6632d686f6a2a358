import MathCore

extension MLP {
  /// L-BFGS (memory 10) on f = ½‖∇L‖², whose gradient H∇L is one Hessian-vector product,
  /// with a backtracking Armijo line search (c₁ = 1e-4, halving, 40 tries). The first step
  /// along −∇f has length f/‖∇f‖², where the linear model of f reaches 0; later steps use
  /// the usual sᵀy/yᵀy scaling. Minimising ‖∇L‖² can stop where H∇L ≈ 0 but ∇L ≠ 0
  /// (gradient-flat regions): the result's `gradientFlatness` shows it.
  func gradientNormDescent(
    on data: Dataset, options: CriticalPointOptions, cancellation: CancellationFlag?
  ) throws -> CriticalSearch {
    var search = try CriticalSearch(start: self, data: data)
    var direction = try search.model.hessianVectorProduct(search.gradient, on: data)
    var history = LimitedMemory(capacity: 10)
    while search.gradientNorm > options.tolerance, search.iterations < options.maxIterations {
      if cancellation?.isSet == true {
        search.stop = .interrupted
        return search
      }
      let f0 = 0.5 * search.gradientNorm * search.gradientNorm
      var d =
        history.isEmpty
        ? direction.map { -$0 * f0 / max(Self.dot(direction, direction), 1e-300) }
        : history.descent(direction)
      var slope = Self.dot(direction, d)
      if !(slope < 0) {
        history = LimitedMemory(capacity: 10)
        d = direction.map { -$0 * f0 / max(Self.dot(direction, direction), 1e-300) }
        slope = Self.dot(direction, d)
      }
      guard slope < 0 else {
        search.stop = .stalled
        return search
      }
      var t = 1.0
      var next: (MLP, Double, [Double])? = nil
      for _ in 0..<40 where next == nil {
        let trial = try search.model.with(parameters: zip(search.model.parameters, d).map { $0 + t * $1 })
        let (l, g) = try trial.lossAndGradient(on: data)
        let f = 0.5 * Self.dot(g, g)
        if f.isFinite, l.isFinite, f <= f0 + 1e-4 * t * slope { next = (trial, l, g) } else { t *= 0.5 }
      }
      guard let (model, l, g) = next else {
        search.stop = .stalled
        return search
      }
      let newDirection = try model.hessianVectorProduct(g, on: data)
      history.append(step: d.map { $0 * t }, change: zip(newDirection, direction).map { $0 - $1 })
      direction = newDirection
      search.accept(model, loss: l, gradient: g)
    }
    search.stop = search.gradientNorm <= options.tolerance ? .converged : .iterationLimit
    return search
  }

  static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
}

/// The last few (s, y) pairs of L-BFGS and its two-loop recursion.
struct LimitedMemory {
  let capacity: Int
  private var pairs: [(s: [Double], y: [Double], rho: Double)] = []

  init(capacity: Int) { self.capacity = capacity }

  var isEmpty: Bool { pairs.isEmpty }

  /// Keeps the pair when sᵀy > 0 (curvature condition; otherwise the update would not stay
  /// positive definite, as f's Hessian need not be).
  mutating func append(step s: [Double], change y: [Double]) {
    let sy = MLP.dot(s, y)
    guard sy > 1e-12 * MLP.dot(s, s).squareRoot() * MLP.dot(y, y).squareRoot(), sy.isFinite else { return }
    if pairs.count == capacity { pairs.removeFirst() }
    pairs.append((s, y, 1 / sy))
  }

  /// −H̃·gradient by the two-loop recursion, H̃₀ = (sᵀy / yᵀy) I from the newest pair.
  func descent(_ gradient: [Double]) -> [Double] {
    var q = gradient
    var alphas = [Double](repeating: 0, count: pairs.count)
    for i in pairs.indices.reversed() {
      alphas[i] = pairs[i].rho * MLP.dot(pairs[i].s, q)
      for j in q.indices { q[j] -= alphas[i] * pairs[i].y[j] }
    }
    if let last = pairs.last {
      let gamma = MLP.dot(last.s, last.y) / MLP.dot(last.y, last.y)
      for j in q.indices { q[j] *= gamma }
    }
    for i in pairs.indices {
      let beta = pairs[i].rho * MLP.dot(pairs[i].y, q)
      for j in q.indices { q[j] += (alphas[i] - beta) * pairs[i].s[j] }
    }
    return q.map { -$0 }
  }
}
