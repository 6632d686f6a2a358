import MathCore

/// A function of one parameter vector that is not a formula but computes its own exact value,
/// gradient and Hessian: a network's loss as a function of its parameters (`loss_of(net, data)`).
///
/// Why a protocol here: the calculus builtins (`grad`, `hessian`) live in a pack below the
/// networks pack, and a network's loss must be differentiated by its own backprop (reverse mode
/// on BLAS), not lowered to a formula of 100,000 parameters. A pack above supplies the value;
/// `grad(L, at: θ)` and `hessian(L, at: θ)` call it; a parameter of kind `function` accepts it.
public protocol DifferentiableFunctionValue: CustomValue {
  /// The length of the parameter vector the function takes.
  var dimension: Int { get }
  /// The value and exact gradient at `point` (`point.count == dimension`, checked by the caller).
  func valueAndGradient(at point: [Double]) throws -> (value: Double, gradient: [Double])
  /// The exact Hessian at `point`; throws when it is too large to form.
  func hessian(at point: [Double], cancellation: CancellationFlag) throws -> Matrix
}

/// A value with parameters whose loss on a data set is a differentiable function of them: a
/// network. `hessian(net, data)` and `grad(net, data)` are the Hessian and gradient of that
/// function at the value's own parameters (`hessian(loss_of(net, data), at: net.parameters)`).
///
/// Why a protocol here: the calculus builtins live below the networks pack and know no
/// networks or data sets; the value itself knows how to become a function of its parameters.
public protocol ParameterizedValue: CustomValue {
  /// The loss on `data` as a function of the parameters, and the current parameters; throws
  /// a `LanguageError` when `data` is not a data set this value can be scored on.
  func loss(on data: Value) throws -> (function: any DifferentiableFunctionValue, parameters: [Double])
}

extension CalculusInput {
  /// The parameterized value (a network) of argument `key`, if that is what it is.
  public static func parameterized(_ args: BoundArguments, _ key: ParameterKey<Value?>) -> (any ParameterizedValue)? {
    guard case .custom(let value)? = args[key] else { return nil }
    return value as? any ParameterizedValue
  }

  /// The differentiable function value of argument `key`, if that is what it is.
  public static func differentiable(_ args: BoundArguments, _ key: ParameterKey<Value?>) -> (
    any DifferentiableFunctionValue
  )? {
    guard case .custom(let value)? = args[key] else { return nil }
    return value as? any DifferentiableFunctionValue
  }

  /// The point argument `key` for a differentiable function value: a vector of its dimension
  /// with finite entries.
  public static func point(
    _ args: BoundArguments, _ key: ParameterKey<Value?>, for f: any DifferentiableFunctionValue
  ) throws -> [Double] {
    guard case .vector(let v)? = args[key] else {
      throw args.error(key, "the point must be a vector of \(f.dimension) parameters", kind: .type)
    }
    guard v.count == f.dimension else {
      throw args.error(
        key, "the \(f.typeName) takes \(f.dimension) parameters but the point has \(v.count)", kind: .shape)
    }
    if let bad = v.elements.firstIndex(where: { !$0.isFinite }) {
      throw args.error(key, "component \(bad) of the point is \(v.elements[bad]); it must be finite")
    }
    return v.elements
  }
}
