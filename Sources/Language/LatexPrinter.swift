import Foundation
import MathCore

/// Typesets expressions and names as LaTeX: `(1 - w1*w2)^2` → `\left(1 - w_1 w_2\right)^{2}`.
public enum LatexPrinter {
  static let greek: [String: String] = [
    "alpha": "\\alpha", "beta": "\\beta", "gamma": "\\gamma", "delta": "\\delta",
    "epsilon": "\\epsilon",
    "zeta": "\\zeta", "eta": "\\eta", "theta": "\\theta", "iota": "\\iota", "kappa": "\\kappa",
    "lambda": "\\lambda", "mu": "\\mu", "nu": "\\nu", "xi": "\\xi", "pi": "\\pi", "rho": "\\rho",
    "sigma": "\\sigma", "tau": "\\tau", "phi": "\\phi", "chi": "\\chi", "psi": "\\psi",
    "omega": "\\omega",
    "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\epsilon", "ζ": "\\zeta",
    "η": "\\eta", "θ": "\\theta", "ι": "\\iota", "κ": "\\kappa", "λ": "\\lambda", "μ": "\\mu",
    "ν": "\\nu", "ξ": "\\xi", "π": "\\pi", "ρ": "\\rho", "σ": "\\sigma", "τ": "\\tau", "φ": "\\phi",
    "χ": "\\chi", "ψ": "\\psi", "ω": "\\omega", "Δ": "\\Delta", "Θ": "\\Theta", "Λ": "\\Lambda",
    "Σ": "\\Sigma", "Φ": "\\Phi", "Ω": "\\Omega", "∇": "\\nabla",
  ]

  /// A name as a math symbol: `w1`/`w₁` → `w_1`, `θ` → `\theta`, `loss` → `\mathrm{loss}`;
  /// derived names as the slides write them: `∂²L/∂w1∂w2`, `∇L`, `∇²L` (see `derivedName`).
  public static func name(_ n: String) -> String {
    if let derived = derivedName(n) { return derived }
    var base = ""
    var subscriptText = ""
    for scalar in n.unicodeScalars {
      if Lexer.isSubscriptDigit(scalar) {
        subscriptText.append(Character(Unicode.Scalar(scalar.value - 0x2080 + 0x30)!))
      } else if Lexer.isDigit(scalar), !base.isEmpty {
        subscriptText.append(Character(scalar))
      } else if subscriptText.isEmpty {
        base.unicodeScalars.append(scalar)
      } else {
        subscriptText.unicodeScalars.append(scalar)
      }
    }
    if !subscriptText.isEmpty, base.count > 1, base.hasSuffix("_") { base.removeLast() }
    if subscriptText.isEmpty, let underscore = base.firstIndex(of: "_"),
      underscore != base.startIndex
    {
      subscriptText = String(base[base.index(after: underscore)...])
      base = String(base[..<underscore])
    }
    let head = greek[base] ?? (base.count == 1 ? base : "\\mathrm{\(base.replacingUnderscores)}")
    if subscriptText.isEmpty { return head }
    let sub = subscriptText.replacingUnderscores
    return head + (sub.count == 1 ? "_\(sub)" : "_{\(sub)}")
  }

  private static let superscriptDigits: [Character: Int] = [
    "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9,
  ]

  /// `∂L/∂w1` → `\frac{\partial L}{\partial w_1}`, `∂²f/∂x²` → `\frac{\partial^2 f}{\partial x^2}`,
  /// `∇L` → `\nabla L`, `∇²L` → `\nabla^2 L`; nil for any other name.
  static func derivedName(_ n: String) -> String? {
    if n.hasPrefix("∇"), n.count > 1 {
      let rest = n.dropFirst()
      if rest.first == "²", rest.count > 1 { return "\\nabla^2 " + name(String(rest.dropFirst())) }
      return "\\nabla " + name(String(rest))
    }
    guard n.hasPrefix("∂"), let slash = n.firstIndex(of: "/") else { return nil }
    var numerator = n[n.index(after: n.startIndex)..<slash]
    var order = 1
    if let first = numerator.first, let k = superscriptDigits[first] {
      order = k
      numerator = numerator.dropFirst()
    }
    let variables = n[n.index(after: slash)...].split(separator: "∂", omittingEmptySubsequences: false)
    guard !numerator.isEmpty, variables.first == "", variables.count > 1 else { return nil }
    let denominator = variables.dropFirst().map { token -> String in
      if let last = token.last, let k = superscriptDigits[last] {
        return "\\partial " + name(String(token.dropLast())) + "^\(k)"
      }
      return "\\partial " + name(String(token))
    }
    let power = order == 1 ? "" : "^\(order)"
    return "\\frac{\\partial\(power) \(name(String(numerator)))}{\(denominator.joined(separator: " "))}"
  }

