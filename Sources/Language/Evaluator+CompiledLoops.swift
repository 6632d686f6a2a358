import MathCore

// Design note (performance-critical): `for` and `while` loops run through closures compiled
// from their AST once per execution of the loop statement, over slots instead of the scope's
// dictionary. The tree walk cost about 0.9 µs per iteration of `s = s + i`: every name read
// and write hashed a String, every statement copied its AST node, and every operation went
// through the general operator dispatch. Here a name the loop uses is an index into an
// array of values, loaded from the scope when the loop starts and written back when it ends;
// numbers take inline arithmetic; everything else calls the same code as the tree walk.
//
// Anything the compiler does not handle (calls, indexing, closures, `func`, …) runs through
// the tree-walking evaluator as a *fallback*: the slots the loop changed are written to the
// scope first, and a fallback statement (which may assign) reloads them afterwards, so the
// two paths always agree. Rejected: a whole bytecode VM (a rewrite of the evaluator for the
// same result on the loops that matter); caching dictionary indices (Swift's Dictionary
// gives no stable index across writes).

/// A value inside a compiled loop: numbers and booleans unboxed, anything else boxed, so
/// copying one is a few bytes (a `Value` is over 40 bytes with a case switch per copy).
enum FastValue {
  case number(Double)
  case bool(Bool)
  case boxed(ValueBox)
  /// A name that is not a variable of the scope (a builtin, a constant, not yet assigned).
  case unset

  init(_ v: Value) {
    switch v {
    case .number(let x): self = .number(x)
    case .bool(let b): self = .bool(b)
    default: self = .boxed(ValueBox(v))
    }
  }

  /// The language value (`.none` for `unset`, which callers check first).
  var value: Value {
    switch self {
    case .number(let x): return .number(x)
    case .bool(let b): return .bool(b)
    case .boxed(let box): return box.value
    case .unset: return .none
    }
  }
}

/// A value that is neither a number nor a boolean, held by reference in `FastValue`.
final class ValueBox {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// The values of the names a compiled loop uses, by slot.
final class LoopSlots {
  @exclusivity(unchecked) var values: [FastValue]
  /// Slots assigned since the last write-back to the scope.
  @exclusivity(unchecked) var dirty: [Bool]
  let names: [String]

  init(names: [String], ev: Evaluator) {
    self.names = names
    values = names.map { ev.variable($0).map(FastValue.init) ?? .unset }
    dirty = Array(repeating: false, count: names.count)
  }

  @inline(__always) func set(_ k: Int, _ v: FastValue) {
    values[k] = v
    dirty[k] = true
  }

  /// Writes the assigned slots to the scope (before a fallback reads it, and at the end).
  func flush(_ ev: Evaluator) {
    for k in names.indices where dirty[k] {
      if case .unset = values[k] {} else { ev.setVariable(names[k], values[k].value) }
      dirty[k] = false
    }
  }

  /// Reads every slot back from the scope (after a fallback statement that may assign).
  func reload(_ ev: Evaluator) {
    for k in names.indices { values[k] = ev.variable(names[k]).map(FastValue.init) ?? .unset }
  }
}

typealias CompiledExpr = (LoopSlots) throws -> FastValue
typealias CompiledStatement = (LoopSlots) throws -> Flow

extension Evaluator {
  /// Runs a `for` or `while` loop through compiled closures; nil for other statements, and
  /// for loops the tree walk must run (a loop variable that names a builtin, which it
  /// reports; bodies too deep for the remaining evaluation depth).
  func compiledLoop(_ c: ControlStatement) throws -> Flow? {
    switch c {
    case .forLoop(let name, _, let sequence, let body, _):
      guard builtins.lookup(name) == nil, depth + max(sequence.height, body.height) < Evaluator.maxDepth else {
        return nil
      }
    case .whileLoop(let condition, let body, _):
      guard depth + max(condition.height, body.height) < Evaluator.maxDepth else { return nil }
    default: return nil
    }
    var compiler = LoopCompiler(ev: self)
    let loop = compiler.statement(.control(c))
    let slots = LoopSlots(names: compiler.names, ev: self)
    defer { slots.flush(self) }
    return try loop(slots)
  }
}

/// Compiles statements and expressions of a loop into closures over `LoopSlots`.
struct LoopCompiler {
  unowned let ev: Evaluator
  /// The slot of each name, in order of first use.
  private(set) var names: [String] = []
  private var slotOf: [String: Int] = [:]

  init(ev: Evaluator) { self.ev = ev }

  mutating func slot(_ name: String) -> Int {
    if let k = slotOf[name] { return k }
    names.append(name)
    slotOf[name] = names.count - 1
    return names.count - 1
  }

  // MARK: statements

