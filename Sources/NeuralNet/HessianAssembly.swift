import MathCore

/// The exact Hessian of an MLP's mean loss assembled block by block from the layer structure,
/// in `Float64`, with `dgemm` over the examples of a chunk.
///
/// Design note. Per example, with z_l = W_l a₍l−1₎ + b_l, ã = [a; 1] (the 1 only with bias),
/// D_l = diag σ′(z_l), δ_l = ∂ℓ/∂z_l (the ordinary backward pass) and θ_l = (W_l, b_l):
/// - M_l = ∂²ℓ/∂z_l², backwards: M_L is the loss's curvature on the outputs (2/n·I for mse,
///   (diag p − ppᵀ)/N for softmax cross-entropy) and
///   M_l = D_l W₍l+1₎ᵀ M₍l+1₎ W₍l+1₎ D_l + diag((δ₍l+1₎W₍l+1₎) ⊙ σ″(z_l));
/// - T_{l,m} = ∂z_l/∂θ_m for m < l, forwards: T₍m+1,m₎[k, (i,j)] = W₍m+1₎[k,i] σ′(z_m[i]) ã₍m−1₎[j]
///   and T₍l+1,m₎ = W₍l+1₎ D_l T_{l,m} (one `dgemm` for all examples: T is stored k-major);
/// - the blocks, since z_l is linear in θ_l and ℓ sees θ_m (m < l) only through z_l:
///   H_{ll} = Σ_n M_l ⊗ ã₍l−1₎ã₍l−1₎ᵀ and
///   H_{lm}[(i,j), ·] = Σ_n (M_l T_{l,m})[i, ·] ã₍l−1₎[j] + δ_l[i] σ′(z₍l−1₎[j]) T₍l−1,m₎[j, ·]
///   (the second term has no bias row; T₍l−1,l−1₎ selects row j of θ₍l−1₎).
/// H_{ml} = H_{lm}ᵀ. The work is about Σ_l n_l²ñ₍l−1₎²N for the diagonal blocks plus
/// Σ_{m<l} n_l(n_l + ñ₍l−1₎)P_m N for the others: for 8-32-20-1 on 1,000 examples about
/// 1 GFLOP, where P Hessian-vector products cost about 3P gradients. Rejected: stacking
/// P unit directions through the R-operator (`CurvaturePass`, kept for H·v), which repeats
/// the forward work of every layer below a direction's layer for every direction.
final class HessianAssembly {
  let layout: NetworkLayout
  let engine: CurvaturePass
  let capacity: Int
  let parameterCount: Int
  /// M_l for l = 1…L at index l − 1: capacity × n_l × n_l, example-major.
  let curvatures: [UnsafeMutablePointer<Double>]
  /// M₍l+1₎W₍l+1₎ for one layer: capacity × widest × widest.
  let product: UnsafeMutablePointer<Double>
  /// T_{l,m} and S_{l,m} = D_l T_{l,m} (n_l × rows × P_m, k-major) for 1 ≤ m < l ≤ L, at
  /// `pairIndex(l, m)`; S only for l < L.
  var jacobians: [Int: UnsafeMutablePointer<Double>] = [:]
  var scaled: [Int: UnsafeMutablePointer<Double>] = [:]
  /// (M_l T_{l,m}) example by example (rows × n_l × P_m), and ã ãᵀ rows (rows × ñ²).
  let mixed: UnsafeMutablePointer<Double>
  let outer: UnsafeMutablePointer<Double>
  /// δ_l[·, i]·σ′(z₍l−1₎[·, j]) for one j (rows × n_l), and the diagonal block's rows for one i.
  let weighted: UnsafeMutablePointer<Double>
  let blockRows: UnsafeMutablePointer<Double>
  /// capacity ones (column sums by `gemv`).
  let ones: UnsafeMutablePointer<Double>

  /// Doubles per example of the chunk buffers; chunks keep them near 8 M doubles (64 MB).
  static func rowCost(_ layout: NetworkLayout) -> Int {
    let n = layout.layerSizes
    let last = layout.layerCount
    let extra = layout.bias ? 1 : 0
    var cost = n.dropFirst().reduce(0) { $0 + $1 * $1 } + (n.max() ?? 1) * (n.max() ?? 1)
    var widestPair = 1
    for l in 1...last {
      for m in 1..<l {
        let size = n[l] * parameters(layout, m)
        cost += l < last ? 2 * size : size
        widestPair = max(widestPair, size)
      }
    }
    let widestInput = (n.dropLast().max() ?? 1) + extra
    return cost + widestPair + widestInput * widestInput + (n.max() ?? 1)
  }

