import Autodiff
import MathCore

/// Symbolic differentiation of formula trees, and the bridge to forward-mode autodiff.
extension FormulaNode {
  /// ∂/∂(parameter `index`) of this formula, simplified, with like terms collected where
  /// that shortens a polynomial (`collectingLikeTerms`).
  ///
  /// The chain rule written the way the lecture writes it: `d(u^c) = c·u^(c−1)·du`, so
  /// `(1 - w1*w2)^2` gives `2*(1 - w1*w2)*(-w2)`. Throws for `relu`, whose derivative is a step
  /// that formulas cannot express (use `grad(L, at:)` for its value at a point).
  public func derivative(_ index: Int) throws(FormulaError) -> FormulaNode {
    let result = try rawDerivative(index).simplified().collectingLikeTerms()
    try result.checkShowable()
    return result
  }

  /// Throws unless the formula can be compiled and shown: at most `FormulaNode.maxSize`
  /// nodes and `FormulaNode.maxHeight` levels (symbolic derivatives grow with each nesting, and
  /// quadratic models with the number of parameters).
  public func checkShowable() throws(FormulaError) {
    guard size <= FormulaNode.maxSize, height <= FormulaNode.maxHeight else {
      throw FormulaError(
        .value,
        "the formula would have \(size) parts nested \(height) deep (limits \(FormulaNode.maxSize) and \(FormulaNode.maxHeight)), too large to show; use grad(L, at: point) or hessian(L, at: point) for exact values"
      )
    }
  }

  private func rawDerivative(_ i: Int) throws(FormulaError) -> FormulaNode {
    switch self {
    case .constant: return .constant(0)
    case .parameter(let j): return .constant(j == i ? 1 : 0)
    case .negate(let x): return .negate(try x.rawDerivative(i))
    case .binary(let op, let a, let b):
      return Self.binaryDerivative(op, a, b, try a.rawDerivative(i), try b.rawDerivative(i))
    case .function(let f, let x):
      let dx = try x.rawDerivative(i).simplified()
      if dx == .constant(0) { return .constant(0) }
      return .binary(.multiply, try Self.outer(f, x), dx)
    }
  }

  private static func binaryDerivative(
    _ op: FormulaOperator, _ a: FormulaNode, _ b: FormulaNode, _ da: FormulaNode, _ db: FormulaNode
  ) -> FormulaNode {
    switch op {
    case .add: return .binary(.add, da, db)
    case .subtract: return .binary(.subtract, da, db)
    case .multiply: return .binary(.add, .binary(.multiply, da, b), .binary(.multiply, a, db))
    case .divide:
      let numerator = FormulaNode.binary(
        .subtract, .binary(.multiply, da, b), .binary(.multiply, a, db))
      return .binary(.divide, numerator, .binary(.power, b, .constant(2)))
    case .power:
      if case .constant(let c) = b.simplified() {
        return .binary(
          .multiply, .binary(.multiply, .constant(c), .binary(.power, a, .constant(c - 1))), da)
      }
      // d(a^b) = a^b · (db·log a + b·da/a)
      let logPart = FormulaNode.binary(.multiply, db, .function(.log, a))
      let basePart = FormulaNode.binary(.divide, .binary(.multiply, b, da), a)
      return .binary(.multiply, .binary(.power, a, b), .binary(.add, logPart, basePart))
    }
  }

  /// f′(x) as a formula, for the chain rule f(x)′ = f′(x)·x′.
  private static func outer(_ f: ElementwiseFunction, _ x: FormulaNode) throws(FormulaError) -> FormulaNode {
    switch f {
    case .exp: return .function(.exp, x)
    case .log: return .binary(.divide, .constant(1), x)
    case .sin: return .function(.cos, x)
    case .cos: return .negate(.function(.sin, x))
    case .tan:
      return .binary(.divide, .constant(1), .binary(.power, .function(.cos, x), .constant(2)))
    case .sqrt:
      return .binary(.divide, .constant(1), .binary(.multiply, .constant(2), .function(.sqrt, x)))
    case .tanh:
      return .binary(.subtract, .constant(1), .binary(.power, .function(.tanh, x), .constant(2)))
    case .abs: return .binary(.divide, x, .function(.abs, x))
    case .sigmoid:
      return .binary(
        .multiply, .function(.sigmoid, x), .binary(.subtract, .constant(1), .function(.sigmoid, x)))
    case .relu:
      throw FormulaError(
        .value,
        "relu has no derivative formula (its derivative is a step); use grad(L, at: point) for values"
      )
    }
  }

  /// Whether the formula uses parameter `index`.
  func uses(_ index: Int) -> Bool {
    switch self {
    case .constant: return false
    case .parameter(let j): return j == index
    case .negate(let x), .function(_, let x): return x.uses(index)
    case .binary(_, let a, let b): return a.uses(index) || b.uses(index)
    }
  }
}

/// A formula as an autodiff function of its parameters (Rⁿ → R).
public struct FormulaFunction: ScalarFunction {
  @usableFromInline let root: FormulaNode
  public let dimension: Int

  public init(root: FormulaNode, dimension: Int) {
    self.root = root
    self.dimension = dimension
  }

  @inlinable @inline(__always)
  public func evaluate<S: Scalar>(_ x: [S]) -> S { root.evaluate(x) }
}

/// Several formulas in the same parameters as one vector function (Rⁿ → Rᵐ), for `jacobian`.
public struct FormulaVector: VectorFunction {
  @usableFromInline let components: [FormulaNode]
  public let dimension: Int
  public var outputCount: Int { components.count }

  public init(components: [FormulaNode], dimension: Int) {
    self.components = components
    self.dimension = dimension
  }

  @inlinable
  public func evaluate<S: Scalar>(_ x: [S]) -> [S] { components.map { $0.evaluate(x) } }
}

/// Exact derivatives and critical-point search on compiled formulas, for embedders and benchmarks.
extension Formula {
  /// f(x), ∇f(x) and the exactly symmetric Hessian at `x` (forward mode; NaN/∞ where undefined).
  public func secondOrder(at x: [Double]) -> SecondOrder {
    precondition(x.count == parameters.count, "one coordinate per parameter")
    return Derivatives.hessian(FormulaFunction(root: root, dimension: x.count), at: x)
  }

  /// Damped-Newton search for the critical points in `box` (one interval per parameter).
  public func criticalPoints(in box: [(Double, Double)]) -> CriticalPointSearch {
    precondition(box.count == parameters.count, "one interval per parameter")
    return CriticalPointSearch.run(FormulaFunction(root: root, dimension: box.count), in: box)
  }
}
