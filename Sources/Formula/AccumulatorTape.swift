import Autodiff

/// An instruction of an `AccumulatorTape`; `acc` is the accumulator, `s` the slot named by
/// the payload.
enum AccumulatorInstruction {
  /// acc ← s.
  case load(Int)
  /// s ← acc (a left operand that is a subexpression, kept for its binary instruction).
  case store(Int)
  /// acc ← acc ∘ s.
  case plusSlot(Int)
  case minusSlot(Int)
  case timesSlot(Int)
  case overSlot(Int)
  case toSlot(Int)
  /// acc ← s ∘ acc.
  case slotPlus(Int)
  case slotMinus(Int)
  case slotTimes(Int)
  case slotOver(Int)
  case slotTo(Int)
  /// acc ← s ∘ s' (both operands leaves: one instruction instead of a load and a binary).
  case plusSlots(Int, Int)
  case minusSlots(Int, Int)
  case timesSlots(Int, Int)
  case overSlots(Int, Int)
  case toSlots(Int, Int)
  /// acc ← acc², acc ← acc^p (constant p), acc ← −acc, acc ← f(acc).
  case square
  case powerConstant(Double)
  case negate
  case function(ElementwiseFunction)
}

/// A formula in n ≤ 4 parameters compiled for the minimize loop's register path: postorder
/// code over an accumulator (a value and its tangent, a SIMD2 or SIMD4 vector `V` with at
/// least n lanes) kept in registers, so one evaluation returns L and ∇L in registers.
///
/// Design note: most instructions consume the previous result, which stays in the
/// accumulator; a slot (value + tangent in memory) is written only for parameters,
/// constants and a left operand that is itself a subexpression (`store`, reloaded once by
/// the binary instruction that needs it). That takes the store-and-reload per instruction
/// (store-to-load forwarding on the θ → ∇L chain) off the hot path of the slot-per-result
/// tape it replaced. Operators are separate cases (acc ∘ slot, slot ∘ acc, and slot ∘ slot
/// for two leaves such as w1·w2, which saves a load and a dispatch) so dispatch is one
/// switch. The arithmetic is exactly the slot tape's, operand for operand (the tangent of a
/// product is t[a]·v[b] + v[a]·t[b], of a quotient (t[a] − q·t[b]) / v[b], of a power
/// v·(t[b]·log a + (b / a)·t[a])), so results are bit-for-bit those of `Dual`-style forward
/// mode. Rejected, measured on the 10,000-step lecture run: keeping every result in a slot
/// (the former tape: a memory round trip per instruction on the dependency chain), closures
/// per node (about 4 ns per step slower than this tape) and reading parameters straight
/// from the register argument by a switch on the slot (about 1 ns per step slower than the
/// one store of θ at entry and plain loads).
///
/// A struct of raw buffers (no reference counting on the hot path: a retain/release pair
/// per call is two atomic operations); its owner calls `deallocate()`.
struct AccumulatorTape<V: SIMD> where V.Scalar == Double {
  private let code: UnsafeMutableBufferPointer<AccumulatorInstruction>
  /// Slot values and tangents; slots 0…3 are the parameters (θ's lanes are stored there;
  /// those ≥ n are padding), then constants and saved operands.
  private let values: UnsafeMutablePointer<Double>
  private let tangents: UnsafeMutablePointer<V>

  /// - Precondition: `n <= V.scalarCount` (at most 4).
  init(_ root: FormulaNode, dimension n: Int) {
    precondition(n <= V.scalarCount && n <= 4, "the tangent needs a lane per parameter")
    var compiler = AccumulatorCompiler()
    compiler.compile(root)
    code = .allocate(capacity: compiler.code.count)
    _ = code.initialize(from: compiler.code)
    let count = compiler.slotCount
    values = .allocate(capacity: count)
    values.initialize(repeating: 0, count: count)
    tangents = .allocate(capacity: count)
    tangents.initialize(repeating: .zero, count: count)
    for i in 0..<n { tangents[i][i] = 1 }
    for (slot, c) in compiler.constants { values[slot] = c }
  }

  /// Frees the buffers; the tape must not be used afterwards.
  func deallocate() {
    code.deallocate()
    values.deallocate()
    tangents.deallocate()
  }

