import CLapack

/// The recursions and blocks of `HessianAssembly` over one chunk of rows. Hot loops: the
/// elementwise scalings between the `gemm`s are plain index loops over raw pointers.
extension HessianAssembly {
  /// M_L per example: 2/n·I for mse, (diag p − ppᵀ)/N for softmax cross-entropy.
  func outputCurvature(rows: Int, normaliser: Int) {
    let last = layout.layerCount
    let c = layout.outputs(last)
    let m = curvatures[last - 1]
    let scale = 1 / Double(normaliser)
    m.update(repeating: 0, count: rows * c * c)
    switch engine.loss {
    case .meanSquaredError:
      for r in 0..<rows {
        for j in 0..<c { m[(r * c + j) * c + j] = 2 * scale }
      }
    case .crossEntropy:
      var probabilities = [Double](repeating: 0, count: c)
      for r in 0..<rows {
        let z = engine.pass.pre[last - 1] + r * c
        var top = z[0]
        for j in 1..<c where z[j] > top { top = z[j] }
        var sum = 0.0
        for j in 0..<c {
          probabilities[j] = Double.exp(z[j] - top)
          sum += probabilities[j]
        }
        let block = m + r * c * c
        for i in 0..<c {
          for j in 0..<c { block[i * c + j] = -scale * probabilities[i] * probabilities[j] / (sum * sum) }
          block[i * c + i] += scale * probabilities[i] / sum
        }
      }
    }
  }

  /// M_l = D_l W₍l+1₎ᵀ M₍l+1₎ W₍l+1₎ D_l + diag((δ₍l+1₎W₍l+1₎) ⊙ σ″(z_l)) for every example.
  func backCurvature(_ p: UnsafePointer<Double>, layer l: Int, rows: Int) {
    let (n, above) = (layout.outputs(l), layout.outputs(l + 1))
    let w = p + layout.weightOffset(l + 1)
    Double.gemm(
      transposeA: false, transposeB: false, m: rows * above, n: n, k: above, alpha: 1, a: curvatures[l], lda: above,
      b: w, ldb: n, beta: 0, c: product, ldc: n)
    let m = curvatures[l - 1]
    let (slope, bend, back) = (engine.slopes[l - 1], engine.bends[l - 1], engine.backs[l - 1])
    for r in 0..<rows {
      let block = m + r * n * n
      Double.gemm(
        transposeA: true, transposeB: false, m: n, n: n, k: above, alpha: 1, a: w, lda: n, b: product + r * above * n,
        ldb: n, beta: 0, c: block, ldc: n)
      let s = slope + r * n
      for i in 0..<n {
        for k in 0..<n { block[i * n + k] *= s[i] * s[k] }
        block[i * n + i] += back[r * n + i] * bend[r * n + i]
      }
    }
  }

  /// T₍m+1,m₎, then S_{l,m} = D_l T_{l,m} and T₍l+1,m₎ = W₍l+1₎ S_{l,m} up to the last layer.
  func jacobianChain(_ p: UnsafePointer<Double>, from m: Int, rows: Int) {
    let (nIn, nOut, pm) = (layout.inputs(m), layout.outputs(m), Self.parameters(layout, m))
    let above = layout.outputs(m + 1)
    let w = p + layout.weightOffset(m + 1)
    let t = jacobians[pairIndex(m + 1, m)]!
    let (a, slope) = (engine.pass.activations(m - 1), engine.slopes[m - 1])
    for k in 0..<above {
      for r in 0..<rows {
        let row = t + (k * rows + r) * pm
        for i in 0..<nOut {
          let factor = w[k * nOut + i] * slope[r * nOut + i]
          for j in 0..<nIn { row[i * nIn + j] = factor * a[r * nIn + j] }
          if layout.bias { row[nOut * nIn + i] = factor }
        }
      }
    }
    var l = m + 1
    while l < layout.layerCount {
      let (n, next) = (layout.outputs(l), layout.outputs(l + 1))
      let (source, target) = (jacobians[pairIndex(l, m)]!, scaled[pairIndex(l, m)]!)
      let s = engine.slopes[l - 1]
      for k in 0..<n {
        for r in 0..<rows {
          let factor = s[r * n + k]
          let base = (k * rows + r) * pm
          for q in 0..<pm { target[base + q] = factor * source[base + q] }
        }
      }
      Double.gemm(
        transposeA: false, transposeB: false, m: next, n: rows * pm, k: n, alpha: 1, a: p + layout.weightOffset(l + 1),
        lda: n, b: target, ldb: rows * pm, beta: 0, c: jacobians[pairIndex(l + 1, m)]!, ldc: rows * pm)
      l += 1
    }
  }