  /// A block: its statements in order; `.normal` carries the last statement's value.
  mutating func block(_ b: Block) -> CompiledStatement {
    let statements = b.statements.map { statement($0.statement) }
    if statements.count == 1 { return statements[0] }
    return { s in
      var last: Value?
      for run in statements {
        let flow = try run(s)
        guard case .normal(let v) = flow else { return flow }
        last = v
      }
      return .normal(last)
    }
  }

  /// One statement, with errors placed at it and jumps out of expressions caught, as
  /// `Evaluator.run(_:)` does.
  mutating func statement(_ st: Statement) -> CompiledStatement {
    guard let run = compiled(st) else { return fallback(st) }
    let range = st.range
    return { s in
      do {
        return try run(s)
      } catch let signal as ControlSignal {
        return signal.flow
      } catch let error as LanguageError {
        throw error.placed(at: range)
      }
    }
  }

  /// The statements the compiler handles itself; nil for the rest.
  private mutating func compiled(_ st: Statement) -> CompiledStatement? {
    switch st {
    case .assign(let name, _, let value) where ev.builtins.lookup(name) == nil:
      let k = slot(name)
      let v = expression(value)
      return { s in
        s.set(k, try v(s))
        return .normal(nil)
      }
    case .expression(let e):
      if case .name = e.kind { return nil }  // a bare builtin name may be a call (`vars`)
      if case .conditional(let test, let then, let orElse) = e.kind {
        return conditional(test, then, orElse)
      }
      let v = expression(e)
      return { s in .normal(try v(s).value) }
    case .control(.breakLoop): return { _ in .breakLoop }
    case .control(.continueLoop): return { _ in .continueLoop }
    case .control(.returnValue(let e?, _)):
      let v = expression(e)
      return { s in .returned(try v(s).value) }
    case .control(.forLoop(let name, _, let sequence, let body, _)) where ev.builtins.lookup(name) == nil:
      return forLoop(slot(name), expression(sequence), sequence, block(body))
    case .control(.whileLoop(let condition, let body, _)):
      return whileLoop(expression(condition), condition, block(body))
    default: return nil
    }
  }

  /// A condition, which must be true or false (the tree walk's message otherwise).
  @inline(__always) static func truth(_ v: FastValue, _ e: Expr, _ keyword: String, _ ev: Evaluator) throws -> Bool {
    if case .bool(let b) = v { return b }
    return try ev.truth(v.value, e, keyword)
  }

  /// A statement the tree walk runs, on the scope brought up to date, reloading after.
  private func fallback(_ st: Statement) -> CompiledStatement {
    let ev = self.ev
    return { s in
      s.flush(ev)
      defer { s.reload(ev) }
      return try ev.run(st)
    }
  }

  mutating func conditional(_ test: Expr, _ then: Block, _ orElse: Block?) -> CompiledStatement {
    let ev = self.ev
    let t = expression(test)
    let yes = block(then)
    let no = orElse.map { block($0) }
    return { s in
      if try LoopCompiler.truth(try t(s), test, "if", ev) { return try yes(s) }
      return try no?(s) ?? .normal(nil)
    }
  }

  private func forLoop(_ k: Int, _ seq: @escaping CompiledExpr, _ seqExpr: Expr, _ body: @escaping CompiledStatement)
    -> CompiledStatement
  {
    let ev = self.ev
    return { s in
      let sequence = try seq(s).value
      if case .range(let lo, let hi) = sequence {
        var i = 0
        while true {
          let x = lo + Double(i)
          guard x <= hi else { break }
          if ev.cancellation.isSet { try ev.checkCancellation() }
          s.set(k, .number(x))
          switch try body(s) {
          case .breakLoop: return .normal(nil)
          case .returned(let v): return .returned(v)
          case .normal, .continueLoop: i += 1
          }
        }
        return .normal(nil)
      }
      let items = try Items(sequence, seqExpr.range, purpose: "for")
      var i = 0
      while let item = items.item(i) {
        if ev.cancellation.isSet { try ev.checkCancellation() }
        s.set(k, FastValue(item))
        switch try body(s) {
        case .breakLoop: return .normal(nil)
        case .returned(let v): return .returned(v)
        case .normal, .continueLoop: i += 1
        }
      }
      return .normal(nil)
    }
  }

  private func whileLoop(_ cond: @escaping CompiledExpr, _ condExpr: Expr, _ body: @escaping CompiledStatement)
    -> CompiledStatement
  {
    let ev = self.ev
    return { s in
      while try LoopCompiler.truth(try cond(s), condExpr, "while", ev) {
        if ev.cancellation.isSet { try ev.checkCancellation() }
        switch try body(s) {
        case .breakLoop: return .normal(nil)
        case .returned(let v): return .returned(v)
        case .normal, .continueLoop: continue
        }
      }
      return .normal(nil)
    }
  }
}
