import Optim

/// The backward pass and the update of one training step.
///
/// Design note: at one example per step the first layer's weight gradient ∂W₁ = δ₁ a₀ᵀ is
/// nearly all of the gradient (100,352 of 101,770 numbers for 784-128-10) and an outer
/// product. It is not written out: `OptimizerState.step(…outerProduct:)` forms each entry
/// inside the update (the one rounding `gemm` makes, so the same bits), which saves writing
/// it, reading it for the finiteness check and reading it again in the update, and keeps θ
/// and m in cache: the step's memory traffic drops by about a third. Its Σg² for the check
/// is Σδᵢ² · Σaⱼ², the same sum up to rounding.
extension Trainer {
  /// Backpropagates the loaded rows at `point` and returns Σg² (∞ or NaN on a blow-up).
  func backward(at point: UnsafePointer<T>, rows: Int) -> T {
    let g = gradient.baseAddress!
    guard rows == 1 else {
      factoredFirstLayer = nil
      engine.backward(point, rows: rows, gradient: g, accumulate: false)
      return T.squaredNorm(g, count: gradient.count)
    }
    let delta = engine.backward(point, rows: 1, gradient: g, accumulate: false, factorFirstLayer: true)
    let layout = model.layout
    let block = OuterProductBlock(
      offset: layout.weightOffset(1), rows: UnsafeBufferPointer(start: delta, count: layout.outputs(1)),
      columns: UnsafeBufferPointer(start: engine.activations(0), count: layout.inputs(1)))
    factoredFirstLayer = block
    let end = block.offset + block.count
    let outer =
      T.squaredNorm(delta, count: block.rows.count) * T.squaredNorm(engine.activations(0), count: block.columns.count)
    return T.squaredNorm(g, count: block.offset) + outer + T.squaredNorm(g + end, count: gradient.count - end)
  }

  /// Applies the optimizer to θ with the gradient of the last `backward`.
  func update() {
    if let block = factoredFirstLayer {
      state.step(parameters: theta, gradient: UnsafeBufferPointer(gradient), outerProduct: block)
    } else {
      state.step(parameters: theta, gradient: UnsafeBufferPointer(gradient))
    }
  }
}
