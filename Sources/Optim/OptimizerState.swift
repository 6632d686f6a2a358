/// An optimizer running on a flat parameter buffer: its rule plus the state the rule keeps
/// between steps (momentum m, Adam's moments and step count), for any caller that owns its
/// parameters and computes its own gradients: networks (Float, one step per mini-batch),
/// formulas (Double, the `minimize` loop's buffer state).
///
/// Usage: `let state = OptimizerState<Float>(optimizer: .adam(…), count: p)`, then per
/// batch `state.step(parameters: θ, gradient: g)`. For Nesterov (`needsLookAhead`), take the
/// gradient at `lookAhead(parameters:into:)`, not at θ, and pass that to `step`.
///
/// Design note: generic and `@inlinable`, so a client module specialises it for Float or
/// Double and the per-coordinate rule (`UpdateRule`, shared with the register loop) inlines
/// into one tight loop per optimizer (vectorised by the compiler); the optimizer is switched
/// on once per step. Hyper-parameters are converted to `Element` once per step; Adam's βᵗ,
/// 1 − β and 1 − βᵗ are taken in Double and then converted, so a Float run's coefficients are
/// as accurate as Float allows. For Element == Double the operations are those of the
/// `minimize` loop, bit for bit.
public final class OptimizerState<Element: BinaryFloatingPoint> {
  /// The rule and its hyper-parameters.
  public let optimizer: Optimizer
  /// The number of parameters.
  public let count: Int
  /// Updates taken so far (Adam's t).
  public var steps: Int { stepCount }
  @usableFromInline var stepCount = 0
  /// First moment (momentum m, Adam's m): `count` elements when the optimizer keeps it.
  @usableFromInline let m: UnsafeMutablePointer<Element>
  /// Adam's second moment v: `count` elements for Adam, else none.
  @usableFromInline let v: UnsafeMutablePointer<Element>
  /// β₁ᵗ and β₂ᵗ of Adam's bias correction, in Double whatever `Element` is.
  @usableFromInline var beta1Power = 1.0
  @usableFromInline var beta2Power = 1.0

  /// A fresh state (m = 0, v = 0, t = 0) for `count` parameters.
  ///
  /// - Precondition: `count >= 0` and `optimizer.problem == nil` (callers validate user
  ///   input first).
  public init(optimizer: Optimizer, count: Int) {
    precondition(count >= 0, "negative parameter count")
    precondition(optimizer.problem == nil, "invalid optimizer")
    self.optimizer = optimizer
    self.count = count
    let (mCount, vCount) = Self.stateCounts(optimizer, count)
    m = .allocate(capacity: mCount)
    m.initialize(repeating: 0, count: mCount)
    v = .allocate(capacity: vCount)
    v.initialize(repeating: 0, count: vCount)
  }

  deinit {
    m.deallocate()
    v.deallocate()
  }

  /// How many elements of m and of v `optimizer` keeps.
  private static func stateCounts(_ optimizer: Optimizer, _ count: Int) -> (Int, Int) {
    switch optimizer {
    case .gd: return (0, 0)
    case .momentum, .nesterov: return (count, 0)
    case .adam: return (count, count)
    }
  }

  /// Back to the start: m = 0, v = 0, t = 0.
  public func reset() {
    let (mCount, vCount) = Self.stateCounts(optimizer, count)
    m.update(repeating: 0, count: mCount)
    v.update(repeating: 0, count: vCount)
    (stepCount, beta1Power, beta2Power) = (0, 1, 1)
  }

  /// Whether `step` expects the gradient at `lookAhead(parameters:into:)` rather than at θ
  /// (Nesterov).
  public var needsLookAhead: Bool {
    if case .nesterov = optimizer { return true }
    return false
  }

  /// Writes the point where the next gradient is to be taken: θ + λm for Nesterov, θ for
  /// the others.
  @inlinable
  public func lookAhead(
    parameters: UnsafeBufferPointer<Element>, into point: UnsafeMutableBufferPointer<Element>
  ) {
    precondition(parameters.count == count && point.count == count, "buffer sizes differ")
    guard count > 0, let theta = parameters.baseAddress, let out = point.baseAddress else { return }
    guard case .nesterov(_, let l) = optimizer else {
      out.update(from: theta, count: count)
      return
    }
    let lambda = Element(l)
    let m = self.m
    for i in 0..<count {
      out[i] = UpdateRule.lookAhead(ScalarLane(theta[i]), m: ScalarLane(m[i]), lambda: lambda).x
    }
  }

  /// One update in place, θ ← θ + move, with the optimizer's rule and its own state.
  ///
  /// `gradient` is ∇L at θ (at `lookAhead` for Nesterov); both buffers hold `count` elements.
  @inlinable
  public func step(
    parameters: UnsafeMutableBufferPointer<Element>, gradient: UnsafeBufferPointer<Element>
  ) {
    precondition(parameters.count == count && gradient.count == count, "buffer sizes differ")
    let rule = beginStep()
    guard count > 0, let theta = parameters.baseAddress, let g = gradient.baseAddress else { return }
    apply(rule, theta: theta, gradient: DenseGradient(base: g), moves: DiscardedMoves(), count: count)
  }

  /// `step` that also writes each coordinate's move to `moves` (`count` elements), for the
  /// `minimize` loop, which records them.
  func step(
    parameters: UnsafeMutableBufferPointer<Element>, gradient: UnsafeBufferPointer<Element>,
    moves: UnsafeMutableBufferPointer<Element>
  ) {
    precondition(
      parameters.count == count && gradient.count == count && moves.count == count,
      "buffer sizes differ")
    let rule = beginStep()
    guard count > 0, let theta = parameters.baseAddress, let g = gradient.baseAddress,
      let d = moves.baseAddress
    else { return }
    apply(rule, theta: theta, gradient: DenseGradient(base: g), moves: KeptMoves(base: d), count: count)
  }

