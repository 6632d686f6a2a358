import MathCore

/// One parameter of a builtin, as shown in its signature and used for binding.
public struct BuiltinParameter: Sendable {
  /// The kinds of value a parameter accepts (checked before the implementation runs).
  public enum Kind: String, Sendable {
    case number, integer, bool, string, vector, matrix, range, function, any
    /// A number, vector or matrix (elementwise functions).
    case array
    /// A vector or a matrix.
    case tensor
    /// A parameter of the function argument: a string, a position, or a bare name that is
    /// passed as its own text (`diff(L, w1)`); see `Evaluator.parameterNameArgument`.
    case parameterName = "parameter"
  }

  /// The argument label; nil for positional parameters (written `_` in signatures).
  public var label: String?
  /// The parameter's name in documentation.
  public var name: String
  public var kind: Kind
  /// The value used when the argument is omitted; nil means required (unless `optional`).
  public var defaultValue: Value?
  /// Optional without a default: the implementation sees nil.
  public var optional = false
  /// Takes all remaining positional arguments.
  public var variadic = false
  /// Labelled with the name of the function argument's parameters (`grid(L, w1: …, w2: …)`).
  public var wildcard = false

  public static func positional(_ name: String, _ kind: Kind, optional: Bool = false)
    -> BuiltinParameter
  {
    BuiltinParameter(label: nil, name: name, kind: kind, defaultValue: nil, optional: optional)
  }

  public static func labelled(
    _ label: String, _ kind: Kind, default value: Value? = nil, optional: Bool = false
  )
    -> BuiltinParameter
  {
    BuiltinParameter(label: label, name: label, kind: kind, defaultValue: value, optional: optional)
  }

  /// `_ x: number`, `n: number = 50`, `_ items: any...`, `<parameter>: range`.
  var signatureText: String {
    var text =
      wildcard ? "<\(name)>: \(kind.rawValue)" : "\(label ?? "_ \(name)"): \(kind.rawValue)"
    if variadic { text += "..." }
    if let defaultValue { text += " = \(defaultValue.plainText)" } else if optional { text += "?" }
    return text
  }
}

/// A builtin function: everything dispatch, help, completion and inspection need, in one entry.
public struct Builtin: Sendable {
  public typealias Implementation = @Sendable (BoundArguments, any BuiltinContext) throws -> Value

  public let name: String
  public let parameters: [BuiltinParameter]
  /// What it returns, e.g. "vector".
  public let returns: String
  /// One line saying what it does.
  public let summary: String
  /// A runnable example cell.
  public let example: String
  /// Referenced bare as a statement (`help`, `vars`), the builtin is called without arguments.
  public let callableBare: Bool
  let implementation: Implementation
  /// Each parameter's `identity`, computed once: every argument read (`args[key]`) searches
  /// these, and building the strings per read cost more than `hessian(R, at: …)` itself.
  let parameterIdentities: [String]

  /// One table entry; `implementation` receives the bound, type-checked arguments.
  public init(
    _ name: String, _ parameters: [BuiltinParameter], returns: String, summary: String,
    example: String,
    callableBare: Bool = false, implementation: @escaping Implementation
  ) {
    self.name = name
    self.parameters = parameters
    self.returns = returns
    self.summary = summary
    self.example = example
    self.callableBare = callableBare
    self.implementation = implementation
    self.parameterIdentities = parameters.map(\.identity)
  }

  /// `linspace(_ start: number, _ stop: number, n: number = 50) -> vector`.
  public var signature: String {
    "\(name)(\(parameters.map(\.signatureText).joined(separator: ", "))) -> \(returns)"
  }

  /// Signature, summary and example: what `help(name)` and `?name` show.
  public var helpText: String {
    "\(signature)\n\n\(summary)\n\nExample:\n"
      + example.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
  }

  /// The parameter an unlabelled argument at position `k` (0-based) fills, as `bind` assigns it.
  func positionalParameter(_ k: Int) -> BuiltinParameter? {
    let slots = parameters.filter { $0.label == nil && !$0.wildcard }
    if k < slots.count { return slots[k] }
    return slots.last.flatMap { $0.variadic ? $0 : nil }
  }

  /// The argument labels a call may use, for completion.
  public var labels: [String] { parameters.compactMap { $0.wildcard ? nil : $0.label } }
}