  /// L(x) and ∇L(x) (lanes ≥ n of the gradient unspecified). Hot path: no allocation.
  @inline(__always)
  func evaluate(_ x: V) -> (value: Double, gradient: V) {
    let t = tangents
    let v = values
    for i in 0..<V.scalarCount { v[i] = x[i] }
    var av = 0.0
    var at = V.zero
    for op in code {
      switch op {
      case .load(let s): (av, at) = (v[s], t[s])
      case .store(let s): (v[s], t[s]) = (av, at)
      case .plusSlot(let b): (av, at) = (av + v[b], at + t[b])
      case .slotPlus(let a): (av, at) = (v[a] + av, t[a] + at)
      case .minusSlot(let b): (av, at) = (av - v[b], at - t[b])
      case .slotMinus(let a): (av, at) = (v[a] - av, t[a] - at)
      case .timesSlot(let b):
        let vb = v[b]
        (av, at) = (av * vb, at * vb + av * t[b])
      case .slotTimes(let a):
        let va = v[a]
        (av, at) = (va * av, t[a] * av + va * at)
      case .overSlot(let b):
        let vb = v[b]
        let q = av / vb
        (av, at) = (q, (at - q * t[b]) / vb)
      case .slotOver(let a):
        let q = v[a] / av
        (av, at) = (q, (t[a] - q * at) / av)
      case .toSlot(let b):
        let vb = v[b]
        let la = Double.log(av)
        let value = Double.exp(vb * la)
        (av, at) = (value, value * (t[b] * la + (vb / av) * at))
      case .slotTo(let a):
        let va = v[a]
        let la = Double.log(va)
        let value = Double.exp(av * la)
        (av, at) = (value, value * (at * la + (av / va) * t[a]))
      case .plusSlots(let a, let b): (av, at) = (v[a] + v[b], t[a] + t[b])
      case .minusSlots(let a, let b): (av, at) = (v[a] - v[b], t[a] - t[b])
      case .timesSlots(let a, let b):
        let va = v[a]
        let vb = v[b]
        (av, at) = (va * vb, t[a] * vb + va * t[b])
      case .overSlots(let a, let b):
        let vb = v[b]
        let q = v[a] / vb
        (av, at) = (q, (t[a] - q * t[b]) / vb)
      case .toSlots(let a, let b):
        let va = v[a]
        let vb = v[b]
        let la = Double.log(va)
        let value = Double.exp(vb * la)
        (av, at) = (value, value * (t[b] * la + (vb / va) * t[a]))
      case .square: (av, at) = (av * av, (2 * av) * at)
      case .powerConstant(let p):
        (av, at) = (Double.pow(av, p), (p * Double.pow(av, p - 1)) * at)
      case .negate: (av, at) = (-av, -at)
      case .function(let f):
        let r = f.apply(Dual<Double>(av, 1))
        (av, at) = (r.value, r.tangent * at)
      }
    }
    return (av, at)
  }
}

/// Lowers a formula tree to accumulator code (postorder; the right operand is evaluated
/// into the accumulator after a non-leaf left operand is stored).
private struct AccumulatorCompiler {
  var constants: [(Int, Double)] = []
  var code: [AccumulatorInstruction] = []
  /// Slots 0…3 are the parameters.
  var slotCount = 4

  private mutating func newSlot() -> Int {
    slotCount += 1
    return slotCount - 1
  }

  /// The slot of a leaf (a parameter, or a new constant slot), nil for other nodes.
  private mutating func leaf(_ node: FormulaNode) -> Int? {
    switch node {
    case .parameter(let i): return i
    case .constant(let c):
      let s = newSlot()
      constants.append((s, c))
      return s
    default: return nil
    }
  }

  /// Emits code leaving `node`'s value and tangent in the accumulator.
  mutating func compile(_ node: FormulaNode) {
    switch node {
    case .constant, .parameter: code.append(.load(leaf(node)!))
    case .negate(let x):
      compile(x)
      code.append(.negate)
    case .function(let f, let x):
      compile(x)
      code.append(.function(f))
    case .binary(.power, let x, .constant(let p)):
      if p == 0 {
        compile(.constant(1))
        return
      }
      compile(x)
      if p == 2 {
        code.append(.square)
      } else if p != 1 {
        code.append(.powerConstant(p))
      }
    case .binary(let op, let x, let y):
      if let b = leaf(y) {
        if let a = leaf(x) {
          code.append(Self.slots(op, a, b))
          return
        }
        compile(x)
        code.append(Self.accumulatorFirst(op, b))
      } else if let a = leaf(x) {
        compile(y)
        code.append(Self.slotFirst(op, a))
      } else {
        compile(x)
        let a = newSlot()
        code.append(.store(a))
        compile(y)
        code.append(Self.slotFirst(op, a))
      }
    }
  }

  /// acc ← a ∘ b.
  private static func slots(_ op: FormulaOperator, _ a: Int, _ b: Int)
    -> AccumulatorInstruction
  {
    switch op {
    case .add: return .plusSlots(a, b)
    case .subtract: return .minusSlots(a, b)
    case .multiply: return .timesSlots(a, b)
    case .divide: return .overSlots(a, b)
    case .power: return .toSlots(a, b)
    }
  }

  /// acc ← acc ∘ s.
  private static func accumulatorFirst(_ op: FormulaOperator, _ s: Int)
    -> AccumulatorInstruction
  {
    switch op {
    case .add: return .plusSlot(s)
    case .subtract: return .minusSlot(s)
    case .multiply: return .timesSlot(s)
    case .divide: return .overSlot(s)
    case .power: return .toSlot(s)
    }
  }

  /// acc ← s ∘ acc.
  private static func slotFirst(_ op: FormulaOperator, _ s: Int) -> AccumulatorInstruction {
    switch op {
    case .add: return .slotPlus(s)
    case .subtract: return .slotMinus(s)
    case .multiply: return .slotTimes(s)
    case .divide: return .slotOver(s)
    case .power: return .slotTo(s)
    }
  }
}
