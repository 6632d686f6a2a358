/// Making and calling closures and `func`s.
extension Evaluator {
  func makeClosure(_ c: ClosureLiteral) throws -> Closure {
    try makeClosure(nil, c.parameters, c.body)
  }

  /// Captures the values of the names the body uses that are visible here; a name that is
  /// neither visible, bound in the body, a builtin nor a constant is a NameError now.
  func makeClosure(_ name: String?, _ parameters: [String], _ body: Block) throws -> Closure {
    var captures: [String: Value] = [:]
    for (n, range) in FreeNames.collect(body)
    where !parameters.contains(n) && n != name && captures[n] == nil {
      if let v = variable(n) {
        captures[n] = v
      } else if builtins.lookup(n) == nil, Constants.value(n) == nil {
        throw unknownName(n, range, extra: parameters)
      }
    }
    return Closure(
      name: name, parameters: parameters, body: body, captures: captures, cell: cell)
  }

  /// Calls a closure or `func` with positional values. A closure that is one scalar formula
  /// runs the compiled program; otherwise its body runs in a new frame.
  func callClosure(_ c: Closure, _ values: [Value], range: SourceRange) throws -> Value {
    guard values.count == c.parameters.count else {
      throw LanguageError(
        .argument,
        "\(c.signature) takes \(c.parameters.count) argument\(c.parameters.count == 1 ? "" : "s"), got \(values.count)",
        at: range)
    }
    try checkCancellation()
    if let formula = c.expression?.formula, let result = Evaluator.compiledCall(formula, values) {
      return result
    }
    var frame = c.captures
    if let name = c.name { frame[name] = .closure(c) }
    for (p, v) in zip(c.parameters, values) { frame[p] = v }
    frames.append(frame)
    defer { frames.removeLast() }
    let flow: Flow
    do {
      flow = try run(c.body)
    } catch var error as LanguageError {
      // A body from another cell has no place in this one: point at the call instead.
      if c.cell !== cell || error.range == nil { error.range = range }
      throw error
    }
    switch flow {
    case .returned(let v): return v
    case .normal(let v):
      if c.name != nil, c.returns {
        throw LanguageError(
          .value, "\(c.signature) reached its end without 'return'", at: range)
      }
      return c.name == nil ? v ?? .none : .none
    case .breakLoop, .continueLoop: return .none  // the parser keeps jumps inside loops
    }
  }
}
