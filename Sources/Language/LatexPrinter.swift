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

  /// A name as a math symbol: `w1`/`w₁` → `w_1`, `θ` → `\theta`, `loss` → `\mathrm{loss}`.
  public static func name(_ n: String) -> String {
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
    case .vector(let items):
      return "\\begin{bmatrix}" + items.map(latex).joined(separator: " \\\\ ") + "\\end{bmatrix}"
    case .tuple(let items): return "\\left(" + items.map(latex).joined(separator: ", ") + "\\right)"
    case .invalid: return "?"
    }
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
      return needsDot ? "\(l) \\cdot \(r)" : "\(l) \(r)"
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
