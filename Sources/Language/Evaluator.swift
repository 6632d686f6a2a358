import Formula
import MathCore

/// Evaluates one cell's statements against a scratch copy of the session's variables.
///
/// Created per cell by `Runtime`; on success the runtime keeps its variables and
/// random state, on failure it discards them, so a failing cell defines nothing half-way.
public final class Evaluator {
  /// Deepest allowed evaluation nesting (expression depth plus function calls), far below
  /// what would overflow a 512 KiB thread stack.
  static let maxDepth = 400

  /// The evaluator runs on one thread, so its scopes skip Swift's dynamic exclusivity
  /// checks (measurable in loops: every variable read and write accesses them).
  @exclusivity(unchecked) var globals: [String: Value]
  var rng: SeededGenerator
  /// The builtins this session knows (the language's own plus any the session adds).
  public let builtins: BuiltinTable
  let host: EvaluationHost
  /// The stop flag of the running cell; long work passes it down so a stop ends it promptly.
  public let cancellation: CancellationFlag
  /// Local scopes of user functions being evaluated by tree walk (innermost last).
  @exclusivity(unchecked) var frames: [[String: Value]] = []
  private(set) var depth = 0
  /// Identifies this cell's evaluation, so a closure knows whether its source is this cell's.
  let cell = CellToken()

  init(
    globals: [String: Value], rng: SeededGenerator, host: EvaluationHost,
    cancellation: CancellationFlag, builtins: BuiltinTable
  ) {
    self.builtins = builtins
    self.globals = globals
    self.rng = rng
    self.host = host
    self.cancellation = cancellation
  }

  /// Throws `Interrupted` when a stop was requested. Long loops call this often.
  public func checkCancellation() throws {
    if cancellation.isSet { throw LanguageError(.interrupted, "interrupted by the user") }
  }

  /// The side-effect channel of the running cell.
  public var output: EvaluationHost { host }

  /// Draws from the session's seeded random stream.
  public func withRandom<T, E: Error>(_ body: (inout SeededGenerator) throws(E) -> T) throws(E) -> T {
    try body(&rng)
  }

  /// The variables defined by the user so far (including this cell's), sorted by name.
  public var variables: [(String, Value)] {
    globals.sorted { $0.key < $1.key }
  }

  // MARK: statements

  /// Runs one statement; returns its value for expression statements.
  func execute(_ statement: Statement) throws -> Value? {
    try checkCancellation()
    switch statement {
    case .expression(let e):
      if case .name(let n) = e.kind, frames.isEmpty, globals[n] == nil,
        let b = builtins.lookup(n), b.callableBare
      {
        return try callBuiltin(b, [], range: e.range)
      }
      return try evaluate(e)
    case .assign(let name, let range, let value):
      try checkAssignable(name, range)
      setVariable(name, try evaluate(value))
    case .define(let name, let nameRange, let parameters, let body, _):
      try checkAssignable(name, nameRange)
      for p in parameters
      where builtins.lookup(p) != nil && ElementwiseFunction(rawValue: p) != nil {
        throw LanguageError(
          .name, "parameter '\(p)' would hide the builtin function '\(p)'", at: nameRange)
      }
      let captures = try capture(body, parameters: parameters)
      setVariable(
        name,
        .function(
          UserFunction(name: name, parameters: parameters, body: body, captures: captures)))
    case .destructure(let names, let value):
      try destructure(names, try evaluate(value), value.range)
    case .help(let name, let range):
      host.page(try Help.text(for: name, value: try lookup(name, range)))
    case .control(let c): try executeTopLevel(c)
    }
    return nil
  }

  func checkAssignable(_ name: String, _ range: SourceRange) throws {
    if builtins.lookup(name) != nil {
      throw LanguageError(
        .name, "'\(name)' is a builtin function and cannot be redefined", at: range)
    }
  }

  private func destructure(_ names: [(String, SourceRange)], _ value: Value, _ range: SourceRange)
    throws
  {
    let items: [Value]
    switch value {
    case .tuple(let t): items = t
    case .vector(let v): items = v.elements.map { .number($0) }
    default:
      throw LanguageError(
        .type, "cannot unpack a \(value.typeName); expected a tuple or vector", at: range)
    }
    guard items.count == names.count else {
      throw LanguageError(
        .value, "cannot unpack \(items.count) values into \(names.count) names", at: range)
    }
    for ((name, r), item) in zip(names, items) {
      try checkAssignable(name, r)
      setVariable(name, item)
    }
  }

