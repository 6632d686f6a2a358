import MathCore

extension MLP {
  /// The mean loss at `parameters` over `data`, computed the plain way: one example at a
  /// time, one multiply-add at a time, over any `Scalar`.
  ///
  /// This is the oracle the fast path is tested against (micrograd's lesson): evaluated on
  /// forward-mode duals it gives exact directional derivatives with no code shared with
  /// `Backprop`. Cross-entropy here is log Σ eᶻ − z_y without the max shift, so keep logits
  /// moderate. Too slow for real data; meant for small nets.
  public func oracleLoss<S: Scalar>(parameters p: [S], on data: Dataset) throws -> S {
    try check(data)
    precondition(p.count == parameterCount, "oracleLoss needs \(parameterCount) parameters")
    let x = data.features(as: Double.self)
    let layout = self.layout
    var total = S(0)
    for n in 0..<data.count {
      var a = (0..<inputCount).map { S(x[n * inputCount + $0]) }
      for l in 1...layout.layerCount {
        var z = [S]()
        for i in 0..<layout.outputs(l) {
          var s = bias ? p[layout.biasOffset(l) + i] : S(0)
          for j in 0..<layout.inputs(l) { s = s + p[layout.weightOffset(l) + i * layout.inputs(l) + j] * a[j] }
          z.append(s)
        }
        a = l < layout.layerCount ? z.map { activation.oracle($0) } : z
      }
      total = total + exampleLoss(a, target: data.targets, n)
    }
    let terms = loss == .crossEntropy ? data.count : data.count * outputCount
    return total / S(Double(terms))
  }

  /// One example's loss from its outputs, summed over outputs for mse.
  private func exampleLoss<S: Scalar>(_ z: [S], target: Targets, _ n: Int) -> S {
    switch (loss, target) {
    case (.crossEntropy, .classes(let labels, _)):
      var s = S(0)
      for v in z { s = s + S.exp(v) }
      return S.log(s) - z[labels[n]]
    case (.meanSquaredError, .classes(let labels, _)):
      var s = S(0)
      for (j, v) in z.enumerated() {
        let e = v - S(j == labels[n] ? 1 : 0)
        s = s + e * e
      }
      return s
    case (.meanSquaredError, .regression(let values)):
      let e = z[0] - S(values[n])
      return e * e
    case (.crossEntropy, .regression):
      preconditionFailure("refused by check")
    }
  }
}
