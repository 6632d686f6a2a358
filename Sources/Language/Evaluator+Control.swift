import MathCore

/// How a block ended: normally (with its last value), or by a jump out of it.
enum Flow {
  case normal(Value?)
  case breakLoop
  case continueLoop
  case returned(Value)
}

/// A jump that had to cross an expression (`x = if c { break } else { 1 }`); the enclosing
/// block turns it back into a `Flow`. Statement-level jumps never throw.
struct ControlSignal: Error {
  let flow: Flow
}

/// Identity of one cell's evaluation (see `Evaluator.cell`).
final class CellToken: Sendable {}

/// Blocks, `if`, loops and `func`: statements run in the current scope (the cell's variables
/// at the top level, the call's frame inside a closure or `func`), so `s = s + i` in a loop
/// body updates `s`, and the loop variable stays defined after the loop, as in Python.
extension Evaluator {
  /// A variable of the current scope (the innermost frame, else the cell's), not a builtin.
  func variable(_ name: String) -> Value? {
    if let frame = frames.last { return frame[name] }
    return globals[name]
  }

  /// Assigns in the current scope.
  func setVariable(_ name: String, _ value: Value) {
    if frames.isEmpty {
      globals[name] = value
    } else {
      frames[frames.count - 1][name] = value
    }
  }

  /// Assigns in the current scope; only a new name is checked against the builtins (an
  /// existing variable passed that check when it was made), which saves a look-up per
  /// assignment in loops.
  private func assign(_ name: String, _ range: SourceRange, _ value: Value) throws {
    let old: Value?
    if frames.isEmpty {
      old = globals.updateValue(value, forKey: name)
    } else {
      old = frames[frames.count - 1].updateValue(value, forKey: name)
    }
    guard old == nil, builtins.lookup(name) != nil else { return }
    if frames.isEmpty {
      globals[name] = nil
    } else {
      frames[frames.count - 1][name] = nil
    }
    try checkAssignable(name, range)
  }

  /// Runs a control statement at a cell's top level (the parser rejects jumps there).
  func executeTopLevel(_ c: ControlStatement) throws {
    _ = try control(c)
  }

  /// Runs a block's statements in the current scope.
  func run(_ block: Block) throws -> Flow {
    var last: Value?
    for line in block.statements {
      let flow = try run(line.statement)
      guard case .normal(let v) = flow else { return flow }
      last = v
    }
    return .normal(last)
  }

  /// Runs one statement of a block: `.normal` with its value (nil for assignments and
  /// loops), or the jump it made.
  func run(_ statement: Statement) throws -> Flow {
    do {
      switch statement {
      case .control(let c):
        let flow = try control(c)
        guard case .normal = flow else { return flow }
        return .normal(nil)
      case .assign(let name, let range, let value):
        try assign(name, range, try evaluate(value))
        return .normal(nil)
      case .expression(let e):
        if case .conditional(let test, let then, let orElse) = e.kind {
          return try conditionalFlow(test, then, orElse)
        }
        return .normal(try execute(statement))
      default:
        return .normal(try execute(statement))
      }
    } catch let signal as ControlSignal {
      return signal.flow
    } catch let error as LanguageError {
      throw error.placed(at: statement.range)
    }
  }

  private func control(_ c: ControlStatement) throws -> Flow {
    if let flow = try compiledLoop(c) { return flow }
    switch c {
    case .forLoop(let name, let nameRange, let sequence, let body, _):
      try checkAssignable(name, nameRange)
      let items = try Items(try evaluate(sequence), sequence.range, purpose: "for")
      var k = 0
      loop: while let item = items.item(k) {
        try checkCancellation()
        setVariable(name, item)
        switch try run(body) {
        case .breakLoop: break loop
        case .returned(let v): return .returned(v)
        case .normal, .continueLoop: k += 1
        }
      }
    case .whileLoop(let condition, let body, _):
      loop: while try truth(condition, "while") {
        try checkCancellation()
        switch try run(body) {
        case .breakLoop: break loop
        case .returned(let v): return .returned(v)
        case .normal, .continueLoop: continue
        }
      }
    case .breakLoop: return .breakLoop
    case .continueLoop: return .continueLoop
    case .returnValue(let e, _): return .returned(try e.map(evaluate) ?? .none)
    case .function(let f):
      try checkAssignable(f.name, f.nameRange)
      setVariable(f.name, .closure(try makeClosure(f.name, f.parameters, f.body)))
    }
    return .normal(nil)
  }

  /// The condition of `if` or `while`, which must be true or false.
  private func truth(_ e: Expr, _ keyword: String) throws -> Bool {
    try truth(try evaluate(e), e, keyword)
  }

  /// A condition's value, which must be true or false.
  func truth(_ value: Value, _ e: Expr, _ keyword: String) throws -> Bool {
    guard case .bool(let b) = value else {
      throw LanguageError(
        .type, "the condition of '\(keyword)' must be true or false, not a \(value.typeName)",
        at: e.range)
    }
    return b
  }

  /// `if` as a statement: its jumps reach the enclosing loop or function.
  private func conditionalFlow(_ test: Expr, _ then: Block, _ orElse: Block?) throws -> Flow {
    if try truth(test, "if") { return try run(then) }
    if let orElse { return try run(orElse) }
    return .normal(nil)
  }

  /// `if` as an expression: the value of the chosen block (nothing without `else`).
  func conditionalValue(_ test: Expr, _ then: Block, _ orElse: Block?) throws -> Value {
    switch try conditionalFlow(test, then, orElse) {
    case .normal(let v): return v ?? .none
    case let flow: throw ControlSignal(flow: flow)
    }
  }
}
