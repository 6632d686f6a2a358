/// The forward and backward passes of an MLP on a batch of rows, written once, generic over
/// the precision (`Float` for training, `Double` for exact work), every layer's product on
/// BLAS.
///
/// Design note: rows are examples (row-major, as the data sets store them), so layer l is
/// Z_l = A₍l−1₎·W_lᵀ (+ b_l), one `gemm` per layer over the whole batch, and the backward
/// pass is two more per layer: ∂W_l = Δ_lᵀ·A₍l−1₎ and Δ₍l−1₎ = (Δ_l·W_l) ⊙ σ′(Z₍l−1₎). The
/// input layer's Δ₀ is never formed. Buffers are allocated once per batch capacity and
/// reused, so a training step allocates nothing. Rejected: a general tape (allocation per
/// node, indirection per op) and per-example loops (matrix-vector speed at best); a second
/// specialised copy per precision (one generic copy specialises to `sgemm`/`dgemm`).
/// The pre-activations Z_l are kept, so σ′ and σ″ can be evaluated at them after the pass
/// (second-order methods need both). A single row (batch 1) takes `gemv` for the products
/// with W, whose packing would dominate a one-row `gemm`.
final class Backprop<T: NetScalar> {
  let layout: NetworkLayout
  let activation: Activation
  let loss: LossKind
  /// The most rows one pass takes.
  let capacity: Int
  /// Gathered input rows (capacity × n₀), for batches that are not a contiguous range.
  let gathered: UnsafeMutablePointer<T>
  /// Z_l for l = 1…L, at index l − 1 (capacity × n_l each).
  let pre: [UnsafeMutablePointer<T>]
  /// A_l = σ(Z_l) for hidden layers l = 1…L−1, at index l − 1.
  let post: [UnsafeMutablePointer<T>]
  /// Δ buffers (capacity × the widest non-input layer), swapped layer by layer.
  let delta: UnsafeMutablePointer<T>
  let spare: UnsafeMutablePointer<T>
  /// The rows the last forward pass read (the gathered buffer or the data itself).
  private(set) var input: UnsafePointer<T>

  init(layout: NetworkLayout, activation: Activation, loss: LossKind, capacity: Int) {
    self.layout = layout
    self.activation = activation
    self.loss = loss
    self.capacity = capacity
    let widest = layout.layerSizes.dropFirst().max() ?? 1
    gathered = .allocate(capacity: capacity * layout.layerSizes[0])
    pre = (1...layout.layerCount).map { .allocate(capacity: capacity * layout.outputs($0)) }
    post = (1..<layout.layerCount).map { .allocate(capacity: capacity * layout.outputs($0)) }
    delta = .allocate(capacity: capacity * widest)
    spare = .allocate(capacity: capacity * widest)
    input = UnsafePointer(gathered)
  }

  deinit {
    gathered.deallocate()
    for buffer in pre { buffer.deallocate() }
    for buffer in post { buffer.deallocate() }
    delta.deallocate()
    spare.deallocate()
  }

  /// A_l: the input rows for l = 0, else the hidden activations.
  func activations(_ l: Int) -> UnsafePointer<T> { l == 0 ? input : UnsafePointer(post[l - 1]) }

  /// Points the next pass at `rows` examples of `features` (N × n₀): the rows at
  /// `indices[0..<rows]` gathered into the buffer, or the contiguous rows from `start`.
  func load(features: UnsafePointer<T>, start: Int, indices: UnsafePointer<Int>?, rows: Int) {
    let width = layout.layerSizes[0]
    guard let indices else {
      input = features + start * width
      return
    }
    for r in 0..<rows { (gathered + r * width).update(from: features + indices[r] * width, count: width) }
    input = UnsafePointer(gathered)
  }

  /// The forward pass over the loaded rows with parameters `p`: fills Z_l and A_l.
  func forward(_ p: UnsafePointer<T>, rows: Int) {
    for l in 1...layout.layerCount {
      let nIn = layout.inputs(l)
      let nOut = layout.outputs(l)
      let z = pre[l - 1]
      if layout.bias {
        for r in 0..<rows { (z + r * nOut).update(from: p + layout.biasOffset(l), count: nOut) }
      }
      let beta: T = layout.bias ? 1 : 0
      if rows == 1 {
        T.gemv(
          transpose: false, m: nOut, n: nIn, alpha: 1, a: p + layout.weightOffset(l), lda: nIn, x: activations(l - 1),
          beta: beta, y: z)
      } else {
        T.gemm(
          transposeA: false, transposeB: true, m: rows, n: nOut, k: nIn, alpha: 1, a: activations(l - 1), lda: nIn,
          b: p + layout.weightOffset(l), ldb: nIn, beta: beta, c: z, ldc: nOut)
      }
      if l < layout.layerCount { activation.apply(z, into: post[l - 1], count: rows * nOut) }
    }
  }

  /// The backward pass from Δ_L (left in `delta` by `outputLoss`): writes ∂/∂θ into `g`, or
  /// adds to it when `accumulate` (for data taken in several chunks). Returns Δ₁ (rows × n₁).
  ///
  /// With `factorFirstLayer` (one row, no accumulation), ∂W₁ = Δ₁ᵀ·A₀ is left unwritten:
  /// it is the outer product of the returned Δ₁ and the input row, which a training step
  /// takes as it is (`OptimizerState.step(…outerProduct:)`).
  @discardableResult
  func backward(
    _ p: UnsafePointer<T>, rows: Int, gradient g: UnsafeMutablePointer<T>, accumulate: Bool,
    factorFirstLayer: Bool = false
  ) -> UnsafePointer<T> {
    precondition(!factorFirstLayer || (rows == 1 && !accumulate), "only one row factors")
    var d = delta
    var next = spare
    for l in stride(from: layout.layerCount, through: 1, by: -1) {
      let nIn = layout.inputs(l)
      let nOut = layout.outputs(l)
      if l > 1 || !factorFirstLayer {
        T.gemm(
          transposeA: true, transposeB: false, m: nOut, n: nIn, k: rows, alpha: 1, a: d, lda: nOut,
          b: activations(l - 1), ldb: nIn, beta: accumulate ? 1 : 0, c: g + layout.weightOffset(l), ldc: nIn)
      }
      if layout.bias {
        let gb = g + layout.biasOffset(l)
        if !accumulate { gb.update(repeating: 0, count: nOut) }
        for r in 0..<rows {
          let row = d + r * nOut
          for j in 0..<nOut { gb[j] += row[j] }
        }
      }
      guard l > 1 else { break }
      if rows == 1 {
        T.gemv(
          transpose: true, m: nOut, n: nIn, alpha: 1, a: p + layout.weightOffset(l), lda: nIn, x: d, beta: 0, y: next)
      } else {
        T.gemm(
          transposeA: false, transposeB: false, m: rows, n: nIn, k: nOut, alpha: 1, a: d, lda: nOut,
          b: p + layout.weightOffset(l), ldb: nIn, beta: 0, c: next, ldc: nIn)
      }
      activation.multiplyByDerivative(next, at: pre[l - 2], count: rows * nIn)
      swap(&d, &next)
    }
    return UnsafePointer(d)
  }
}
