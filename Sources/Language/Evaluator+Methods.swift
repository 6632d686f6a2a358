import Formula
import MathCore

/// The methods every list-like value has: `xs.map { … }`, `xs.filter { … }`,
/// `xs.reduce(0) { a, x in … }`.
enum ListMethod: String, CaseIterable {
  case map, filter, reduce
}

/// The items of a value that `for` and the list methods go over: the numbers of a range
/// (lower, lower + 1, … up to upper) or vector, the rows of a matrix or table (as records),
/// the items of a list.
struct Items {
  /// The item at position k, or nil past the end (a range may be endless: `0...inf`).
  let item: (Int) -> Value?
  /// The kind of list map and filter build when every result is a number or vector.
  let isList: Bool

  init(_ value: Value, _ range: SourceRange, purpose: String) throws {
    switch value {
    case .range(let lo, let hi):
      item = { k in
        let x = lo + Double(k)
        return x <= hi ? .number(x) : nil
      }
      isList = false
    case .vector(let v):
      item = { k in k < v.count ? .number(v[k]) : nil }
      isList = false
    case .matrix(let m):
      item = { k in k < m.rows ? .vector(m.row(k)) : nil }
      isList = false
    case .tuple(let t):
      item = { k in k < t.count ? t[k] : nil }
      isList = true
    case .table(let t):
      item = { k in k < t.rowCount ? .record(t.row(k)) : nil }
      isList = true
    default:
      throw LanguageError(
        .type,
        "'\(purpose)' needs a list, vector, matrix, range or table to go over, not a \(value.typeName)",
        at: range)
    }
  }
}

extension Value {
  /// Values that have the list methods (a record's or figure's members come first).
  var isSequence: Bool {
    switch self {
    case .record, .custom: return false
    default: return true
    }
  }

  /// Values whose items `for` and the list methods go over (what completion offers them on).
  var hasListMethods: Bool {
    switch self {
    case .vector, .matrix, .tuple, .range, .table: return true
    default: return false
    }
  }

  /// Results of map (or kept items of filter) as one value: numbers make a vector, vectors
  /// of one length a matrix, anything else a list.
  static func collecting(_ values: [Value], emptyList: Bool) -> Value {
    if values.isEmpty { return emptyList ? .tuple([]) : .vector(Vector([])) }
    var numbers: [Double] = []
    var rows: [[Double]] = []
    for v in values {
      switch v {
      case .number(let x) where rows.isEmpty: numbers.append(x)
      case .vector(let r) where numbers.isEmpty && (rows.first?.count ?? r.count) == r.count:
        rows.append(r.elements)
      default: return .tuple(values)
      }
    }
    if !rows.isEmpty, let m = Matrix(rowVectors: rows) { return .matrix(m) }
    return rows.isEmpty ? .vector(Vector(numbers)) : .tuple(values)
  }
}

extension Evaluator {
  func callListMethod(
    _ method: ListMethod, on base: Value, _ baseExpr: Expr, _ argExprs: [Argument],
    _ range: SourceRange
  ) throws -> Value {
    let items = try Items(base, baseExpr.range, purpose: method.rawValue)
    let arity = method == .reduce ? 2 : 1
    let expected = method == .reduce ? "an initial value and a closure" : "a closure"
    guard argExprs.count == arity, argExprs.allSatisfy({ $0.label == nil }) else {
      throw LanguageError(
        .argument, "\(method.rawValue) takes \(expected), as in \(ListMethod.example(method))",
        at: range)
    }
    let fnExpr = argExprs[arity - 1].value
    let fn = try evaluate(fnExpr)
    try checkArity(fn, arity, method, fnExpr.range)
    switch method {
    case .map:
      if let all = try vectorizedMap(fn, base) { return all }
      var out: [Value] = []
      while let item = items.item(out.count) {
        out.append(try callValue(fn, [item], range: fnExpr.range))
      }
      return Value.collecting(out, emptyList: items.isList)
    case .filter:
      var kept: [Int] = []
      var k = 0
      while let item = items.item(k) {
        guard case .bool(let keep) = try callValue(fn, [item], range: fnExpr.range) else {
          throw LanguageError(
            .type, "the closure given to filter must return true or false", at: fnExpr.range)
        }
        if keep { kept.append(k) }
        k += 1
      }
      if case .table(let t) = base { return .table(t.selecting(rows: kept)) }
      return Value.collecting(kept.compactMap(items.item), emptyList: items.isList)
    case .reduce:
      var accumulator = try evaluate(argExprs[0].value)
      var k = 0
      while let item = items.item(k) {
        accumulator = try callValue(fn, [accumulator, item], range: fnExpr.range)
        k += 1
      }
      return accumulator
    }
  }

  /// `map` of a one-parameter scalar formula (a compiled closure or formula function) over
  /// a vector or a finite range: the block program over all the numbers at once, as
  /// `f(vector)` runs it, instead of one call per item. nil when that does not apply.
  private func vectorizedMap(_ fn: Value, _ base: Value) throws -> Value? {
    let formula: Formula?
    switch fn {
    case .closure(let c): formula = c.expression?.formula
    case .function(let f): formula = f.formula
    default: formula = nil
    }
    guard let formula, formula.parameters.count == 1 else { return nil }
    var xs: [Double] = []
    switch base {
    case .vector(let v): xs = v.elements
    case .range(let lo, let hi):
      guard lo.isFinite, hi.isFinite, hi - lo < 10_000_000 else { return nil }
      var k = 0
      while lo + Double(k) <= hi {  // the items `Items` gives a range
        xs.append(lo + Double(k))
        k += 1
      }
    default: return nil
    }
    try checkCancellation()
    return .vector(Vector(formula.evaluate(columns: [xs])))
  }

  /// A closure with the wrong number of parameters is an error before any item runs.
  private func checkArity(_ fn: Value, _ arity: Int, _ method: ListMethod, _ range: SourceRange)
    throws
  {
    let count: Int
    switch fn {
    case .closure(let c): count = c.parameters.count
    case .function(let f): count = f.parameters.count
    case .builtin: return
    default:
      throw LanguageError(
        .type, "\(method.rawValue) needs a closure, such as \(ListMethod.example(method)), not a \(fn.typeName)",
        at: range)
    }
    guard count == arity else {
      let passes = arity == 1 ? "1 argument (each item)" : "2 arguments (the result so far and each item)"
      throw LanguageError(
        .argument,
        "the closure takes \(count) parameter\(count == 1 ? "" : "s") but \(method.rawValue) passes \(passes)",
        at: range)
    }
  }
}

extension ListMethod {
  static func example(_ m: ListMethod) -> String {
    switch m {
    case .map: return "xs.map { x in x^2 }"
    case .filter: return "xs.filter { x in x > 0 }"
    case .reduce: return "xs.reduce(0) { a, x in a + x }"
    }
  }
}
