import MathCore

/// An argument as evaluated at a call site.
public struct CallArgument: Sendable {
  public var label: String?
  public var value: Value
  public var range: SourceRange
}

/// A builtin's arguments matched to its parameters and type-checked. Implementations read
/// them by `ParameterKey` (`args[lr]`, `args.vector(x)`, `args.error(lr, …)`), never by
/// position: the only positional access is `rest`, the extra values of a variadic parameter.
public struct BoundArguments: Sendable {
  let builtin: Builtin
  /// The value for each parameter (nil when an optional parameter was omitted).
  var values: [Value?]
  var ranges: [SourceRange?]
  /// For wildcard parameters: the label the caller used (read with `wildcardLabel(key)`).
  var wildcardLabels: [String?]
  /// Extra positional values for a variadic parameter.
  public internal(set) var rest: [Value] = []
  /// For a labelled variadic parameter (`table(lr: …, loss: …)`): every argument whose label
  /// names no other parameter, in call order, with the label the caller chose.
  public internal(set) var labelledRest: [(label: String, value: Value, range: SourceRange)] = []
  /// The whole call, for errors that concern no single argument.
  public let callRange: SourceRange
  /// The running session's table, for messages that name its builtins.
  public internal(set) var table: BuiltinTable = .shared
}

extension Builtin {
  /// Matches call arguments to parameters, fills defaults and checks kinds.
  func bind(_ args: [CallArgument], callRange: SourceRange) throws -> BoundArguments {
    var bound = BoundArguments(
      builtin: self, values: parameters.map(\.defaultValue),
      ranges: Array(repeating: nil, count: parameters.count),
      wildcardLabels: Array(repeating: nil, count: parameters.count), callRange: callRange)
    var filled = Array(repeating: false, count: parameters.count)
    var nextPositional = nextPositionalSlot(after: -1)
    for arg in args {
      let slot: Int
      if let label = arg.label, let any = labelledRestSlot(for: label) {
        try check(arg.value, parameters[any], arg.range)
        if bound.labelledRest.contains(where: { $0.label == label }) {
          throw argumentError("argument '\(label):' is given twice", arg.range)
        }
        bound.labelledRest.append((label, arg.value, arg.range))
        continue
      }
      if let label = arg.label {
        slot = try labelledSlot(label, filled, arg.range)
        if parameters[slot].wildcard { bound.wildcardLabels[slot] = label }
      } else {
        guard let i = nextPositional else {
          let hint =
            parameters.contains { $0.label != nil }
            ? " (arguments after the first need labels)" : ""
          throw argumentError("too many arguments to \(name)\(hint)", arg.range)
        }
        try check(arg.value, parameters[i], arg.range)
        if parameters[i].variadic, filled[i] {
          bound.rest.append(arg.value)
          continue
        }
        slot = i
        if !parameters[i].variadic { nextPositional = nextPositionalSlot(after: i) }
      }
      try check(arg.value, parameters[slot], arg.range)
      bound.values[slot] = arg.value
      bound.ranges[slot] = arg.range
      filled[slot] = true
    }
    try checkRequired(filled, callRange)
    return bound
  }

  /// The labelled variadic parameter that takes `label`, when no other parameter has it.
  private func labelledRestSlot(for label: String) -> Int? {
    guard let any = parameters.firstIndex(where: { $0.wildcard && $0.variadic }),
      !parameters.contains(where: { $0.label == label && !$0.wildcard })
    else { return nil }
    return any
  }

  private func nextPositionalSlot(after i: Int) -> Int? {
    parameters.indices.first { $0 > i && parameters[$0].label == nil && !parameters[$0].wildcard }
  }

  /// The parameter a labelled argument fills: its own label, else the next free wildcard.
  private func labelledSlot(_ label: String, _ filled: [Bool], _ range: SourceRange) throws -> Int {
    let slot =
      parameters.firstIndex { $0.label == label && !$0.wildcard }
      ?? parameters.indices.first { parameters[$0].wildcard && !filled[$0] }
    guard let slot else {
      throw argumentError("\(name) has no argument labelled '\(label):'", range)
    }
    if filled[slot] { throw argumentError("argument '\(label):' is given twice", range) }
    return slot
  }

  private func checkRequired(_ filled: [Bool], _ callRange: SourceRange) throws {
    for (i, p) in parameters.enumerated()
    where !filled[i] && p.defaultValue == nil && !p.optional && !p.variadic {
      let what =
        p.wildcard
        ? "a labelled range for each parameter of the function"
        : p.label.map { "'\($0):'" } ?? "'\(p.name)'"
      throw argumentError("missing argument \(what)", callRange)
    }
  }

  /// An ArgumentError whose message ends with the signature.
  func argumentError(_ message: String, _ range: SourceRange) -> LanguageError {
    LanguageError(.argument, "\(message); expected \(signature)", at: range)
  }

  private func check(_ value: Value, _ p: BuiltinParameter, _ range: SourceRange) throws {
    let ok: Bool
    switch (p.kind, value) {
    case (.any, _), (.number, .number), (.bool, .bool), (.string, .string), (.vector, .vector),
      (.matrix, .matrix), (.range, .range), (.function, .function), (.function, .builtin), (.function, .closure),
      (.array, .number), (.array, .vector), (.array, .matrix), (.tensor, .vector),
      (.tensor, .matrix), (.parameterName, .string), (.parameterName, .number):
      ok = true
    case (.function, .custom(let c)):
      ok = c is any DifferentiableFunctionValue
    case (.integer, .number(let x)):
      guard x == x.rounded(), Swift.abs(x) < 1e15 else {
        throw LanguageError(
          .type,
          "argument '\(p.name)' of \(name) must be a whole number, got \(NumberFormat.plain(x))",
          at: range)
      }
      ok = true
    default: ok = false
    }
    if !ok {
      let expected =
        p.kind == .integer
        ? "whole number"
        : p.kind == .array
          ? "number, vector or matrix"
          : p.kind == .tensor
            ? "vector or matrix"
            : p.kind == .parameterName
              ? "parameter name (bare like w1, a string, or a position)" : p.kind.rawValue
      throw LanguageError(
        .type, "argument '\(p.name)' of \(name) must be a \(expected), got \(value.described)",
        at: range)
    }
  }
}
