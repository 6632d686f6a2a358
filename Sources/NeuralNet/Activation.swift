import MathCore

/// The nonlinearity applied after every hidden layer (the output layer is linear: logits for
/// cross-entropy, values for mean squared error).
///
/// Each activation gives its value and its first and second derivatives as functions of the
/// pre-activation z, so backprop (first) and exact Hessian-vector products (second, the
/// R-operator) use the same definitions.
public enum Activation: String, Sendable, CaseIterable {
  case relu, tanh, sigmoid, softplus, linear

  /// σ(z). Softplus is log(1 + eᶻ) computed as max(z, 0) + log1p(e^−|z|), exact to rounding
  /// and without overflow; sigmoid never overflows either.
  @inline(__always)
  public func value<T: NetScalar>(_ z: T) -> T {
    switch self {
    case .relu: return z > 0 ? z : 0
    case .tanh: return T.tanh(z)
    case .sigmoid: return Self.logistic(z)
    case .softplus: return (z > 0 ? z : 0) + T.log1p(T.exp(-Swift.abs(z)))
    case .linear: return z
    }
  }

  /// σ′(z); relu′(0) is taken as 0, as torch does.
  @inline(__always)
  public func derivative<T: NetScalar>(_ z: T) -> T {
    switch self {
    case .relu: return z > 0 ? 1 : 0
    case .tanh:
      let t = T.tanh(z)
      return 1 - t * t
    case .sigmoid:
      let s = Self.logistic(z)
      return s * (1 - s)
    case .softplus: return Self.logistic(z)
    case .linear: return 1
    }
  }

  /// σ″(z); zero for relu (away from its kink) and linear.
  @inline(__always)
  public func secondDerivative<T: NetScalar>(_ z: T) -> T {
    switch self {
    case .relu, .linear: return 0
    case .tanh:
      let t = T.tanh(z)
      return -2 * t * (1 - t * t)
    case .sigmoid:
      let s = Self.logistic(z)
      return s * (1 - s) * (1 - 2 * s)
    case .softplus:
      let s = Self.logistic(z)
      return s * (1 - s)
    }
  }

  /// σ(z) over any `Scalar`, written straightforwardly for the forward-mode oracle.
  public func oracle<S: Scalar>(_ z: S) -> S {
    switch self {
    case .relu: return S.relu(z)
    case .tanh: return S.tanh(z)
    case .sigmoid: return S.sigmoid(z)
    case .softplus: return S.log(S(1) + S.exp(z))
    case .linear: return z
    }
  }

  /// Whether the activation is smooth (its Hessian exists everywhere): not relu.
  public var isSmooth: Bool { self != .relu }

  /// 1 / (1 + e^−z) without overflow for large |z|.
  @inline(__always)
  static func logistic<T: NetScalar>(_ z: T) -> T {
    if z >= 0 { return 1 / (1 + T.exp(-z)) }
    let e = T.exp(z)
    return e / (1 + e)
  }

  /// Applies σ to `count` numbers from `z` into `a` (the switch hoisted out of the loop).
  func apply<T: NetScalar>(_ z: UnsafePointer<T>, into a: UnsafeMutablePointer<T>, count: Int) {
    switch self {
    case .relu: for i in 0..<count { a[i] = z[i] > 0 ? z[i] : 0 }
    case .linear: a.update(from: z, count: count)
    default: for i in 0..<count { a[i] = value(z[i]) }
    }
  }

  /// Multiplies `delta` elementwise by σ′(z) (the backward step through the activation).
  func multiplyByDerivative<T: NetScalar>(_ delta: UnsafeMutablePointer<T>, at z: UnsafePointer<T>, count: Int) {
    switch self {
    case .relu: for i in 0..<count where !(z[i] > 0) { delta[i] = 0 }
    case .linear: break
    default: for i in 0..<count { delta[i] *= derivative(z[i]) }
    }
  }
}

/// How a network's outputs are scored against the targets (torch's mean reductions).
public enum LossKind: String, Sendable, CaseIterable {
  /// Softmax cross-entropy on the logits, averaged over the examples (`nn.CrossEntropyLoss`).
  case crossEntropy = "cross_entropy"
  /// Squared error averaged over every output of every example (`nn.MSELoss`); class labels
  /// become one-hot targets.
  case meanSquaredError = "mse"
}
