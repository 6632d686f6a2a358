import Formula
import MathCore

/// Calling builtins and user functions.
extension Evaluator {
  func call(_ calleeExpr: Expr, _ argExprs: [Argument], _ range: SourceRange) throws -> Value {
    let callee: Value
    if case .member(let baseExpr, let name) = calleeExpr.kind {
      let base = try evaluate(baseExpr)
      if let method = ListMethod(rawValue: name), base.isSequence {
        return try callListMethod(method, on: base, baseExpr, argExprs, range)
      }
      callee = try member(base, name, calleeExpr.range)
    } else {
      callee = try evaluate(calleeExpr)
    }
    var args: [CallArgument] = []
    var positional = 0
    for a in argExprs {
      let r = a.labelRange.map { $0.union(a.value.range) } ?? a.value.range
      var value: Value?
      if a.label == nil, case .builtin(let b) = callee {
        if b.positionalParameter(positional)?.kind == .parameterName {
          value = parameterNameArgument(a.value, function: args.first?.value)
        }
        positional += 1
      }
      args.append(CallArgument(label: a.label, value: try value ?? evaluate(a.value), range: r))
    }
    switch callee {
    case .builtin(let b): return try callBuiltin(b, args, range: range)
    case .function(let f):
      if let labelled = args.first(where: { $0.label != nil }) {
        throw LanguageError(
          .argument, "\(f.name) takes no argument labels; expected \(f.signature)",
          at: labelled.range)
      }
      return try callFunction(f, args.map(\.value), range: range)
    case .closure(let c):
      if let labelled = args.first(where: { $0.label != nil }) {
        throw LanguageError(
          .argument, "\(c.signature) takes no argument labels", at: labelled.range)
      }
      return try callClosure(c, args.map(\.value), range: range)
    default:
      let what: String
      if case .name(let n) = calleeExpr.kind {
        what = "'\(n)' is a \(callee.typeName)"
      } else {
        what = "a \(callee.typeName)"
      }
      throw LanguageError(.type, "\(what), not a function", at: calleeExpr.range)
    }
  }

  /// A bare name in a parameter-name position, passed as its text: when it names a parameter
  /// of the function argument (even if a variable of that name exists), or when it is not a
  /// defined name at all. nil means "evaluate the argument as usual".
  private func parameterNameArgument(_ e: Expr, function: Value?) -> Value? {
    guard case .name(let n) = e.kind else { return nil }
    if case .function(let f)? = function, f.parameters.contains(n) { return .string(n) }
    return (try? lookup(n, e.range)) == nil ? .string(n) : nil
  }

  func callBuiltin(_ b: Builtin, _ args: [CallArgument], range: SourceRange) throws -> Value {
    var bound = try b.bind(args, callRange: range)
    bound.table = builtins
    do {
      return try b.implementation(bound, self)
    } catch let error as LanguageError {
      throw error.placed(at: range)
    } catch let error as FormulaError {
      throw LanguageError(error).placed(at: range)
    }
  }

  /// Calls a user function with positional values. One vector for several parameters is
  /// spread over them (`L([1, 2])` is `L(1, 2)`); all-number calls use the compiled formula.
  public func callFunction(_ f: UserFunction, _ values: [Value], range: SourceRange) throws -> Value {
    try checkCancellation()
    var values = values
    if values.count == 1, f.parameters.count > 1, case .vector(let v) = values[0] {
      guard v.count == f.parameters.count else {
        throw LanguageError(
          .shape,
          "\(f.name) takes \(f.parameters.count) parameters but the vector has \(v.count) components; expected \(f.signature)",
          at: range)
      }
      values = v.elements.map { .number($0) }
    }
    guard values.count == f.parameters.count else {
      throw LanguageError(
        .argument,
        "\(f.name) takes \(f.parameters.count) argument\(f.parameters.count == 1 ? "" : "s"), got \(values.count); expected \(f.signature)",
        at: range)
    }
    if let formula = f.formula, let result = Evaluator.compiledCall(formula, values) {
      return result
    }
    return try treeWalk(f, values, range: range)
  }

