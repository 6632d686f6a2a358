import Autodiff

/// The examples one evaluation covers: a contiguous range or a list of indices (a shuffled
/// mini-batch), borrowed for the call.
public enum ExampleBatch {
  case range(Range<Int>)
  case indices(UnsafeBufferPointer<Int>)

  /// The number of examples in the batch.
  public var count: Int {
    switch self {
    case .range(let r): return r.count
    case .indices(let i): return i.count
    }
  }

  /// Calls `body` with each example index in order.
  @inlinable
  public func forEach(_ body: (Int) throws -> Void) rethrows {
    switch self {
    case .range(let r): for i in r { try body(i) }
    case .indices(let list): for i in list { try body(i) }
    }
  }
}

/// A loss that is a mean over examples and can be evaluated on any batch of them, so a
/// mini-batch loop (`fit`) computes batch gradients and steps the same `OptimizerState` a
/// full-batch run uses, and `minimize` runs on all the data through the inherited form.
///
/// Like `GradientObjective`, implementations keep their scratch space between calls and do
/// not allocate per call.
public protocol BatchObjective: GradientObjective {
  /// The number of examples N.
  var exampleCount: Int { get }
  /// Returns the mean loss over `examples` at θ = `x` and writes its gradient to `gradient`
  /// (n doubles); NaN/∞ where undefined. Indices are in 0..<N (callers check).
  func evaluate(
    _ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>, examples: ExampleBatch
  ) -> Double
}

extension BatchObjective {
  /// The loss on all the data: the batch form over every example.
  public func evaluate(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>)
    -> Double
  {
    evaluate(x, gradient: gradient, examples: .range(0..<exampleCount))
  }
}
