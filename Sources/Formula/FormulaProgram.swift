import MathCore

/// A formula compiled to instructions that each process a whole block of points.
///
/// Design note: a per-point tree walk pays a switch and recursion per node per point;
/// instead every instruction runs a tight loop over up to `blockSize` contiguous doubles, so
/// dispatch is paid once per block and the loops vectorise. Blocks stay in cache (unlike
/// numpy's whole-array temporaries). Slots are laid out as parameters, then constants
/// (filled once), then registers, in one allocation reused for every block: no allocation
/// or dictionary look-up per point. Rejected: closures per node (no faster, harder to
/// specialise) and a per-point tree walk (several times slower on grids).
struct FormulaProgram: Sendable {
  static let blockSize = 512

  /// Operands and results are slot numbers into the block buffer.
  enum Instruction: Sendable {
    case binary(FormulaOperator, Int, Int, Int)
    case square(Int, Int)
    case negate(Int, Int)
    case function(ElementwiseFunction, Int, Int)
  }

  let parameterCount: Int
  let constants: [Double]
  let instructions: [Instruction]
  let slotCount: Int
  let result: Int

  init(_ root: FormulaNode, parameterCount: Int) {
    var compiler = Compiler()
    let out = compiler.compile(root, target: 0)
    let p = parameterCount
    let c = compiler.constants.count
    func flat(_ s: Compiler.Slot) -> Int {
      switch s {
      case .parameter(let i): return i
      case .constant(let k): return p + k
      case .register(let r): return p + c + r
      }
    }
    self.parameterCount = parameterCount
    constants = compiler.constants
    slotCount = p + c + compiler.maxRegister + 1
    result = flat(out)
    instructions = compiler.code.map { op in
      switch op {
      case .binary(let o, let a, let b, let d): return .binary(o, flat(a), flat(b), flat(d))
      case .square(let a, let d): return .square(flat(a), flat(d))
      case .negate(let a, let d): return .negate(flat(a), flat(d))
      case .function(let f, let a, let d): return .function(f, flat(a), flat(d))
      }
    }
  }

  private struct Compiler {
    enum Slot: Equatable {
      case parameter(Int)
      case constant(Int)
      case register(Int)
    }
    enum Op {
      case binary(FormulaOperator, Slot, Slot, Slot)
      case square(Slot, Slot)
      case negate(Slot, Slot)
      case function(ElementwiseFunction, Slot, Slot)
    }
    var constants: [Double] = []
    var code: [Op] = []
    var maxRegister = 0

    /// Emits code for `node` using registers from `target` up; returns the slot with its value.
    mutating func compile(_ node: FormulaNode, target: Int) -> Slot {
      maxRegister = max(maxRegister, target)
      let dst = Slot.register(target)
      switch node {
      case .constant(let value):
        constants.append(value)
        return .constant(constants.count - 1)
      case .parameter(let i):
        return .parameter(i)
      case .negate(let x):
        code.append(.negate(compile(x, target: target), dst))
      case .function(let f, let x):
        code.append(.function(f, compile(x, target: target), dst))
      case .binary(.power, let x, .constant(2)):
        code.append(.square(compile(x, target: target), dst))
      case .binary(let op, let x, let y):
        let a = compile(x, target: target)
        let b = compile(y, target: target + 1)
        code.append(.binary(op, a, b, dst))
      }
      return dst
    }
  }

  /// Evaluates at `columns[0].count` points; `columns[p]` holds parameter p.
  func run(columns: [[Double]]) -> [Double] {
    let count = columns.first?.count ?? 0
    var output = [Double](repeating: 0, count: count)
    withBlockBuffer { buffer in
      output.withUnsafeMutableBufferPointer { out in
        var start = 0
        while start < count {
          let n = min(FormulaProgram.blockSize, count - start)
          for p in 0..<parameterCount {
            columns[p].withUnsafeBufferPointer { col in
              (buffer + p * FormulaProgram.blockSize).update(
                from: col.baseAddress! + start, count: n)
            }
          }
          execute(buffer, n)
          (out.baseAddress! + start).update(
            from: buffer + result * FormulaProgram.blockSize, count: n)
          start += n
        }
      }
    }
    return output
  }

  /// Evaluates a two-parameter program on xs × ys, row by row (row i uses ys[i]).
  func grid(xs: [Double], ys: [Double], cancellation: CancellationFlag?) throws(FormulaError) -> Matrix {
    var elements = [Double](repeating: 0, count: xs.count * ys.count)
    var interrupted = false
    let b = FormulaProgram.blockSize
    withBlockBuffer { buffer in
      elements.withUnsafeMutableBufferPointer { out in
        xs.withUnsafeBufferPointer { xp in
          for (i, y) in ys.enumerated() {
            if cancellation?.isSet == true {
              interrupted = true
              return
            }
            var start = 0
            while start < xs.count {
              let n = min(b, xs.count - start)
              buffer.update(from: xp.baseAddress! + start, count: n)
              (buffer + b).update(repeating: y, count: n)
              execute(buffer, n)
              (out.baseAddress! + i * xs.count + start).update(from: buffer + result * b, count: n)
              start += n
            }
          }
        }
      }
    }
    if interrupted { throw FormulaError(.interrupted, "interrupted by the user") }
    return Matrix(rows: ys.count, columns: xs.count, elements: elements)
  }

  /// Allocates the block buffer, fills the constant slots, and hands it to `body`.
  private func withBlockBuffer(_ body: (UnsafeMutablePointer<Double>) throws -> Void) rethrows {
    let b = FormulaProgram.blockSize
    let buffer = UnsafeMutablePointer<Double>.allocate(capacity: slotCount * b)
    defer { buffer.deallocate() }
    buffer.initialize(repeating: 0, count: slotCount * b)
    for (k, c) in constants.enumerated() {
      (buffer + (parameterCount + k) * b).update(repeating: c, count: b)
    }
    try body(buffer)
  }

  /// Runs every instruction over the first `n` points of the block (the hot loop).
  @inline(__always)
  private func execute(_ buffer: UnsafeMutablePointer<Double>, _ n: Int) {
    let b = FormulaProgram.blockSize
    for instruction in instructions {
      switch instruction {
      case .binary(let op, let a, let c, let d):
        let x = buffer + a * b
        let y = buffer + c * b
        let z = buffer + d * b
        switch op {
        case .add: for k in 0..<n { z[k] = x[k] + y[k] }
        case .subtract: for k in 0..<n { z[k] = x[k] - y[k] }
        case .multiply: for k in 0..<n { z[k] = x[k] * y[k] }
        case .divide: for k in 0..<n { z[k] = x[k] / y[k] }
        case .power: for k in 0..<n { z[k] = Double.pow(x[k], y[k]) }
        }
      case .square(let a, let d):
        let x = buffer + a * b
        let z = buffer + d * b
        for k in 0..<n { z[k] = x[k] * x[k] }
      case .negate(let a, let d):
        let x = buffer + a * b
        let z = buffer + d * b
        for k in 0..<n { z[k] = -x[k] }
      case .function(let f, let a, let d):
        let x = buffer + a * b
        let z = buffer + d * b
        for k in 0..<n { z[k] = f.apply(x[k]) }
      }
    }
  }
}
