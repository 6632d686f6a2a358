/// One hyper-parameter of an optimizer as the optimizer table describes it: its name, default,
/// valid range and the message when a value falls outside it.
public struct HyperParameter: Sendable, Equatable {
  /// The values a hyper-parameter admits.
  public enum Range: Sendable, Equatable {
    /// Finite and > 0 (learning rates, ε).
    case positive
    /// In [0, 1) (decay factors: λ, β₁, β₂).
    case unitInterval

    /// Whether `value` lies in the range (NaN never does).
    public func contains(_ value: Double) -> Bool {
      switch self {
      case .positive: return value.isFinite && value > 0
      case .unitInterval: return (0..<1).contains(value)
      }
    }

    /// The range as help text shows it: "> 0", "[0, 1)".
    public var text: String {
      switch self {
      case .positive: return "> 0"
      case .unitInterval: return "[0, 1)"
      }
    }
  }

  /// The argument label, as cells write it: "lr", "lambda", "beta1".
  public let name: String
  /// The symbol formulas use: "η", "λ", "β₁".
  public let symbol: String
  /// The value taken when the argument is left out; nil when it is required.
  public let defaultValue: Double?
  public let range: Range
  /// What it controls, one phrase ("the fraction of m kept per step").
  public let meaning: String
  /// The message when a value is outside `range`.
  public let violation: String

  /// Why `value` is unusable, or nil when it is in range.
  public func problem(_ value: Double) -> String? {
    range.contains(value) ? nil : violation
  }
}

extension HyperParameter {
  /// The learning rate η, required unless `defaultValue` is given.
  static func learningRate(default value: Double? = nil) -> HyperParameter {
    HyperParameter(
      name: "lr", symbol: "η", defaultValue: value, range: .positive,
      meaning: "the step size multiplying the gradient",
      violation: "the learning rate lr must be a finite number > 0")
  }

  /// A decay factor in [0, 1) with its default.
  static func decay(
    _ name: String, symbol: String, default value: Double, meaning: String
  ) -> HyperParameter {
    HyperParameter(
      name: name, symbol: symbol, defaultValue: value, range: .unitInterval, meaning: meaning,
      violation: "\(name) must be in [0, 1), \(meaning)")
  }
}

/// Why an optimizer cannot be built from the given hyper-parameters (a missing required one,
/// an unknown name, a value out of range), in words a cell's error can show.
public struct OptimizerError: Error, Sendable, Equatable {
  public let message: String
  /// The hyper-parameter at fault, when one is.
  public let parameter: String?

  public init(_ message: String, parameter: String? = nil) {
    self.message = message
    self.parameter = parameter
  }
}