  /// Numbers → one scalar evaluation; numbers and equal-length vectors → the block program
  /// over all elements (numbers broadcast). nil when the arguments need the general path.
  static func compiledCall(_ formula: Formula, _ values: [Value]) -> Value? {
    var length: Int?
    for v in values {
      switch v {
      case .number: continue
      case .vector(let x):
        if let l = length, l != x.count { return nil }
        length = x.count
      default: return nil
      }
    }
    guard let n = length else {
      return .number(
        formula.root.evaluate(values.map { if case .number(let x) = $0 { x } else { .nan } }))
    }
    let columns = values.map { v -> [Double] in
      if case .vector(let x) = v { return x.elements }
      if case .number(let x) = v { return Array(repeating: x, count: n) }
      return []
    }
    return .vector(Vector(formula.evaluate(columns: columns)))
  }

  /// Evaluates the body with the parameters bound (vectors broadcast through the operators).
  private func treeWalk(_ f: UserFunction, _ values: [Value], range: SourceRange) throws -> Value {
    var frame = f.captures
    for (p, v) in zip(f.parameters, values) { frame[p] = v }
    frames.append(frame)
    defer { frames.removeLast() }
    do {
      return try evaluate(f.body)
    } catch var error as LanguageError {
      error.range = range  // the body's span belongs to the defining cell; point at the call
      throw error
    }
  }

  /// Calls any callable value (user function or builtin) with positional values.
  public func callValue(_ callee: Value, _ values: [Value], range: SourceRange) throws -> Value {
    switch callee {
    case .function(let f): return try callFunction(f, values, range: range)
    case .closure(let c): return try callClosure(c, values, range: range)
    case .builtin(let b):
      return try callBuiltin(
        b, values.map { CallArgument(label: nil, value: $0, range: range) }, range: range)
    default: throw LanguageError(.type, "a \(callee.typeName) is not a function", at: range)
    }
  }
}

/// The names an expression refers to (not member names or labels), in order of appearance.
enum FreeNames {
  static func collect(_ e: Expr) -> [(String, SourceRange)] {
    var out: [(String, SourceRange)] = []
    visit(e, &out)
    return out
  }

  private static func visit(_ e: Expr, _ out: inout [(String, SourceRange)]) {
    switch e.kind {
    case .name(let n): out.append((n, e.range))
    case .number, .string, .bool, .invalid: break
    case .parenthesized(let x), .unary(_, let x), .member(let x, _): visit(x, &out)
    case .binary(_, let a, let b), .range(let a, let b):
      visit(a, &out)
      visit(b, &out)
    case .call(let c, let args):
      visit(c, &out)
      for a in args { visit(a.value, &out) }
    case .index(let base, let items):
      visit(base, &out)
      for item in items {
        switch item {
        case .index(let x): visit(x, &out)
        case .slice(let lo, let hi, _):
          if let lo { visit(lo, &out) }
          if let hi { visit(hi, &out) }
        }
      }
    case .vector(let items), .tuple(let items): for x in items { visit(x, &out) }
    case .record(let fields): for f in fields { visit(f.value, &out) }
    case .closure(let c): out += collect(c)
    case .conditional(let test, let then, let orElse):
      visit(test, &out)
      out += collect(then)
      if let orElse { out += collect(orElse) }
    }
  }
}

/// "Did you mean" suggestions by edit distance.
public enum Suggestions {
  /// ` (did you mean 'w1' or 'w2'?)`, or "" when nothing is close.
  public static func phrase(for name: String, among candidates: [String]) -> String {
    let close = nearest(name, candidates)
    guard !close.isEmpty else { return "" }
    let quoted = close.map { "'\($0)'" }
    let list =
      quoted.count == 1
      ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    return " (did you mean \(list)?)"
  }

  /// Up to three candidates within a small edit distance, closest first.
  static func nearest(_ name: String, _ candidates: [String]) -> [String] {
    guard name.count >= 2 else { return [] }
    let limit = name.count <= 3 ? 1 : 2
    let scored = Set(candidates).filter { $0 != name }.map { ($0, distance(name, $0)) }.filter {
      $0.1 <= limit
    }
    return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
  }

  /// Levenshtein distance over characters.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var prev = Array(0...b.count)
    for i in 1...a.count {
      var cur = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      prev = cur
    }
    return prev[b.count]
  }
}
