/// A first-order optimizer as a value: its kind and hyper-parameters, nothing else.
///
/// Optimizers are plain values so a cell can build one (`momentum(lr: 0.05, lambda: 0.9)`),
/// show it, pass it around and hand it to `minimize`; the state they need while running
/// (momentum buffer, Adam moments) lives in `OptimizerState` or the loop, not here. Names,
/// defaults, ranges, help and display come from the table (`OptimizerKind.spec`); this enum
/// only gives the values typed names, and `kind`, `values` and `init(kind:values:)` are the
/// only places that switch on its cases.
public enum Optimizer: Sendable, Equatable {
  /// Gradient descent θⁱ⁺¹ = θⁱ − η gⁱ.
  case gd(lr: Double)
  /// Heavy-ball momentum as the lecture writes it: m⁰ = 0, mⁱ⁺¹ = λmⁱ − ηgⁱ, θⁱ⁺¹ = θⁱ + mⁱ⁺¹.
  case momentum(lr: Double, lambda: Double)
  /// Nesterov momentum: the gradient is taken at the look-ahead point θⁱ + λmⁱ.
  case nesterov(lr: Double, lambda: Double)
  /// Adam (Kingma & Ba 2015) with bias-corrected first and second moments.
  case adam(lr: Double, beta1: Double, beta2: Double, epsilon: Double)

  /// Which optimizer this is (its row of the table).
  public var kind: OptimizerKind {
    switch self {
    case .gd: return .gd
    case .momentum: return .momentum
    case .nesterov: return .nesterov
    case .adam: return .adam
    }
  }

  /// The hyper-parameter values in the order of `kind.spec.parameters`.
  public var values: [Double] {
    switch self {
    case .gd(let lr): return [lr]
    case .momentum(let lr, let l), .nesterov(let lr, let l): return [lr, l]
    case .adam(let lr, let b1, let b2, let e): return [lr, b1, b2, e]
    }
  }

  /// The optimizer of `kind` with `values` in the order of `kind.spec.parameters`.
  ///
  /// - Precondition: `values.count == kind.spec.parameters.count`.
  public init(kind: OptimizerKind, values v: [Double]) {
    precondition(v.count == kind.spec.parameters.count, "\(kind.rawValue) takes \(kind.spec.parameters.count) values")
    switch kind {
    case .gd: self = .gd(lr: v[0])
    case .momentum: self = .momentum(lr: v[0], lambda: v[1])
    case .nesterov: self = .nesterov(lr: v[0], lambda: v[1])
    case .adam: self = .adam(lr: v[0], beta1: v[1], beta2: v[2], epsilon: v[3])
    }
  }

  /// The optimizer of `kind` with hyper-parameters by name, as a builtin receives them; one
  /// left out takes its default.
  ///
  /// - Throws: `OptimizerError` for an unknown name, a missing required value or a value out
  ///   of range (the table's message).
  public init(kind: OptimizerKind, named arguments: [String: Double]) throws(OptimizerError) {
    let spec = kind.spec
    if let unknown = arguments.keys.sorted().first(where: { spec.parameter(named: $0) == nil }) {
      throw OptimizerError(
        "\(kind.rawValue) has no hyper-parameter \(unknown); it takes \(spec.signature)",
        parameter: unknown)
    }
    var values: [Double] = []
    for p in spec.parameters {
      guard let value = arguments[p.name] ?? p.defaultValue else {
        throw OptimizerError("\(kind.rawValue) needs \(p.name): \(spec.signature)", parameter: p.name)
      }
      if let problem = p.problem(value) { throw OptimizerError(problem, parameter: p.name) }
      values.append(value)
    }
    self.init(kind: kind, values: values)
  }

  /// The learning rate η.
  public var learningRate: Double { values[0] }

  /// The builtin's name: "gd", "momentum", "nesterov", "adam".
  public var name: String { kind.rawValue }

  /// Source-like text, `momentum(lr: 0.05, lambda: 0.9)`, using `format` for numbers.
  public func description(_ format: (Double) -> String) -> String {
    let arguments = zip(kind.spec.parameters, values).map { "\($0.name): \(format($1))" }
    return "\(name)(" + arguments.joined(separator: ", ") + ")"
  }

  /// Why the hyper-parameters are unusable (the first one out of its range, in table order),
  /// or nil when they are fine.
  public var problem: String? {
    zip(kind.spec.parameters, values).lazy.compactMap { $0.problem($1) }.first
  }
}
