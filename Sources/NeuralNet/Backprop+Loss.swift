/// Targets in the precision of a pass: class labels, or real values (one per example).
enum PassTargets<T: NetScalar> {
  case labels([Int])
  case values([T])

  init(_ targets: Targets) {
    switch targets {
    case .classes(let labels, _): self = .labels(labels)
    case .regression(let values): self = .values(values.map { T($0) })
    }
  }
}

extension Backprop {
  /// The loss of the rows of the last forward pass, as its share of a mean over `normaliser`
  /// terms (N examples for cross-entropy, N·outputs for mse, torch's reductions), and
  /// Δ_L = ∂(that share)/∂Z_L left in `delta` for `backward`. Row r is example
  /// `indices[r]`, or `start + r` when `indices` is nil.
  ///
  /// Cross-entropy subtracts each row's largest logit before exponentiating, so logits of
  /// ±1000 give exact losses (0 or 2000) and gradients (softmax − one-hot), not NaN.
  /// Per-row losses are summed in `Double`.
  func outputLoss(
    targets: PassTargets<T>, start: Int, indices: UnsafePointer<Int>?, rows: Int, normaliser: Int
  ) -> Double {
    let c = layout.outputs(layout.layerCount)
    let z = pre[layout.layerCount - 1]
    let scale = 1 / T(normaliser)
    var total = 0.0
    for r in 0..<rows {
      let example = indices?[r] ?? start + r
      let zr = z + r * c
      let dr = delta + r * c
      switch (loss, targets) {
      case (.crossEntropy, .labels(let labels)):
        let y = labels[example]
        var m = zr[0]
        for j in 1..<c where zr[j] > m { m = zr[j] }
        var s: T = 0
        for j in 0..<c {
          dr[j] = T.exp(zr[j] - m)
          s += dr[j]
        }
        total += Double(T.log(s) + (m - zr[y]))
        for j in 0..<c { dr[j] = dr[j] / s * scale }
        dr[y] -= scale
      case (.meanSquaredError, .labels(let labels)):
        let y = labels[example]
        for j in 0..<c {
          let e = zr[j] - (j == y ? 1 : 0)
          total += Double(e * e)
          dr[j] = 2 * e * scale
        }
      case (.meanSquaredError, .values(let values)):
        let e = zr[0] - values[example]
        total += Double(e * e)
        dr[0] = 2 * e * scale
      case (.crossEntropy, .values):
        preconditionFailure("cross-entropy on regression targets is refused by MLP.check")
      }
    }
    return total / Double(normaliser)
  }

  /// How many of the rows of the last forward pass have their largest output (the first on
  /// ties, as torch's argmax) at the label.
  func correct(labels: [Int], start: Int, indices: UnsafePointer<Int>?, rows: Int) -> Int {
    let c = layout.outputs(layout.layerCount)
    let z = pre[layout.layerCount - 1]
    var hits = 0
    for r in 0..<rows {
      let zr = z + r * c
      var best = 0
      for j in 1..<max(c, 1) where zr[j] > zr[best] { best = j }
      if best == labels[indices?[r] ?? start + r] { hits += 1 }
    }
    return hits
  }
}