  /// The LaTeX form of `e` (without `$$`).
  public static func latex(_ e: Expr) -> String {
    switch e.kind {
    case .number(let x): return NumberFormat.latex(x)
    case .string(let s): return "\\text{\(s)}"
    case .bool(let b): return b ? "\\mathrm{true}" : "\\mathrm{false}"
    case .name(let n): return name(n)
    case .parenthesized(let inner): return latex(inner)
    case .unary(let op, let operand):
      let sign = op == .not ? "\\lnot " : op.rawValue
      return sign + wrap(operand, ExprPrinter.precedence(operand) < 6)
    case .binary(let op, let lhs, let rhs): return binary(op, lhs, rhs)
    case .range(let lo, let hi): return "\\left[\(latex(lo)), \(latex(hi))\\right]"
    case .call(let callee, let args): return call(callee, args)
    case .index(let base, _): return wrap(base, ExprPrinter.precedence(base) < 10) + "[\\ldots]"
    case .member(let base, let n): return latex(base) + ".\\mathrm{\(n.replacingUnderscores)}"
    case .vector(let items): return bmatrix(items)
    case .tuple(let items): return "\\left(" + items.map(latex).joined(separator: ", ") + "\\right)"
    case .record(let fields):
      let items = fields.map { "\\mathrm{\(($0.label ?? "").replacingUnderscores)}: " + latex($0.value) }
      return "\\left(" + items.joined(separator: ", ") + "\\right)"
    case .closure, .conditional: return "\\{\\ldots\\}"
    case .invalid: return "?"
    }
  }

  /// A vector literal as a column; a literal of row literals of equal length as ONE matrix
  /// (`hessian(L)` and `jacobian(F)` as functions), with `&` between entries.
  private static func bmatrix(_ items: [Expr]) -> String {
    let rows = items.map { item -> [Expr]? in
      var e = item
      while case .parenthesized(let inner) = e.kind { e = inner }
      if case .vector(let row) = e.kind, !row.isEmpty { return row }
      return nil
    }
    let body: String
    if let first = rows.first, let columns = first?.count,
      rows.allSatisfy({ $0?.count == columns })
    {
      body = rows.map { $0!.map(latex).joined(separator: " & ") }.joined(separator: " \\\\ ")
    } else {
      body = items.map(latex).joined(separator: " \\\\ ")
    }
    return "\\begin{bmatrix}" + body + "\\end{bmatrix}"
  }

  private static func binary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr) -> String {
    if op == .divide { return "\\frac{\(latex(lhs))}{\(latex(rhs))}" }
    if op == .power {
      let atomic: Bool
      switch lhs.kind {
      case .name, .call, .vector: atomic = true
      case .number(let x): atomic = x >= 0 && !NumberFormat.plain(x).contains("e")
      default: atomic = false
      }
      return wrap(lhs, !atomic) + "^{\(latex(rhs))}"
    }
    let (lp, rp) = ExprPrinter.operandParens(op, lhs, rhs)
    let l = wrap(lhs, lp)
    let r = wrap(rhs, rp)
    switch op {
    case .multiply:
      let needsDot = r.first.map { $0.isNumber || $0 == "-" } ?? true
      if needsDot { return "\(l) \\cdot \(r)" }
      return r.hasPrefix("\\left(") ? l + r : "\(l) \(r)"
    case .lessEqual: return "\(l) \\le \(r)"
    case .greaterEqual: return "\(l) \\ge \(r)"
    case .notEqual: return "\(l) \\ne \(r)"
    case .equal: return "\(l) = \(r)"
    case .and: return "\(l) \\land \(r)"
    case .or: return "\(l) \\lor \(r)"
    default: return "\(l) \(op.rawValue) \(r)"
    }
  }

  private static func call(_ callee: Expr, _ args: [Argument]) -> String {
    let inner = args.map {
      ($0.label.map { "\\mathrm{\($0.replacingUnderscores)}: " } ?? "") + latex($0.value)
    }
    .joined(separator: ", ")
    guard case .name(let n) = callee.kind else {
      return wrap(callee, true) + "\\left(\(inner)\\right)"
    }
    switch n {
    case "sqrt": return "\\sqrt{\(inner)}"
    case "abs": return "\\left|\(inner)\\right|"
    case "sin", "cos", "tan", "exp", "log", "tanh": return "\\\(n)\\left(\(inner)\\right)"
    case "sigmoid": return "\\sigma\\left(\(inner)\\right)"
    case "relu": return "\\operatorname{relu}\\left(\(inner)\\right)"
    default: return name(n) + "\\left(\(inner)\\right)"
    }
  }

  private static func wrap(_ e: Expr, _ parens: Bool) -> String {
    parens ? "\\left(" + latex(e) + "\\right)" : latex(e)
  }
}

extension String {
  fileprivate var replacingUnderscores: String {
    replacingOccurrences(of: "_", with: "\\_")
  }
}
