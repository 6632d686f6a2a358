/// The four passes of one Hessian-vector block over a chunk of rows (see `CurvaturePass`).
/// Hot loops: the elementwise products between the `gemm`s run once per entry of an
/// R-quantity, so they are written as plain index loops over raw pointers.
extension CurvaturePass {
  /// Adds the rows' share of H·v for the K directions `v` (K × P, row-major) into `out`.
  func accumulate(
    parameters p: UnsafePointer<Double>, directions v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
    features: UnsafePointer<Double>, targets: PassTargets<Double>, start: Int, rows: Int, normaliser: Int
  ) {
    prepare(parameters: p, features: features, targets: targets, start: start, rows: rows, normaliser: normaliser)
    rForward(p, v, rows: rows)
    outputCurvature(rows: rows, normaliser: normaliser)
    rBackward(p, v, into: out, rows: rows)
  }

  /// The plain passes over a chunk of rows: forward, the loss's Δ_L, σ′ and σ″ at every
  /// hidden pre-activation, and every Δ_l (shared with `HessianAssembly`).
  func prepare(
    parameters p: UnsafePointer<Double>, features: UnsafePointer<Double>, targets: PassTargets<Double>, start: Int,
    rows: Int, normaliser: Int
  ) {
    pass.load(features: features, start: start, indices: nil, rows: rows)
    pass.forward(p, rows: rows)
    _ = pass.outputLoss(targets: targets, start: start, indices: nil, rows: rows, normaliser: normaliser)
    activationDerivatives(rows: rows)
    plainBackward(p, rows: rows)
  }

  /// σ′ and σ″ at every hidden pre-activation.
  private func activationDerivatives(rows: Int) {
    for l in 1..<layout.layerCount {
      let z = pass.pre[l - 1]
      let (slope, bend) = (slopes[l - 1], bends[l - 1])
      for i in 0..<(rows * layout.outputs(l)) {
        slope[i] = activation.derivative(z[i])
        bend[i] = activation.secondDerivative(z[i])
      }
    }
  }

  /// Δ_l for every layer, keeping Δ_l W_l before σ′ (the σ″ term needs it).
  private func plainBackward(_ p: UnsafePointer<Double>, rows: Int) {
    let last = layout.layerCount
    deltas[last - 1].update(from: pass.delta, count: rows * layout.outputs(last))
    for l in stride(from: last, to: 1, by: -1) {
      let nIn = layout.inputs(l)
      let nOut = layout.outputs(l)
      let back = backs[l - 2]
      Double.gemm(
        transposeA: false, transposeB: false, m: rows, n: nIn, k: nOut, alpha: 1, a: deltas[l - 1], lda: nOut,
        b: p + layout.weightOffset(l), ldb: nIn, beta: 0, c: back, ldc: nIn)
      let slope = slopes[l - 2]
      let d = deltas[l - 2]
      for i in 0..<(rows * nIn) { d[i] = back[i] * slope[i] }
    }
  }

  /// R{Z_l} and R{A_l} for every layer.
  private func rForward(_ p: UnsafePointer<Double>, _ v: UnsafePointer<Double>, rows: Int) {
    let k = directions
    for l in 1...layout.layerCount {
      let nIn = layout.inputs(l)
      let nOut = layout.outputs(l)
      let out = rz[l - 1]
      stackWeights(v, layer: l)
      Double.gemm(
        transposeA: false, transposeB: true, m: rows, n: k * nOut, k: nIn, alpha: 1, a: pass.activations(l - 1),
        lda: nIn, b: stacked, ldb: nIn, beta: 0, c: out, ldc: k * nOut)
      if l > 1 {
        Double.gemm(
          transposeA: false, transposeB: true, m: rows * k, n: nOut, k: nIn, alpha: 1, a: ra[l - 2], lda: nIn,
          b: p + layout.weightOffset(l), ldb: nIn, beta: 1, c: out, ldc: nOut)
      }
      if layout.bias {
        for r in 0..<rows {
          for d in 0..<k {
            let row = out + (r * k + d) * nOut
            let b = v + d * parameterCount + layout.biasOffset(l)
            for j in 0..<nOut { row[j] += b[j] }
          }
        }
      }
      guard l < layout.layerCount else { continue }
      let slope = slopes[l - 1]
      let a = ra[l - 1]
      for r in 0..<rows {
        for d in 0..<k {
          let base = (r * k + d) * nOut
          for j in 0..<nOut { a[base + j] = slope[r * nOut + j] * out[base + j] }
        }
      }
    }
  }

