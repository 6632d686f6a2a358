import MathCore

/// Prints expressions back as source text with the fewest parentheses that keep the meaning.
///
/// `Parser.parseExpression(ExprPrinter.plain(e))` yields an expression that evaluates like
/// `e` (checked by the round-trip test); explicit parentheses in the source are dropped and
/// recomputed from precedence.
public enum ExprPrinter {
  /// Binding strength of a node: atoms 10, power 8, unary 7, then the binary operator levels.
  static func precedence(_ e: Expr) -> Int {
    switch e.kind {
    case .parenthesized(let inner): return precedence(inner)
    case .binary(let op, _, _): return op.precedence
    case .unary: return 7
    case .range: return 0
    default: return 10
    }
  }

  /// The source form of `e`, e.g. `(1 - w1*w2)^2`.
  public static func plain(_ e: Expr) -> String {
    switch e.kind {
    case .number(let x): return NumberFormat.plain(x)
    case .string(let s): return Value.quoted(s)
    case .bool(let b): return b ? "true" : "false"
    case .name(let n): return n
    case .parenthesized(let inner): return plain(inner)
    case .unary(let op, let operand):
      return op.rawValue + wrap(operand, precedence(operand) < 7)
    case .binary(let op, let lhs, let rhs):
      let (l, r) = operandParens(op, lhs, rhs)
      let spaced = op != .multiply && op != .divide && op != .power
      return wrap(lhs, l) + (spaced ? " \(op.rawValue) " : op.rawValue) + wrap(rhs, r)
    case .range(let lo, let hi):
      return wrap(lo, precedence(lo) <= 0) + "..." + wrap(hi, precedence(hi) <= 0)
    case .call(let callee, let args):
      return wrap(callee, precedence(callee) < 10) + "("
        + args.map(argument).joined(separator: ", ") + ")"
    case .index(let base, let items):
      return wrap(base, precedence(base) < 10) + "[" + items.map(indexItem).joined(separator: ", ")
        + "]"
    case .member(let base, let name): return wrap(base, precedence(base) < 10) + "." + name
    case .vector(let items): return "[" + items.map(plain).joined(separator: ", ") + "]"
    case .tuple(let items):
      return "(" + items.map(plain).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    case .record(let fields): return "(" + fields.map(argument).joined(separator: ", ") + ")"
    case .closure(let c): return closure(c)
    case .conditional(let test, let then, let orElse): return conditional(test, then, orElse)
    case .invalid: return "<invalid>"
    }
  }

  /// Which operands of a binary operator need parentheses (left, right).
  static func operandParens(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr) -> (Bool, Bool) {
    let p = op.precedence
    let lp = precedence(lhs)
    let rp = precedence(rhs)
    switch op {
    case .power: return (lp <= p, rp < 7)
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return (lp <= p, rp <= p)
    default: return (lp < p, rp <= p || isNegation(rhs))
    }
  }

  /// A unary minus as a right operand is wrapped, as the slides write it: `2*(1 - w1*w2)*(-w2)`.
  private static func isNegation(_ e: Expr) -> Bool {
    switch e.kind {
    case .parenthesized(let inner): return isNegation(inner)
    case .unary(.negate, _): return true
    default: return false
    }
  }

  private static func wrap(_ e: Expr, _ parens: Bool) -> String {
    parens ? "(" + plain(e) + ")" : plain(e)
  }

  private static func argument(_ a: Argument) -> String {
    (a.label.map { $0 + ": " } ?? "") + plain(a.value)
  }

  private static func indexItem(_ item: IndexItem) -> String {
    switch item {
    case .index(let e): return plain(e)
    case .slice(let lo, let hi, _): return (lo.map(plain) ?? "") + ":" + (hi.map(plain) ?? "")
    }
  }
}
