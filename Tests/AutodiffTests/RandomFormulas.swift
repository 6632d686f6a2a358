import Formula
import MathCore

/// Random formula trees that are defined and smooth everywhere (logs, roots and
/// quotients are fed 1 + u² so property tests never hit a singularity).
struct RandomFormulas {
  var rng: SeededGenerator
  let dimension: Int

  init(seed: UInt64, dimension: Int) {
    rng = SeededGenerator(seed: seed)
    self.dimension = dimension
  }

  mutating func pick(_ n: Int) -> Int { min(n - 1, Int(rng.nextUniform() * Double(n))) }

  /// A tree of at most `depth` levels.
  mutating func formula(depth: Int) -> FormulaNode {
    if depth == 0 || pick(5) == 0 {
      if pick(3) == 0 { return .constant((rng.nextUniform() * 4 - 2).rounded() / 2 + 0.25) }
      return .parameter(pick(dimension))
    }
    let a = formula(depth: depth - 1)
    switch pick(12) {
    case 0: return .negate(a)
    case 1: return .function(.sin, a)
    case 2: return .function(.cos, a)
    case 3: return .function(.tanh, a)
    case 4: return .function(.sigmoid, a)
    case 5: return .function(.log, onePlusSquare(a))
    case 6: return .function(.sqrt, onePlusSquare(a))
    case 7: return .binary(.divide, formula(depth: depth - 1), onePlusSquare(a))
    case 8: return .binary(.power, a, .constant(Double(2 + pick(2))))
    case 9: return .function(.exp, .function(.sin, a))
    default:
      let ops: [FormulaOperator] = [.add, .subtract, .multiply]
      return .binary(ops[pick(3)], a, formula(depth: depth - 1))
    }
  }

  private func onePlusSquare(_ a: FormulaNode) -> FormulaNode {
    .binary(.add, .constant(1), .binary(.power, a, .constant(2)))
  }

  mutating func point() -> [Double] { (0..<dimension).map { _ in rng.nextUniform() * 3 - 1.5 } }
}
