import MathCore

/// Exact Hessian-vector products of an MLP's mean loss for a block of K directions at once,
/// by Pearlmutter's R-operator (R{f} = d/dt f(θ + t v) at t = 0) on BLAS, in `Float64`.
///
/// Design note: the ordinary forward and backward passes give Z_l, A_l and Δ_l = ∂L/∂Z_l;
/// the R-forward pass propagates R{Z_l} = R{A₍l−1₎}W_lᵀ + A₍l−1₎R{W_l}ᵀ + R{b_l} and
/// R{A_l} = σ′(Z_l) ⊙ R{Z_l}; the loss's curvature turns R{Z_L} into R{Δ_L} (2/n·R{Z_L} for
/// mse, (diag p − ppᵀ)R{Z_L}/N for softmax cross-entropy); the R-backward pass gives
/// R{∂W_l} = R{Δ_l}ᵀA₍l−1₎ + Δ_lᵀR{A₍l−1₎}, R{∂b_l} = Σ R{Δ_l} and
/// R{Δ₍l−1₎} = (R{Δ_l}W_l + Δ_l R{W_l}) ⊙ σ′ + (Δ_l W_l) ⊙ σ″ ⊙ R{Z₍l−1₎}. H v = R{∇L}.
/// Everything is exact (no finite differences). The K directions ride along as extra rows:
/// R-quantities are (rows·K) × n_l, example-major (row r·K + k is example r in direction k),
/// so R{A}W_lᵀ and R{Δ}W_l are one `dgemm` over all directions, and A·[R{W}⁽¹⁾ … R{W}⁽ᴷ⁾]ᵀ,
/// R{Δ}ᵀA, Δᵀ R{A} and Δ·[R{W}⁽¹⁾ | … | R{W}⁽ᴷ⁾] are one `dgemm` each once the directions'
/// weights are stacked. About 3 gradients of work per direction. Rejected: forward-over-
/// reverse duals through the generic passes (a dual `gemm` is four real ones and is not on
/// BLAS) and finite differences of gradients (not exact).
final class CurvaturePass {
  let layout: NetworkLayout
  let activation: Activation
  let loss: LossKind
  let directions: Int
  /// P: direction d occupies `d·P ..< (d+1)·P` of a block.
  let parameterCount: Int
  let pass: Backprop<Double>

  /// Δ_l (rows × n_l) for l = 1…L at index l − 1.
  let deltas: [UnsafeMutablePointer<Double>]
  /// Δ_l W_l before σ′ (rows × n₍l−1₎) for l = 2…L at index l − 2.
  let backs: [UnsafeMutablePointer<Double>]
  /// σ′(Z_l) and σ″(Z_l) (rows × n_l) for the hidden layers l = 1…L−1 at index l − 1,
  /// evaluated once per chunk and shared by all K directions.
  let slopes: [UnsafeMutablePointer<Double>]
  let bends: [UnsafeMutablePointer<Double>]
  /// R{Z_l} and R{A_l} ((rows·K) × n_l), index l − 1 (R{A_L} unused).
  let rz: [UnsafeMutablePointer<Double>]
  let ra: [UnsafeMutablePointer<Double>]
  /// R{Δ} buffers ((rows·K) × widest), swapped layer by layer.
  let rdelta: UnsafeMutablePointer<Double>
  let rnext: UnsafeMutablePointer<Double>
  /// Directions' weights of one layer, stacked ((K·n_out) × n_in) and side by side
  /// (n_out × (K·n_in)), and a scratch of the larger size.
  let stacked: UnsafeMutablePointer<Double>
  let sideBySide: UnsafeMutablePointer<Double>
  let scratch: UnsafeMutablePointer<Double>

  init(model: MLP, directions: Int, rows: Int) {
    layout = model.layout
    activation = model.activation
    loss = model.loss
    self.directions = directions
    parameterCount = layout.parameterCount
    pass = Backprop<Double>(layout: layout, activation: activation, loss: loss, capacity: rows)
    let sizes = layout.layerSizes
    let widest = sizes.max() ?? 1
    let largestLayer = (1...layout.layerCount).map { sizes[$0] * sizes[$0 - 1] }.max() ?? 1
    deltas = (1...layout.layerCount).map { .allocate(capacity: rows * sizes[$0]) }
    backs = (1...layout.layerCount).dropFirst().map { .allocate(capacity: rows * sizes[$0 - 1]) }
    slopes = (1..<layout.layerCount).map { .allocate(capacity: rows * sizes[$0]) }
    bends = (1..<layout.layerCount).map { .allocate(capacity: rows * sizes[$0]) }
    rz = (1...layout.layerCount).map { .allocate(capacity: rows * directions * sizes[$0]) }
    ra = (1...layout.layerCount).map { .allocate(capacity: rows * directions * sizes[$0]) }
    rdelta = .allocate(capacity: rows * directions * widest)
    rnext = .allocate(capacity: rows * directions * widest)
    stacked = .allocate(capacity: directions * largestLayer)
    sideBySide = .allocate(capacity: directions * largestLayer)
    scratch = .allocate(capacity: directions * largestLayer)
  }

  deinit {
    for buffer in deltas + backs + slopes + bends + rz + ra { buffer.deallocate() }
    for buffer in [rdelta, rnext, stacked, sideBySide, scratch] { buffer.deallocate() }
  }
}
