import Autodiff
import MathCore

/// The elementwise functions a formula may call; each works over any `Scalar`.
public enum ElementwiseFunction: String, Sendable, CaseIterable {
  case exp, log, sin, cos, tan, sqrt, tanh, abs, sigmoid, relu

  /// Applies the function to one scalar.
  @inlinable @inline(__always)
  public func apply<S: Scalar>(_ x: S) -> S {
    switch self {
    case .exp: return S.exp(x)
    case .log: return S.log(x)
    case .sin: return S.sin(x)
    case .cos: return S.cos(x)
    case .tan: return S.tan(x)
    case .sqrt: return S.sqrt(x)
    case .tanh: return S.tanh(x)
    case .abs: return S.abs(x)
    case .sigmoid: return S.sigmoid(x)
    case .relu: return S.relu(x)
    }
  }
}

/// The arithmetic a formula may use.
public enum FormulaOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
  case power = "^"
}

/// A scalar formula in its parameters: the lowered body of `L(w1, w2) = (1 - w1*w2)^2`.
///
/// Kept as a tree so it can be evaluated over any `Scalar` (duals for derivatives),
/// differentiated symbolically, and compiled to a block program for fast grids.
public indirect enum FormulaNode: Sendable, Equatable {
  case constant(Double)
  case parameter(Int)
  case negate(FormulaNode)
  case binary(FormulaOperator, FormulaNode, FormulaNode)
  case function(ElementwiseFunction, FormulaNode)

  /// Evaluates the node with `args[i]` bound to parameter i.
  ///
  /// `@inlinable` so that every caller, in whatever module, specialises it for its scalar
  /// (values, duals for gradients, dual-of-duals for Hessians) and the recursion runs on
  /// concrete types. Unspecialised, the generic body looks up type metadata for every node
  /// (Hessians 25× slower when the formula left the language's module). Rejected:
  /// `@_specialize` (the generic entry checks the type on every call, and inlined into a
  /// caller the check stays there: the Hessian of Rosenbrock took 5 % more instructions than
  /// before the move; Benchmarks/calculus/README.md).
  @inlinable
  public func evaluate<S: Scalar>(_ args: [S]) -> S {
    switch self {
    case .constant(let c): return S(c)
    case .parameter(let i): return args[i]
    case .negate(let x): return -x.evaluate(args)
    case .function(let f, let x): return f.apply(x.evaluate(args))
    case .binary(let op, let a, let b):
      let l = a.evaluate(args)
      let r = b.evaluate(args)
      switch op {
      case .add: return l + r
      case .subtract: return l - r
      case .multiply: return l * r
      case .divide: return l / r
      case .power: return S.pow(l, r)
      }
    }
  }

  /// The number of nodes in the tree.
  public var size: Int {
    switch self {
    case .constant, .parameter: return 1
    case .negate(let x), .function(_, let x): return 1 + x.size
    case .binary(_, let a, let b): return 1 + a.size + b.size
    }
  }

  /// The longest path from this node to a leaf (1 for a leaf).
  public var height: Int {
    switch self {
    case .constant, .parameter: return 1
    case .negate(let x), .function(_, let x): return 1 + x.height
    case .binary(_, let a, let b): return 1 + max(a.height, b.height)
    }
  }

  /// The node with every parameter i replaced by `replacements[i]` (used to inline calls).
  public func substituting(_ replacements: [FormulaNode]) -> FormulaNode {
    switch self {
    case .constant: return self
    case .parameter(let i): return replacements[i]
    case .negate(let x): return .negate(x.substituting(replacements))
    case .function(let f, let x): return .function(f, x.substituting(replacements))
    case .binary(let op, let a, let b):
      return .binary(op, a.substituting(replacements), b.substituting(replacements))
    }
  }
}

/// A compiled scalar function of named parameters: generic evaluation over the tree and a
/// fast block program for `Double` grids.
public struct Formula: Sendable {
  public let parameters: [String]
  public let root: FormulaNode
  let program: FormulaProgram

  public init(parameters: [String], root: FormulaNode) {
    self.parameters = parameters
    self.root = root
    self.program = FormulaProgram(root, parameterCount: parameters.count)
  }

  /// Evaluates over any scalar type (doubles, duals, symbols). Throws on a wrong argument count.
  @inlinable
  public func evaluate<S: Scalar>(_ args: [S]) throws(FormulaError) -> S {
    guard args.count == parameters.count else {
      throw FormulaError(.argument, "expected \(parameters.count) arguments, got \(args.count)")
    }
    return root.evaluate(args)
  }

  /// Evaluates at many points at once: `columns[p][k]` is parameter p of point k.
  public func evaluate(columns: [[Double]]) -> [Double] {
    precondition(columns.count == parameters.count, "one column per parameter")
    return program.run(columns: columns)
  }

  /// Evaluates a two-parameter formula on the grid xs × ys: element (i, j) is f(xs[j], ys[i])
  /// (rows follow the second parameter, like numpy's `meshgrid`). Checks `cancellation`
  /// between rows and throws `Interrupted` when it is set.
  public func grid(xs: [Double], ys: [Double], cancellation: CancellationFlag? = nil) throws(FormulaError)
    -> Matrix
  {
    precondition(parameters.count == 2, "grid needs a two-parameter formula")
    return try program.grid(xs: xs, ys: ys, cancellation: cancellation)
  }
}
