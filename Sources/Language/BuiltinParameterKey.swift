import MathCore

/// A builtin's parameter as a typed key, declared once and used both in the builtin's
/// parameter list and to read its argument: `static let lr = ParameterKey.number("lr")`, then
/// `[…, lr, …]` in the entry and `args[lr]` in the implementation.
///
/// Why: reading arguments by position (`args.number(2 + o)`) silently reads the wrong one
/// when a parameter is inserted or moved. A key finds its argument by its identity (label,
/// or name for a positional parameter), so the order of the list does not matter; a key
/// that is not among the builtin's parameters is a programmer error caught at the first call
/// (every builtin's example runs in the tests), and `BuiltinTable` checks when it is built
/// that no two parameters of an entry share an identity.
public struct ParameterKey<T>: Sendable {
  /// The parameter as the entry lists it (kind, default, optional).
  public let parameter: BuiltinParameter
  /// `parameter.identity`, computed once (keys are static; reads compare it).
  let identity: String
  private let read: @Sendable (Value?) -> T

  init(_ parameter: BuiltinParameter, read: @escaping @Sendable (Value?) -> T) {
    self.parameter = parameter
    self.identity = parameter.identity
    self.read = read
  }

  /// The same parameter, optional without a default (the implementation sees nil).
  public func optional() -> ParameterKey<T> {
    var p = parameter
    p.optional = true
    return ParameterKey(p, read: read)
  }

  func value(_ v: Value?) -> T { read(v) }
}

extension ParameterKey where T == Double {
  /// A labelled number (`lr: 0.05`); NaN when an optional one was omitted.
  public static func number(_ label: String, default value: Double? = nil) -> ParameterKey<Double> {
    ParameterKey(.labelled(label, .number, default: value.map(Value.number))) { v in
      if case .number(let x)? = v { return x }
      return .nan
    }
  }

  /// A labelled whole number (`steps: 100`), checked whole when bound; read as a Double so
  /// range checks happen before any conversion to Int.
  public static func integer(_ label: String, default value: Double? = nil) -> ParameterKey<Double> {
    ParameterKey(.labelled(label, .integer, default: value.map(Value.number))) { v in
      if case .number(let x)? = v { return x }
      return .nan
    }
  }
}

extension ParameterKey where T == Value? {
  /// A positional parameter of `kind` (`_ L: function`); nil when an optional one was omitted.
  public static func positional(_ name: String, _ kind: BuiltinParameter.Kind) -> ParameterKey<Value?> {
    ParameterKey(.positional(name, kind)) { $0 }
  }

  /// A labelled parameter of `kind` (`from: any`); nil when an optional one was omitted.
  public static func labelled(_ label: String, _ kind: BuiltinParameter.Kind) -> ParameterKey<Value?> {
    ParameterKey(.labelled(label, kind)) { $0 }
  }

  /// Any parameter exactly as listed (a default of any kind, a wildcard, a variadic); nil
  /// when an optional one was omitted.
  public static func parameter(_ parameter: BuiltinParameter) -> ParameterKey<Value?> {
    ParameterKey(parameter) { $0 }
  }
}

extension BuiltinParameter {
  /// What identifies the parameter among its builtin's: its label, or `_name` when positional.
  var identity: String { label ?? "_" + name }
}

extension BoundArguments {
  /// The argument of the parameter `key` (its default when omitted).
  public subscript<T>(key: ParameterKey<T>) -> T { key.value(values[slot(key)]) }

  /// The index of `key`'s parameter in the entry's list; a key the entry does not list is a
  /// programmer error, stopped here at its first read.
  func slot<T>(_ key: ParameterKey<T>) -> Int {
    guard let i = builtin.parameterIdentities.firstIndex(of: key.identity) else {
      preconditionFailure("\(builtin.name) reads '\(key.identity)', which is not among its parameters")
    }
    return i
  }

  /// Whether `key`'s argument was given or has a default (a number key reads NaN both when
  /// omitted and when given NaN; this tells them apart).
  public func has<T>(_ key: ParameterKey<T>) -> Bool { values[slot(key)] != nil }

  /// The number in `key`'s argument (NaN when omitted).
  public func number<T>(_ key: ParameterKey<T>) -> Double {
    if case .number(let x)? = values[slot(key)] { return x }
    return .nan
  }

  /// The whole number in `key`'s argument, for a parameter of kind `integer` (checked whole
  /// and below 1e15 when bound). An omitted optional parameter reads as NaN: that gives 0
  /// rather than a trap (callers check `has(key)` first).
  public func integer<T>(_ key: ParameterKey<T>) -> Int {
    let x = number(key)
    return x.isFinite && Swift.abs(x) < 1e15 ? Int(x) : 0
  }

  /// The vector in `key`'s argument (empty when omitted).
  public func vector<T>(_ key: ParameterKey<T>) -> Vector {
    if case .vector(let v)? = values[slot(key)] { return v }
    return Vector([])
  }

  /// The matrix in `key`'s argument (0×0 when omitted).
  public func matrix<T>(_ key: ParameterKey<T>) -> Matrix {
    if case .matrix(let m)? = values[slot(key)] { return m }
    return Matrix(rows: 0, columns: 0)
  }

  /// The string in `key`'s argument ("" when omitted).
  public func string<T>(_ key: ParameterKey<T>) -> String {
    if case .string(let s)? = values[slot(key)] { return s }
    return ""
  }

  /// The boolean in `key`'s argument (false when omitted).
  public func bool<T>(_ key: ParameterKey<T>) -> Bool {
    if case .bool(let b)? = values[slot(key)] { return b }
    return false
  }

  /// The label the caller gave a wildcard parameter (`w1:` for `<parameter 1>`), if any.
  public func wildcardLabel<T>(_ key: ParameterKey<T>) -> String? { wildcardLabels[slot(key)] }

  /// The source range of `key`'s argument, or the call.
  public func range<T>(_ key: ParameterKey<T>) -> SourceRange { ranges[slot(key)] ?? callRange }

  /// A ValueError (or `kind`) placed at `key`'s argument.
  public func error<T>(_ key: ParameterKey<T>, _ message: String, kind: ErrorKind = .value) -> LanguageError {
    LanguageError(kind, message, at: range(key))
  }
}