  /// R{Δ_L} from R{Z_L}: the loss's Hessian with respect to the outputs, row by row.
  private func outputCurvature(rows: Int, normaliser: Int) {
    let last = layout.layerCount
    let c = layout.outputs(last)
    let k = directions
    let scale = 1 / Double(normaliser)
    let input = rz[last - 1]
    switch loss {
    case .meanSquaredError:
      for i in 0..<(rows * k * c) { rdelta[i] = 2 * scale * input[i] }
    case .crossEntropy:
      var probabilities = [Double](repeating: 0, count: c)
      for r in 0..<rows {
        let z = pass.pre[last - 1] + r * c
        var m = z[0]
        for j in 1..<c where z[j] > m { m = z[j] }
        var s = 0.0
        for j in 0..<c {
          probabilities[j] = Double.exp(z[j] - m)
          s += probabilities[j]
        }
        for j in 0..<c { probabilities[j] /= s }
        for d in 0..<k {
          let base = (r * k + d) * c
          var dot = 0.0
          for j in 0..<c { dot += probabilities[j] * input[base + j] }
          for j in 0..<c { rdelta[base + j] = scale * probabilities[j] * (input[base + j] - dot) }
        }
      }
    }
  }

  /// R{∂W_l}, R{∂b_l} added into `out`, and R{Δ₍l−1₎}, from the last layer down.
  private func rBackward(
    _ p: UnsafePointer<Double>, _ v: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, rows: Int
  ) {
    let k = directions
    var d = rdelta
    var next = rnext
    for l in stride(from: layout.layerCount, through: 1, by: -1) {
      let nIn = layout.inputs(l)
      let nOut = layout.outputs(l)
      let w = layout.weightOffset(l)
      Double.gemm(
        transposeA: true, transposeB: false, m: k * nOut, n: nIn, k: rows, alpha: 1, a: d, lda: k * nOut,
        b: pass.activations(l - 1), ldb: nIn, beta: 0, c: scratch, ldc: nIn)
      for dir in 0..<k {
        let target = out + dir * parameterCount + w
        let source = scratch + dir * nOut * nIn
        for i in 0..<(nOut * nIn) { target[i] += source[i] }
      }
      if layout.bias {
        for r in 0..<rows {
          for dir in 0..<k {
            let target = out + dir * parameterCount + layout.biasOffset(l)
            let row = d + (r * k + dir) * nOut
            for j in 0..<nOut { target[j] += row[j] }
          }
        }
      }
      guard l > 1 else { break }
      addDeltaTimesRA(layer: l, into: out, rows: rows)
      sideBySideWeights(v, layer: l)
      Double.gemm(
        transposeA: false, transposeB: false, m: rows * k, n: nIn, k: nOut, alpha: 1, a: d, lda: nOut,
        b: p + w, ldb: nIn, beta: 0, c: next, ldc: nIn)
      Double.gemm(
        transposeA: false, transposeB: false, m: rows, n: k * nIn, k: nOut, alpha: 1, a: deltas[l - 1], lda: nOut,
        b: sideBySide, ldb: k * nIn, beta: 1, c: next, ldc: k * nIn)
      let (slope, bend, back, rzPrevious) = (slopes[l - 2], bends[l - 2], backs[l - 2], rz[l - 2])
      for r in 0..<rows {
        for dir in 0..<k {
          let base = (r * k + dir) * nIn
          for i in 0..<nIn {
            let zi = r * nIn + i
            next[base + i] = next[base + i] * slope[zi] + back[zi] * bend[zi] * rzPrevious[base + i]
          }
        }
      }
      swap(&d, &next)
    }
  }

  /// Adds Δ_lᵀ R{A₍l−1₎} (one `dgemm` for all directions) into the W_l part of `out`.
  private func addDeltaTimesRA(layer l: Int, into out: UnsafeMutablePointer<Double>, rows: Int) {
    let k = directions
    let nIn = layout.inputs(l)
    let nOut = layout.outputs(l)
    Double.gemm(
      transposeA: true, transposeB: false, m: nOut, n: k * nIn, k: rows, alpha: 1, a: deltas[l - 1], lda: nOut,
      b: ra[l - 2], ldb: k * nIn, beta: 0, c: scratch, ldc: k * nIn)
    for dir in 0..<k {
      let target = out + dir * parameterCount + layout.weightOffset(l)
      for j in 0..<nOut {
        let source = scratch + j * k * nIn + dir * nIn
        for i in 0..<nIn { target[j * nIn + i] += source[i] }
      }
    }
  }

  /// The directions' W_l stacked: row d·n_out + j is row j of direction d's W_l.
  private func stackWeights(_ v: UnsafePointer<Double>, layer l: Int) {
    let size = layout.outputs(l) * layout.inputs(l)
    for d in 0..<directions {
      (stacked + d * size).update(from: v + d * parameterCount + layout.weightOffset(l), count: size)
    }
  }

  /// The directions' W_l side by side: row j is [row j of W⁽¹⁾ | … | row j of W⁽ᴷ⁾].
  private func sideBySideWeights(_ v: UnsafePointer<Double>, layer l: Int) {
    let nIn = layout.inputs(l)
    let nOut = layout.outputs(l)
    for d in 0..<directions {
      for j in 0..<nOut {
        (sideBySide + (j * directions + d) * nIn).update(
          from: v + d * parameterCount + layout.weightOffset(l) + j * nIn, count: nIn)
      }
    }
  }
}