  /// P_m, the parameters of layer m.
  static func parameters(_ layout: NetworkLayout, _ m: Int) -> Int {
    layout.weightOffset(m + 1) - layout.weightOffset(m)
  }

  /// The key of the pair (l, m) in `jacobians` and `scaled`.
  func pairIndex(_ l: Int, _ m: Int) -> Int { l * (layout.layerCount + 1) + m }

  init(model: MLP, examples: Int) {
    let layout = model.layout
    self.layout = layout
    parameterCount = layout.parameterCount
    let capacity = max(1, min(examples, 8_000_000 / max(1, Self.rowCost(layout))))
    self.capacity = capacity
    engine = CurvaturePass(model: model, directions: 1, rows: capacity)
    let n = layout.layerSizes
    let widest = n.max() ?? 1
    let extra = layout.bias ? 1 : 0
    curvatures = (1...layout.layerCount).map { l in .allocate(capacity: capacity * n[l] * n[l]) }
    product = .allocate(capacity: capacity * widest * widest)
    var widestPair = 1
    for l in 1...layout.layerCount {
      for m in 1..<l {
        let size = n[l] * capacity * Self.parameters(layout, m)
        let key = l * (layout.layerCount + 1) + m
        jacobians[key] = .allocate(capacity: size)
        if l < layout.layerCount { scaled[key] = .allocate(capacity: size) }
        widestPair = max(widestPair, size)
      }
    }
    mixed = .allocate(capacity: widestPair)
    let widestInput = (n.dropLast().max() ?? 1) + extra
    outer = .allocate(capacity: capacity * widestInput * widestInput)
    weighted = .allocate(capacity: capacity * widest)
    blockRows = .allocate(capacity: widest * widestInput * widestInput)
    ones = .allocate(capacity: capacity)
    ones.initialize(repeating: 1, count: capacity)
  }

  deinit {
    for buffer in curvatures + Array(jacobians.values) + Array(scaled.values) { buffer.deallocate() }
    for buffer in [product, mixed, outer, weighted, blockRows, ones] { buffer.deallocate() }
  }

  /// Adds the chunk's share of the lower block triangle (rows of layer l, columns of layers
  /// m ≤ l) into `h` (P × P, row-major).
  func accumulate(
    parameters p: UnsafePointer<Double>, into h: UnsafeMutablePointer<Double>, features: UnsafePointer<Double>,
    targets: PassTargets<Double>, start: Int, rows: Int, normaliser: Int
  ) {
    engine.prepare(
      parameters: p, features: features, targets: targets, start: start, rows: rows, normaliser: normaliser)
    outputCurvature(rows: rows, normaliser: normaliser)
    for l in stride(from: layout.layerCount - 1, through: 1, by: -1) { backCurvature(p, layer: l, rows: rows) }
    for m in 1..<layout.layerCount { jacobianChain(p, from: m, rows: rows) }
    for l in 1...layout.layerCount {
      diagonalBlock(layer: l, into: h, rows: rows)
      for m in 1..<l { offDiagonalBlock(layer: l, column: m, into: h, rows: rows) }
    }
  }

  /// Fills the upper block triangle from the lower one and averages each diagonal block
  /// with its transpose (they agree up to rounding), so the result is exactly symmetric.
  static func symmetrize(_ h: UnsafeMutablePointer<Double>, layout: NetworkLayout) {
    let p = layout.parameterCount
    var layerOf = [Int](repeating: 0, count: p)
    for l in 1...layout.layerCount {
      for i in layout.weightOffset(l)..<layout.weightOffset(l + 1) { layerOf[i] = l }
    }
    for r in 0..<p {
      for c in 0..<r {
        if layerOf[r] == layerOf[c] {
          let mean = 0.5 * (h[r * p + c] + h[c * p + r])
          h[r * p + c] = mean
          h[c * p + r] = mean
        } else {
          h[c * p + r] = h[r * p + c]
        }
      }
    }
  }
}
