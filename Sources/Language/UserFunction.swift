import Formula
import MathCore

/// A function defined in a cell by its formula: `L(w1, w2) = (1 - w1*w2)^2`.
///
/// Keeps the AST (for display, LaTeX and later symbolic derivatives) and, when the body
/// is pure scalar arithmetic, a compiled `Formula` for fast and generic evaluation. Names
/// the body uses are captured when the function is defined, so redefining a variable later
/// does not change an existing function (and recursion cannot arise).
public final class UserFunction: Sendable {
  public let name: String
  public let parameters: [String]
  public let body: Expr
  let captures: [String: Value]
  /// The compiled scalar formula; nil when the body uses vectors, strings or other non-scalar
  /// parts, or when it is too large (then `formulaRefusal` says so).
  public let formula: Formula?
  /// Why a scalar body was not compiled, when the reason is its size: "too large (25000
  /// nodes, limit 20000)" or "nested too deeply (…)"; nil otherwise.
  public let formulaRefusal: String?

  init(name: String, parameters: [String], body: Expr, captures: [String: Value]) {
    self.name = name
    self.parameters = parameters
    self.body = body
    self.captures = captures
    let lowering = FormulaLowering(parameters: parameters, captures: captures)
    let lowered = lowering.lower(body)
    self.formula = lowered.map { Formula(parameters: parameters, root: $0) }
    self.formulaRefusal = lowered == nil ? lowering.refusal.text : nil
  }

  /// Evaluates the formula over any scalar type (doubles, duals for derivatives, symbols).
  /// Throws a TypeError when the body is not a scalar formula (it uses vectors, strings, …).
  public func evaluate<S: Scalar>(_ args: [S]) throws -> S {
    guard let formula else { throw LanguageError(.type, notCompiled("evaluated here")) }
    return try formula.evaluate(args)
  }

  /// Samples a two-parameter formula on xs × ys (element (i, j) is f(xs[j], ys[i])) with the
  /// compiled block program; for plots. Throws when it is not a two-parameter scalar formula
  /// or when `cancellation` is set.
  public func grid(xs: [Double], ys: [Double], cancellation: CancellationFlag? = nil) throws
    -> Matrix
  {
    guard let formula else { throw LanguageError(.type, notCompiled("sampled on a grid")) }
    guard formula.parameters.count == 2 else {
      throw LanguageError(.type, "\(signature) is not a scalar formula of two parameters")
    }
    do {
      return try formula.grid(xs: xs, ys: ys, cancellation: cancellation)
    } catch {
      throw LanguageError(error)
    }
  }

  /// Why the function has no compiled formula, for an error: its size when that is the cause.
  func notCompiled(_ use: String) -> String {
    if let formulaRefusal {
      return "\(signature) is a scalar formula but \(formulaRefusal), so it cannot be \(use)"
    }
    return "\(signature) is not a scalar formula, so it cannot be \(use)"
  }

  /// `L(w1, w2)`.
  public var signature: String { "\(name)(\(parameters.joined(separator: ", ")))" }

  /// `L(w1, w2) = (1 - w1*w2)^2`.
  public var plainText: String { "\(signature) = \(ExprPrinter.plain(body))" }

  /// `L(w_1, w_2) = \left(1 - w_1 w_2\right)^{2}`.
  public var latexText: String {
    let params = parameters.map(LatexPrinter.name).joined(separator: ", ")
    return "\(LatexPrinter.name(name))(\(params)) = \(LatexPrinter.latex(body))"
  }
}

/// Lowers a function body to a `FormulaNode` when it is pure scalar arithmetic.
///
/// Calls to other formulas are inlined. Inlining can grow a formula exponentially
/// (`f2(x) = f1(f1(x))`, …), so formulas above `maxSize` nodes are not compiled; such
/// functions are evaluated by tree walk, which stays interruptible. Heights are bounded
/// like the parser's, so evaluating or releasing a formula never recurses deeply.
struct FormulaLowering {
  static let maxSize = FormulaNode.maxSize
  let parameters: [String]
  let captures: [String: Value]
  /// The first size limit the lowering crossed, if any (so errors can say "too large").
  let refusal = Refusal()

  /// Records why lowering stopped when the reason is a limit, not a non-scalar part.
  final class Refusal {
    private(set) var text: String?
    func note(_ reason: String) { if text == nil { text = reason } }
  }

  func lower(_ e: Expr) -> FormulaNode? {
    guard let node = lowerUnchecked(e) else { return nil }
    guard node.size <= FormulaLowering.maxSize else {
      refusal.note("too large (\(node.size) nodes, limit \(FormulaLowering.maxSize))")
      return nil
    }
    guard node.height <= Parser.maxHeight else {
      refusal.note("nested too deeply (\(node.height) levels, limit \(Parser.maxHeight))")
      return nil
    }
    return node
  }

  /// The exact size of `node` with parameter i replaced by a tree of `sizes[i]` nodes.
  private static func inlinedSize(_ node: FormulaNode, _ sizes: [Int]) -> Int {
    switch node {
    case .constant: return 1
    case .parameter(let i): return i < sizes.count ? sizes[i] : 1
    case .negate(let x), .function(_, let x): return 1 + inlinedSize(x, sizes)
    case .binary(_, let a, let b): return 1 + inlinedSize(a, sizes) + inlinedSize(b, sizes)
    }
  }

  private func lowerUnchecked(_ e: Expr) -> FormulaNode? {
    switch e.kind {
    case .number(let x): return .constant(x)
    case .parenthesized(let inner): return lower(inner)
    case .name(let n):
      if let i = parameters.firstIndex(of: n) { return .parameter(i) }
      if case .number(let x)? = captures[n] { return .constant(x) }
      if captures[n] == nil, let c = Constants.value(n) { return .constant(c) }
      return nil
    case .unary(.negate, let x): return lower(x).map { .negate($0) }
    case .unary(.plus, let x): return lower(x)
    case .binary(let op, let a, let b):
      guard let fop = FormulaOperator(rawValue: op.rawValue), let l = lower(a), let r = lower(b)
      else { return nil }
      return .binary(fop, l, r)
    case .call(let callee, let args):
      guard case .name(let n) = callee.kind, args.allSatisfy({ $0.label == nil }) else {
        return nil
      }
      let lowered = args.compactMap { lower($0.value) }
      guard lowered.count == args.count else { return nil }
      if case .function(let f)? = captures[n], let inner = f.formula,
        inner.parameters.count == lowered.count
      {
        let size = Self.inlinedSize(inner.root, lowered.map(\.size))
        guard size <= FormulaLowering.maxSize else {
          refusal.note("too large (\(size) nodes once its calls are inlined, limit \(FormulaLowering.maxSize))")
          return nil
        }
        return inner.root.substituting(lowered)
      }
      if case .function(let f)? = captures[n], f.formula == nil, let reason = f.formulaRefusal {
        refusal.note("calls \(f.signature), which is \(reason)")
        return nil
      }
      if captures[n] == nil, let f = ElementwiseFunction(rawValue: n), lowered.count == 1 {
        return .function(f, lowered[0])
      }
      return nil
    default: return nil
    }
  }
}

/// Named constants available everywhere unless shadowed by a variable.
enum Constants {
  static let table: [(String, Double)] = [
    ("pi", Double.pi), ("π", Double.pi), ("e", 2.718281828459045),
    ("inf", Double.infinity), ("nan", Double.nan),
  ]

  static func value(_ name: String) -> Double? {
    table.first { $0.0 == name }?.1
  }
}
