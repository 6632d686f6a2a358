/// A first-order optimizer as a value: its kind and hyper-parameters, nothing else.
///
/// Optimizers are plain values so a cell can build one (`momentum(lr: 0.05, lambda: 0.9)`),
/// show it, pass it around and hand it to `minimize`; the state they need while running
/// (momentum buffer, Adam moments) lives in the loop, not here.
public enum Optimizer: Sendable, Equatable {
  /// Gradient descent θⁱ⁺¹ = θⁱ − η gⁱ.
  case gd(lr: Double)
  /// Heavy-ball momentum as the lecture writes it: m⁰ = 0, mⁱ⁺¹ = λmⁱ − ηgⁱ, θⁱ⁺¹ = θⁱ + mⁱ⁺¹.
  case momentum(lr: Double, lambda: Double)
  /// Nesterov momentum: the gradient is taken at the look-ahead point θⁱ + λmⁱ.
  case nesterov(lr: Double, lambda: Double)
  /// Adam (Kingma & Ba 2015) with bias-corrected first and second moments.
  case adam(lr: Double, beta1: Double, beta2: Double, epsilon: Double)

  /// The learning rate η.
  public var learningRate: Double {
    switch self {
    case .gd(let lr), .momentum(let lr, _), .nesterov(let lr, _), .adam(let lr, _, _, _): return lr
    }
  }

  /// The builtin's name: "gd", "momentum", "nesterov", "adam".
  public var name: String {
    switch self {
    case .gd: return "gd"
    case .momentum: return "momentum"
    case .nesterov: return "nesterov"
    case .adam: return "adam"
    }
  }

  /// Source-like text, `momentum(lr: 0.05, lambda: 0.9)`, using `format` for numbers.
  public func description(_ format: (Double) -> String) -> String {
    switch self {
    case .gd(let lr): return "gd(lr: \(format(lr)))"
    case .momentum(let lr, let l): return "momentum(lr: \(format(lr)), lambda: \(format(l)))"
    case .nesterov(let lr, let l): return "nesterov(lr: \(format(lr)), lambda: \(format(l)))"
    case .adam(let lr, let b1, let b2, let e):
      return
        "adam(lr: \(format(lr)), beta1: \(format(b1)), beta2: \(format(b2)), epsilon: \(format(e)))"
    }
  }

  /// Why the hyper-parameters are unusable, or nil when they are fine.
  ///
  /// η must be finite and > 0; λ and the β's in [0, 1); ε > 0.
  public var problem: String? {
    let lr = learningRate
    if !(lr.isFinite && lr > 0) { return "the learning rate lr must be a finite number > 0" }
    switch self {
    case .gd: return nil
    case .momentum(_, let l), .nesterov(_, let l):
      return (0..<1).contains(l) ? nil : "lambda must be in [0, 1), the fraction of m kept per step"
    case .adam(_, let b1, let b2, let e):
      if !(0..<1).contains(b1) || !(0..<1).contains(b2) { return "beta1 and beta2 must be in [0, 1)" }
      return e.isFinite && e > 0 ? nil : "epsilon must be a finite number > 0"
    }
  }
}