  /// H_{ll} += Σ_n M_l ⊗ ã ãᵀ: for each output unit i, (M_l[·, i, ·])ᵀ·(ã ãᵀ rows), scattered.
  func diagonalBlock(layer l: Int, into h: UnsafeMutablePointer<Double>, rows: Int) {
    let (nIn, n) = (layout.inputs(l), layout.outputs(l))
    let width = nIn + (layout.bias ? 1 : 0)
    let a = engine.pass.activations(l - 1)
    for r in 0..<rows {
      let row = outer + r * width * width
      for j in 0..<width {
        let aj = j < nIn ? a[r * nIn + j] : 1
        for k in 0..<width { row[j * width + k] = aj * (k < nIn ? a[r * nIn + k] : 1) }
      }
    }
    let pCount = parameterCount
    let (wOff, bOff) = (layout.weightOffset(l), layout.biasOffset(l))
    for i in 0..<n {
      Double.gemm(
        transposeA: true, transposeB: false, m: n, n: width * width, k: rows, alpha: 1, a: curvatures[l - 1] + i * n,
        lda: n * n, b: outer, ldb: width * width, beta: 0, c: blockRows, ldc: width * width)
      for j in 0..<width {
        let target = h + (j < nIn ? wOff + i * nIn + j : bOff + i) * pCount
        for i2 in 0..<n {
          let source = blockRows + i2 * width * width + j * width
          let columns = target + wOff + i2 * nIn
          for k in 0..<nIn { columns[k] += source[k] }
          if layout.bias { target[bOff + i2] += source[nIn] }
        }
      }
    }
  }

  /// H_{lm} for m < l: the M_l T_{l,m} ⊗ ã term and the δ_l ⊗ D₍l−1₎T₍l−1,m₎ term.
  func offDiagonalBlock(layer l: Int, column m: Int, into h: UnsafeMutablePointer<Double>, rows: Int) {
    let (nIn, n, pm) = (layout.inputs(l), layout.outputs(l), Self.parameters(layout, m))
    let pCount = parameterCount
    let (wOff, bOff, mOff) = (layout.weightOffset(l), layout.biasOffset(l), layout.weightOffset(m))
    let t = jacobians[pairIndex(l, m)]!
    let curvature = curvatures[l - 1]
    for r in 0..<rows {
      Double.gemm(
        transposeA: false, transposeB: false, m: n, n: pm, k: n, alpha: 1, a: curvature + r * n * n, lda: n,
        b: t + r * pm, ldb: rows * pm, beta: 0, c: mixed + r * n * pm, ldc: pm)
    }
    let a = engine.pass.activations(l - 1)
    for i in 0..<n {
      Double.gemm(
        transposeA: true, transposeB: false, m: nIn, n: pm, k: rows, alpha: 1, a: a, lda: nIn, b: mixed + i * pm,
        ldb: n * pm, beta: 1, c: h + (wOff + i * nIn) * pCount + mOff, ldc: pCount)
      if layout.bias {
        cblas_dgemv(
          CblasRowMajor, CblasTrans, Int32(rows), Int32(pm), 1, mixed + i * pm, Int32(n * pm), ones, 1, 1,
          h + (bOff + i) * pCount + mOff, 1)
      }
    }
    if m == l - 1 {
      selectedRowTerm(layer: l, into: h, rows: rows)
    } else {
      let s = scaled[pairIndex(l - 1, m)]!
      for j in 0..<nIn {
        Double.gemm(
          transposeA: true, transposeB: false, m: n, n: pm, k: rows, alpha: 1, a: engine.deltas[l - 1], lda: n,
          b: s + j * rows * pm, ldb: pm, beta: 1, c: h + (wOff + j) * pCount + mOff, ldc: nIn * pCount)
      }
    }
  }

  /// H[(i, j) of θ_l, (j, j′) of θ₍l−1₎] += Σ_n δ_l[i] σ′(z₍l−1₎[j]) ã₍l−2₎[j′]: T₍l−1,l−1₎
  /// selects row j of θ₍l−1₎, so each j is one `gemm` with ã₍l−2₎.
  private func selectedRowTerm(layer l: Int, into h: UnsafeMutablePointer<Double>, rows: Int) {
    let (nIn, n, below) = (layout.inputs(l), layout.outputs(l), layout.inputs(l - 1))
    let pCount = parameterCount
    let (wOff, lowerW, lowerB) = (layout.weightOffset(l), layout.weightOffset(l - 1), layout.biasOffset(l - 1))
    let (delta, slope) = (engine.deltas[l - 1], engine.slopes[l - 2])
    let a = engine.pass.activations(l - 2)
    for j in 0..<nIn {
      for r in 0..<rows {
        let s = slope[r * nIn + j]
        for i in 0..<n { weighted[r * n + i] = delta[r * n + i] * s }
      }
      let target = h + (wOff + j) * pCount
      Double.gemm(
        transposeA: true, transposeB: false, m: n, n: below, k: rows, alpha: 1, a: weighted, lda: n, b: a, ldb: below,
        beta: 1, c: target + lowerW + j * below, ldc: nIn * pCount)
      guard layout.bias else { continue }
      for i in 0..<n {
        var sum = 0.0
        for r in 0..<rows { sum += weighted[r * n + i] }
        target[i * nIn * pCount + lowerB + j] += sum
      }
    }
  }
}
