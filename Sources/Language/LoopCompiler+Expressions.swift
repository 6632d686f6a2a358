import MathCore

/// Expressions of a compiled loop (see the design note in `Evaluator+CompiledLoops`):
/// literals, names (slots), unary and binary operators with inline arithmetic on numbers,
/// `&&`/`||`, and `if` expressions; anything else is a fallback to the tree walk.
extension LoopCompiler {
  mutating func expression(_ e: Expr) -> CompiledExpr {
    switch e.kind {
    case .number(let x): return { _ in .number(x) }
    case .bool(let b): return { _ in .bool(b) }
    case .name(let name): return nameRead(name, e.range)
    case .parenthesized(let inner): return expression(inner)
    case .unary(let op, let x): return unary(op, expression(x), e.range)
    case .binary(.and, let a, let b), .binary(.or, let a, let b):
      guard case .binary(let op, _, _) = e.kind else { return fallback(e) }
      return logical(op == .and, expression(a), a, expression(b), b)
    case .binary(let op, let a, let b): return binary(op, expression(a), expression(b), e.range, a.range, b.range)
    case .conditional(let test, let then, let orElse):
      let run = conditional(test, then, orElse)
      return { s in
        switch try run(s) {
        case .normal(let v): return v.map(FastValue.init) ?? .boxed(ValueBox(.none))
        case let flow: throw ControlSignal(flow: flow)
        }
      }
    default: return fallback(e)
    }
  }

  /// An expression the tree walk evaluates, on the scope brought up to date. Expressions
  /// other than `if` (handled above) cannot assign in the current scope, so no reload.
  private func fallback(_ e: Expr) -> CompiledExpr {
    let ev = self.ev
    return { s in
      s.flush(ev)
      return FastValue(try ev.evaluate(e))
    }
  }

  /// A name: its slot, else (a builtin, a constant, an unknown name) the tree walk's lookup.
  private mutating func nameRead(_ name: String, _ range: SourceRange) -> CompiledExpr {
    let k = slot(name)
    let ev = self.ev
    return { s in
      let v = s.values[k]
      if case .unset = v { return FastValue(try ev.lookup(name, range)) }
      return v
    }
  }

  private func unary(_ op: UnaryOperator, _ x: @escaping CompiledExpr, _ range: SourceRange) -> CompiledExpr {
    if op == .negate {
      return { s in
        let v = try x(s)
        if case .number(let a) = v { return .number(-a) }
        return FastValue(try Operators.unary(op, v.value, range))
      }
    }
    if op == .not {
      return { s in
        let v = try x(s)
        if case .bool(let b) = v { return .bool(!b) }
        return FastValue(try Operators.unary(op, v.value, range))
      }
    }
    return { s in FastValue(try Operators.unary(op, try x(s).value, range)) }
  }

  private func logical(
    _ isAnd: Bool, _ a: @escaping CompiledExpr, _ aExpr: Expr, _ b: @escaping CompiledExpr, _ bExpr: Expr
  ) -> CompiledExpr {
    let symbol = isAnd ? "&&" : "||"
    func truth(_ v: FastValue, _ e: Expr) throws -> Bool {
      guard case .bool(let t) = v else {
        throw LanguageError(.type, "'\(symbol)' needs true or false on both sides", at: e.range)
      }
      return t
    }
    return { s in
      let l = try truth(try a(s), aExpr)
      if isAnd, !l { return .bool(false) }
      if !isAnd, l { return .bool(true) }
      return .bool(try truth(try b(s), bExpr))
    }
  }

  /// A binary operator: two numbers are computed inline (one closure per operator, so no
  /// dispatch on the operator per call); other operands go through `Operators.binary`.
  private func binary(
    _ op: BinaryOperator, _ a: @escaping CompiledExpr, _ b: @escaping CompiledExpr, _ range: SourceRange,
    _ ar: SourceRange, _ br: SourceRange
  ) -> CompiledExpr {
    let cancellation = ev.cancellation
    func general(_ l: FastValue, _ r: FastValue) throws -> FastValue {
      FastValue(try Operators.binary(op, l.value, r.value, range, ar, br, cancellation: cancellation))
    }
    func numeric(_ f: @escaping (Double, Double) -> FastValue) -> CompiledExpr {
      return { s in
        let l = try a(s)
        let r = try b(s)
        if case .number(let x) = l, case .number(let y) = r { return f(x, y) }
        return try general(l, r)
      }
    }
    switch op {
    case .add: return numeric { .number($0 + $1) }
    case .subtract: return numeric { .number($0 - $1) }
    case .multiply: return numeric { .number($0 * $1) }
    case .divide: return numeric { .number($0 / $1) }
    case .power: return numeric { .number(Operators.apply(.power, $0, $1)) }
    case .less: return numeric { .bool($0 < $1) }
    case .lessEqual: return numeric { .bool($0 <= $1) }
    case .greater: return numeric { .bool($0 > $1) }
    case .greaterEqual: return numeric { .bool($0 >= $1) }
    case .equal: return numeric { .bool($0 == $1) }
    case .notEqual: return numeric { .bool($0 != $1) }
    case .and, .or: return { s in try general(try a(s), try b(s)) }
    }
  }
}
