import Autodiff
import MathCore

/// A formula compiled to a forward-mode tape: each instruction computes a value and its
/// whole tangent vector (∂/∂θ₁ … ∂/∂θₙ) at once, so one pass gives L and ∇L exactly.
///
/// Design note: this is forward-mode autodiff with an n-wide tangent instead of n scalar
/// dual passes; for the small n of formulas it does the same arithmetic as `Dual` in one
/// sweep. For n ≤ 4 the formula runs on an `AccumulatorTape` (tangents as SIMD2 for n ≤ 2,
/// SIMD4 otherwise; the latest result in registers), which also serves the loop's register
/// forms, so the register path of `Minimizer.run` gets L and ∇L without touching memory. For n > 4 slots (parameters,
/// constants, registers), each 1 + n doubles, live in one buffer allocated at compile time.
/// Either way `evaluate` allocates nothing — the minimize loop's hot path. Elementwise
/// functions reuse `Dual`'s rules (f and f′ from one `Dual<Double>` call), and powers follow
/// `Dual.pow` (power rule for constant exponents, exp(b·log a) otherwise).
/// Rejected: `Derivatives.gradient` per step (allocates two arrays per call and walks the
/// tree once per parameter) and finite differences (inexact).
public final class FormulaTape: GradientObjective {
  enum Instruction {
    case binary(FormulaOperator, Int, Int, Int)
    case powerConstant(Double, Int, Int)
    case negate(Int, Int)
    case function(ElementwiseFunction, Int, Int)
  }

  public let dimension: Int
  /// n ≤ 2 and 3 ≤ n ≤ 4: the accumulator tapes (at most one is set; when one is, the slot
  /// fields below are empty).
  private let small2: AccumulatorTape<SIMD2<Double>>?
  private let small4: AccumulatorTape<SIMD4<Double>>?
  private let width: Int
  private let code: UnsafeMutableBufferPointer<Instruction>
  private let result: Int
  private let slots: UnsafeMutablePointer<Double>

  public init(_ root: FormulaNode, dimension n: Int) {
    dimension = n
    width = n + 1
    small2 = n <= 2 ? AccumulatorTape(root, dimension: n) : nil
    small4 = (3...4).contains(n) ? AccumulatorTape(root, dimension: n) : nil
    if n <= 4 {
      code = .allocate(capacity: 0)
      result = 0
      slots = .allocate(capacity: 0)
      return
    }
    var compiler = TapeCompiler(parameterCount: n)
    let out = compiler.compile(root)
    code = .allocate(capacity: compiler.code.count)
    _ = code.initialize(from: compiler.code)
    result = out
    let slotCount = compiler.slotCount
    slots = .allocate(capacity: slotCount * (n + 1))
    slots.initialize(repeating: 0, count: slotCount * (n + 1))
    for i in 0..<n { slots[i * width + 1 + i] = 1 }
    for (slot, c) in compiler.constants { slots[slot * width] = c }
  }

  deinit {
    small2?.deallocate()
    small4?.deallocate()
    slots.deallocate()
    code.deallocate()
  }

  /// Hot path: one sweep over the tape, no allocation.
  public func evaluate(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
    if let small2 { return Self.evaluate(small2, dimension, x, gradient) }
    if let small4 { return Self.evaluate(small4, dimension, x, gradient) }
    return evaluateWide(x, gradient: gradient)
  }

  /// The pointer form through an accumulator tape.
  private static func evaluate<V: SIMD>(
    _ tape: AccumulatorTape<V>, _ n: Int, _ x: UnsafePointer<Double>,
    _ gradient: UnsafeMutablePointer<Double>
  ) -> Double where V.Scalar == Double {
    var point = V.zero
    for i in 0..<n { point[i] = x[i] }
    let (value, g) = tape.evaluate(point)
    for i in 0..<n { gradient[i] = g[i] }
    return value
  }

  /// n ≤ 2 (the loop's register path); lanes ≥ n of the gradient are unspecified. Inlined
  /// into the protocol witness, so a step makes one call, not two.
  @inline(__always)
  public func evaluate(_ x: SIMD2<Double>) -> (value: Double, gradient: SIMD2<Double>) {
    guard let small2 else {
      preconditionFailure("the SIMD2 form serves formulas of at most 2 parameters")
    }
    return small2.evaluate(x)
  }