  /// Resolves the names a function body uses: parameters stay free, variables are captured,
  /// builtins and constants are looked up at call time, anything else is a NameError.
  func capture(_ body: Expr, parameters: [String]) throws -> [String: Value] {
    var captures: [String: Value] = [:]
    for (name, range) in FreeNames.collect(body) where !parameters.contains(name) {
      if let v = variable(name) {
        captures[name] = v
      } else if builtins.lookup(name) == nil, Constants.value(name) == nil {
        throw unknownName(name, range, extra: parameters)
      }
    }
    return captures
  }

  // MARK: names

  /// Resolves a name: function locals, then variables, then builtins, then constants.
  public func lookup(_ name: String, _ range: SourceRange) throws -> Value {
    if let frame = frames.last {
      if let v = frame[name] { return v }
    } else if let v = globals[name] {
      return v
    }
    if let b = builtins.lookup(name) { return .builtin(b) }
    if let c = Constants.value(name) { return .number(c) }
    throw unknownName(name, range, extra: Array(frames.last?.keys ?? [:].keys))
  }

  /// A NameError suggesting the nearest known names.
  func unknownName(_ name: String, _ range: SourceRange, extra: [String] = []) -> LanguageError {
    let known = extra + Array(globals.keys) + builtins.names + Constants.table.map(\.0)
    return LanguageError(
      .name, "unknown name '\(name)'\(Suggestions.phrase(for: name, among: known))", at: range)
  }

  // MARK: expressions

  /// Evaluates an expression (depth-limited: deep nesting is an error, not a crash).
  func evaluate(_ e: Expr) throws -> Value {
    depth += 1
    defer { depth -= 1 }
    if depth > Evaluator.maxDepth {
      throw LanguageError(
        .value, "evaluation nested too deeply (limit \(Evaluator.maxDepth))", at: e.range)
    }
    switch e.kind {
    case .number(let x): return .number(x)
    case .string(let s): return .string(s)
    case .bool(let b): return .bool(b)
    case .name(let n): return try lookup(n, e.range)
    case .parenthesized(let inner): return try evaluate(inner)
    case .unary(let op, let x): return try Operators.unary(op, try evaluate(x), e.range)
    case .binary(.and, let a, let b), .binary(.or, let a, let b): return try logical(e, a, b)
    case .binary(let op, let a, let b):
      return try Operators.binary(
        op, try evaluate(a), try evaluate(b), e.range, a.range, b.range, cancellation: cancellation)
    case .range(let a, let b): return try rangeValue(a, b, e.range)
    case .call(let callee, let args): return try call(callee, args, e.range)
    case .index(let base, let items):
      return try Indexing.index(try evaluate(base), items, e.range, self)
    case .member(let base, let name): return try member(try evaluate(base), name, e.range)
    case .vector(let items):
      return try Operators.vectorLiteral(try items.map(evaluate), items, e.range)
    case .tuple(let items): return .tuple(try items.map(evaluate))
    case .record(let fields):
      return .record(
        Record(typeName: "record", fields: try fields.map { Record.Field($0.label ?? "", try evaluate($0.value)) }))
    case .closure(let c): return .closure(try makeClosure(c))
    case .conditional(let test, let then, let orElse):
      return try conditionalValue(test, then, orElse)
    case .invalid: throw LanguageError(.syntax, "invalid expression", at: e.range)
    }
  }

  private func logical(_ e: Expr, _ a: Expr, _ b: Expr) throws -> Value {
    guard case .binary(let op, _, _) = e.kind else { return .none }
    func truth(_ x: Expr) throws -> Bool {
      guard case .bool(let v) = try evaluate(x) else {
        throw LanguageError(
          .type, "'\(op.rawValue)' needs true or false on both sides", at: x.range)
      }
      return v
    }
    let l = try truth(a)
    if op == .and, !l { return .bool(false) }
    if op == .or, l { return .bool(true) }
    return .bool(try truth(b))
  }

  private func rangeValue(_ a: Expr, _ b: Expr, _ range: SourceRange) throws -> Value {
    guard case .number(let lo) = try evaluate(a), case .number(let hi) = try evaluate(b) else {
      throw LanguageError(.type, "a range needs numbers on both sides of '...'", at: range)
    }
    return .range(lo, hi)
  }

  func member(_ base: Value, _ name: String, _ range: SourceRange) throws -> Value {
    let names: [String]
    switch base {
    case .record(let r):
      if let v = r[name] { return v }
      names = r.fields.map(\.name)
    case .custom(let c):
      if let v = c.member(name) { return v }
      names = c.memberNames
    case .table(let t):
      if let v = t.member(name) { return v }
      throw t.unknownColumn(name, at: range)
    default:
      throw LanguageError(.type, "a \(base.typeName) has no members", at: range)
    }
    throw LanguageError(
      .name,
      "\(base.typeName) has no member '\(name)'\(Suggestions.phrase(for: name, among: names)); members: \(names.joined(separator: ", "))",
      at: range)
  }
}