  /// Counts the step and returns its coefficients in `Element` (Adam's bias corrections
  /// for this t): once per step, however many segments `apply` then runs.
  @inlinable @inline(__always)
  func beginStep() -> StepCoefficients<Element> {
    stepCount += 1
    switch optimizer {
    case .gd(let lr): return .gd(lr: Element(lr))
    case .momentum(let lr, let lambda), .nesterov(let lr, let lambda):
      return .momentum(lr: Element(lr), lambda: Element(lambda))
    case .adam(let lr, let beta1, let beta2, let epsilon):
      beta1Power *= beta1
      beta2Power *= beta2
      return .adam(
        AdamCoefficients<Element>(
          lr: lr, beta1: beta1, beta2: beta2, epsilon: epsilon, beta1Power: beta1Power,
          beta2Power: beta2Power))
    }
  }

  /// The step's loops over `n` coordinates from coordinate `offset` (`theta` points there;
  /// m and v are taken from there), one per optimizer, each calling the shared `UpdateRule`;
  /// the gradient source and the move sink are indexed from 0.
  ///
  /// Hot loop: longer than 40 lines to keep each optimizer's loop switch-free and visible.
  @inlinable @inline(__always)
  func apply<G: GradientSource, S: MoveSink>(
    _ rule: StepCoefficients<Element>, theta: UnsafeMutablePointer<Element>, gradient g: G,
    moves: S, count n: Int, offset: Int = 0
  ) where G.Element == Element, S.Element == Element {
    let (m, v) = (self.m + offset, self.v + offset)
    switch rule {
    case .gd(let lr):
      for i in 0..<n {
        let d = UpdateRule.gd(ScalarLane(g[i]), lr: lr).x
        moves.store(d, at: i)
        theta[i] += d
      }
    case .momentum(let lr, let lambda):
      for i in 0..<n {
        let d = UpdateRule.momentum(ScalarLane(g[i]), m: ScalarLane(m[i]), lr: lr, lambda: lambda).x
        m[i] = d
        moves.store(d, at: i)
        theta[i] += d
      }
    case .adam(let c):
      adamPasses(theta: theta, gradient: g, m: m, v: v, moves: moves, count: n, c)
    }
  }

  /// Adam in blocks of `adamBlock` coordinates, each in three passes over a stack buffer of v̂:
  /// the moments (vectorised), the square roots (scalar, the only pass with libm's errno
  /// fallback) and the moves (vectorised): several times faster than one scalar pass (see the
  /// optim benchmark), with the same operations, so the same bits.
  @inlinable @inline(__always)
  func adamPasses<G: GradientSource, S: MoveSink>(
    theta: UnsafeMutablePointer<Element>, gradient g: G, m: UnsafeMutablePointer<Element>,
    v: UnsafeMutablePointer<Element>, moves: S, count n: Int, _ c: AdamCoefficients<Element>
  ) where G.Element == Element, S.Element == Element {
    withUnsafeTemporaryAllocation(of: Element.self, capacity: Self.adamBlock) { buffer in
      let root = buffer.baseAddress!
      var start = 0
      while start < n {
        let width = min(Self.adamBlock, n - start)
        let (mb, vb, tb) = (m + start, v + start, theta + start)
        for i in 0..<width {
          var (mi, vi) = (ScalarLane(mb[i]), ScalarLane(vb[i]))
          root[i] = UpdateRule.adamMoments(ScalarLane(g[start + i]), m: &mi, v: &vi, c).x
          (mb[i], vb[i]) = (mi.x, vi.x)
        }
        for i in 0..<width { root[i] = root[i].squareRoot() }
        for i in 0..<width {
          let d = UpdateRule.adamMove(m: ScalarLane(mb[i]), rootOfVHat: ScalarLane(root[i]), c).x
          moves.store(d, at: start + i)
          tb[i] += d
        }
        start += width
      }
    }
  }

  /// Coordinates per Adam block: its v̂ buffer stays in L1.
  @usableFromInline static var adamBlock: Int { 512 }
}

/// The per-step constants of the optimizer's rule in `Element` (`beginStep`).
@frozen @usableFromInline
enum StepCoefficients<Element: BinaryFloatingPoint> {
  case gd(lr: Element)
  /// Heavy-ball momentum and Nesterov's update (its look-ahead is the caller's).
  case momentum(lr: Element, lambda: Element)
  case adam(AdamCoefficients<Element>)
}

/// Where a step's moves go: nowhere (`DiscardedMoves`) or a buffer (`KeptMoves`); generic so
/// the discarding store compiles away.
@usableFromInline
protocol MoveSink {
  associatedtype Element
  func store(_ move: Element, at i: Int)
}

@frozen @usableFromInline
struct DiscardedMoves<Element>: MoveSink {
  @inlinable init() {}
  @inlinable @inline(__always)
  func store(_ move: Element, at i: Int) {}
}

@frozen @usableFromInline
struct KeptMoves<Element>: MoveSink {
  @usableFromInline let base: UnsafeMutablePointer<Element>
  @inlinable init(base: UnsafeMutablePointer<Element>) { self.base = base }
  @inlinable @inline(__always)
  func store(_ move: Element, at i: Int) { base[i] = move }
}