  /// n ≤ 4 (the loop's register path for 3 or 4 parameters); lanes ≥ n of the gradient are
  /// unspecified.
  @inline(__always)
  public func evaluate(_ x: SIMD4<Double>) -> (value: Double, gradient: SIMD4<Double>) {
    if let small4 { return small4.evaluate(x) }
    guard let small2 else {
      preconditionFailure("the SIMD4 form serves formulas of at most 4 parameters")
    }
    let (value, g) = small2.evaluate(x.lowHalf)
    return (value, SIMD4(lowHalf: g, highHalf: .zero))
  }

  /// Any n: value and tangent interleaved per slot, loops over the tangent.
  private func evaluateWide(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>)
    -> Double
  {
    let w = width
    for i in 0..<dimension { slots[i * w] = x[i] }
    for op in code {
      switch op {
      case .binary(let o, let a, let b, let d):
        let pa = slots + a * w
        let pb = slots + b * w
        let pd = slots + d * w
        let va = pa[0]
        let vb = pb[0]
        switch o {
        case .add:
          for k in 0..<w { pd[k] = pa[k] + pb[k] }
        case .subtract:
          for k in 0..<w { pd[k] = pa[k] - pb[k] }
        case .multiply:
          for k in 1..<w { pd[k] = pa[k] * vb + va * pb[k] }
          pd[0] = va * vb
        case .divide:
          let q = va / vb
          for k in 1..<w { pd[k] = (pa[k] - q * pb[k]) / vb }
          pd[0] = q
        case .power:
          let value = Double.exp(vb * Double.log(va))
          let la = Double.log(va)
          for k in 1..<w { pd[k] = value * (pb[k] * la + vb * pa[k] / va) }
          pd[0] = value
        }
      case .powerConstant(let p, let a, let d):
        let pa = slots + a * w
        let pd = slots + d * w
        let va = pa[0]
        let (value, slope): (Double, Double)
        if p == 2 {
          (value, slope) = (va * va, 2 * va)
        } else {
          (value, slope) = (Double.pow(va, p), p * Double.pow(va, p - 1))
        }
        for k in 1..<w { pd[k] = slope * pa[k] }
        pd[0] = value
      case .negate(let a, let d):
        for k in 0..<w { slots[d * w + k] = -slots[a * w + k] }
      case .function(let f, let a, let d):
        let pa = slots + a * w
        let pd = slots + d * w
        let r = f.apply(Dual<Double>(pa[0], 1))
        for k in 1..<w { pd[k] = r.tangent * pa[k] }
        pd[0] = r.value
      }
    }
    let out = slots + result * w
    for i in 0..<dimension { gradient[i] = out[1 + i] }
    return out[0]
  }
}

/// Lowers a formula tree to tape instructions over numbered slots.
private struct TapeCompiler {
  let parameterCount: Int
  var constants: [(Int, Double)] = []
  var code: [FormulaTape.Instruction] = []
  var slotCount: Int

  init(parameterCount: Int) {
    self.parameterCount = parameterCount
    slotCount = parameterCount
  }

  private mutating func newSlot() -> Int {
    slotCount += 1
    return slotCount - 1
  }

  /// Emits code for `node`; returns the slot holding its value and tangent.
  mutating func compile(_ node: FormulaNode) -> Int {
    switch node {
    case .constant(let c):
      let s = newSlot()
      constants.append((s, c))
      return s
    case .parameter(let i): return i
    case .negate(let x):
      let a = compile(x)
      let d = newSlot()
      code.append(.negate(a, d))
      return d
    case .function(let f, let x):
      let a = compile(x)
      let d = newSlot()
      code.append(.function(f, a, d))
      return d
    case .binary(.power, let x, .constant(let p)):
      let a = compile(x)
      if p == 1 { return a }
      let d = newSlot()
      if p == 0 { constants.append((d, 1)) } else { code.append(.powerConstant(p, a, d)) }
      return d
    case .binary(let op, let x, let y):
      let a = compile(x)
      let b = compile(y)
      let d = newSlot()
      code.append(.binary(op, a, b, d))
      return d
    }
  }
}
