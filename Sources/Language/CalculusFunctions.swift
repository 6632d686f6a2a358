import Formula
import MathCore

/// Turns derived formula trees back into user functions that print, typeset and evaluate
/// like functions typed into a cell.
public enum CalculusFunctions {
  private static let nowhere = SourceRange(0, 0)

  /// The expression for `node`, with parameter i named `parameters[i]`. Negative constants
  /// become a negation of a positive number so the printers place parentheses correctly.
  static func expr(_ node: FormulaNode, _ parameters: [String]) -> Expr {
    switch node {
    case .constant(let c):
      if c < 0 || (c == 0 && c.sign == .minus) {
        return Expr(.unary(.negate, Expr(.number(-c), nowhere)), nowhere)
      }
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
  public static func scalar(_ name: String, _ parameters: [String], _ root: FormulaNode) -> UserFunction {
    UserFunction(name: name, parameters: parameters, body: expr(root, parameters), captures: [:])
  }

  /// A vector-valued function whose body is the vector literal `[items…]`.
  public static func vector(_ name: String, _ parameters: [String], _ items: [FormulaNode]) -> UserFunction {
    let body = Expr(.vector(items.map { expr($0, parameters) }), nowhere)
    return UserFunction(name: name, parameters: parameters, body: body, captures: [:])
  }

  /// A matrix-valued function whose body is the nested literal `[[…], […]]`.
  public static func matrix(_ name: String, _ parameters: [String], _ rows: [[FormulaNode]])
    -> UserFunction
  {
    let body = Expr(
      .vector(rows.map { row in Expr(.vector(row.map { expr($0, parameters) }), nowhere) }), nowhere
    )
    return UserFunction(name: name, parameters: parameters, body: body, captures: [:])
  }

  private static let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

  /// The name of ∂f/∂x: `∂L/∂w1`; nesting gives `∂²L/∂w1∂w2`, `∂²f/∂x²`, `∂³f/∂x³`.
  public static func partialName(_ f: String, _ x: String) -> String {
    var order = 0
    var base = f
    var variables: [(String, Int)] = []
    if f.hasPrefix("∂"), let slash = f.firstIndex(of: "/") {
      var numerator = f[f.index(after: f.startIndex)..<slash]
      order = 1
      if let first = numerator.first, let k = superscripts.firstIndex(of: first) {
        order = k
        numerator = numerator.dropFirst()
      }
      base = String(numerator)
      for token in f[f.index(after: slash)...].split(separator: "∂") {
        if let last = token.last, let k = superscripts.firstIndex(of: last) {
          variables.append((String(token.dropLast()), k))
        } else {
          variables.append((String(token), 1))
        }
      }
    }
    guard order < 9, base.allSatisfy({ !"∂/".contains($0) }) else { return "∂(\(f))/∂\(x)" }
    if let last = variables.last, last.0 == x {
      variables[variables.count - 1].1 += 1
    } else {
      variables.append((x, 1))
    }
    let power = { (k: Int) in k == 1 ? "" : String(superscripts[k]) }
    return "∂\(power(order + 1))\(base)/" + variables.map { "∂\($0.0)\(power($0.1))" }.joined()
  }
}
