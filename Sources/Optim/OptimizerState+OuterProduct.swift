/// A block of the gradient given as an outer product: the coordinates
/// `offset + r·columns.count + c` hold `rows[r] · columns[c]` (row-major). A dense layer's
/// weight gradient for one example is one: ∂L/∂W = δ aᵀ.
public struct OuterProductBlock<Element: BinaryFloatingPoint> {
  /// The first coordinate of the block.
  public let offset: Int
  public let rows: UnsafeBufferPointer<Element>
  public let columns: UnsafeBufferPointer<Element>

  public init(offset: Int, rows: UnsafeBufferPointer<Element>, columns: UnsafeBufferPointer<Element>) {
    (self.offset, self.rows, self.columns) = (offset, rows, columns)
  }

  /// The number of coordinates the block covers.
  public var count: Int { rows.count * columns.count }
}

extension OptimizerState {
  /// `step` with one block of the gradient given as an outer product (its entries in
  /// `gradient` are not read): each of its coordinates takes the rule with gᵢ = rows[r] ·
  /// columns[c], the one rounding a `gemm` of depth 1 makes, so the result is the one a
  /// materialised gradient gives.
  ///
  /// Why: at batch 1 a network's first weight matrix is nearly all of θ, and its gradient an
  /// outer product; taking it in the update saves writing and reading it back (two of the
  /// five passes over P numbers a step made), and leaves θ and m alone in cache.
  @inlinable
  public func step(
    parameters: UnsafeMutableBufferPointer<Element>, gradient: UnsafeBufferPointer<Element>,
    outerProduct block: OuterProductBlock<Element>
  ) {
    let (start, end, width) = (block.offset, block.offset + block.count, block.columns.count)
    precondition(parameters.count == count && gradient.count == count, "buffer sizes differ")
    precondition(start >= 0 && end <= count, "outer-product block outside the parameters")
    let rule = beginStep()
    guard count > 0, let theta = parameters.baseAddress, let g = gradient.baseAddress else { return }
    apply(rule, theta: theta, gradient: DenseGradient(base: g), moves: DiscardedMoves(), count: start)
    if let rows = block.rows.baseAddress, let columns = block.columns.baseAddress {
      for r in 0..<block.rows.count {
        let at = start + r * width
        apply(
          rule, theta: theta + at, gradient: ScaledColumns(scale: rows[r], base: columns),
          moves: DiscardedMoves(), count: width, offset: at)
      }
    }
    apply(
      rule, theta: theta + end, gradient: DenseGradient(base: g + end), moves: DiscardedMoves(),
      count: count - end, offset: end)
  }
}

/// Where a step's gradient comes from, indexed from the segment's first coordinate: a
/// buffer (`DenseGradient`) or a row of an outer product (`ScaledColumns`); generic, so each
/// specialises into a vectorised loop.
@usableFromInline
protocol GradientSource {
  associatedtype Element
  subscript(i: Int) -> Element { get }
}

@frozen @usableFromInline
struct DenseGradient<Element>: GradientSource {
  @usableFromInline let base: UnsafePointer<Element>
  @inlinable init(base: UnsafePointer<Element>) { self.base = base }
  @inlinable subscript(i: Int) -> Element {
    @inline(__always) get { base[i] }
  }
}

/// gᵢ = scale · baseᵢ: one row of an outer product.
@frozen @usableFromInline
struct ScaledColumns<Element: BinaryFloatingPoint>: GradientSource {
  @usableFromInline let scale: Element
  @usableFromInline let base: UnsafePointer<Element>
  @inlinable init(scale: Element, base: UnsafePointer<Element>) { (self.scale, self.base) = (scale, base) }
  @inlinable subscript(i: Int) -> Element {
    @inline(__always) get { scale * base[i] }
  }
}
