import MathCore

/// Turns derived formula trees back into user functions that print, typeset and evaluate
/// like functions typed into a cell.
enum CalculusFunctions {
  private static let nowhere = SourceRange(0, 0)

  /// The expression for `node`, with parameter i named `parameters[i]`. Negative constants
  /// become a negation of a positive number so the printers place parentheses correctly.
  static func expr(_ node: FormulaNode, _ parameters: [String]) -> Expr {
    switch node {
    case .constant(let c):
      if c < 0 || (c == 0 && c.sign == .minus) { return Expr(.unary(.negate, Expr(.number(-c), nowhere)), nowhere) }
      return Expr(.number(c), nowhere)
    case .parameter(let i): return Expr(.name(parameters[i]), nowhere)
    case .negate(let x): return Expr(.unary(.negate, expr(x, parameters)), nowhere)
    case .function(let f, let x):
      let argument = Argument(label: nil, labelRange: nil, value: expr(x, parameters))
      return Expr(.call(Expr(.name(f.rawValue), nowhere), [argument]), nowhere)
    case .binary(let op, let a, let b):
      let binary = BinaryOperator(rawValue: op.rawValue)!
      return Expr(.binary(binary, expr(a, parameters), expr(b, parameters)), nowhere)
    }
  }

  /// A scalar function `name(parameters) = root`.
  static func scalar(_ name: String, _ parameters: [String], _ root: FormulaNode) -> UserFunction {
    UserFunction(name: name, parameters: parameters, body: expr(root, parameters), captures: [:])
  }

  /// A vector-valued function whose body is the vector literal `[items…]`.
  static func vector(_ name: String, _ parameters: [String], _ items: [FormulaNode]) -> UserFunction {
    let body = Expr(.vector(items.map { expr($0, parameters) }), nowhere)
    return UserFunction(name: name, parameters: parameters, body: body, captures: [:])
  }

  /// A matrix-valued function whose body is the nested literal `[[…], […]]`.
  static func matrix(_ name: String, _ parameters: [String], _ rows: [[FormulaNode]]) -> UserFunction {
    let body = Expr(.vector(rows.map { row in Expr(.vector(row.map { expr($0, parameters) }), nowhere) }), nowhere)
    return UserFunction(name: name, parameters: parameters, body: body, captures: [:])
  }

  /// The name of ∂f/∂x: `∂L/∂w1`, then `∂²L/∂w1∂w2` and so on for nested derivatives.
  static func partialName(_ f: String, _ x: String) -> String {
    let superscripts = ["", "", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    guard f.hasPrefix("∂"), let slash = f.firstIndex(of: "/") else { return "∂\(f)/∂\(x)" }
    var numerator = f[f.index(after: f.startIndex)..<slash]
    var order = 1
    if let first = numerator.first, let k = superscripts.firstIndex(of: String(first)), k >= 2 {
      order = k
      numerator = numerator.dropFirst()
    }
    guard order + 1 < superscripts.count else { return "∂(\(f))/∂\(x)" }
    return "∂\(superscripts[order + 1])\(numerator)\(f[slash...])∂\(x)"
  }
}
