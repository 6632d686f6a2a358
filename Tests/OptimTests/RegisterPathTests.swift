import Formula
import Foundation
import Testing
import _TestSupport

@testable import Optim

/// Formulas of 1 to 6 parameters using every kind of tape instruction.
private let cells = [
  "F(x) = exp(-x^2) * sin(3*x) + x^4 / (1 + x^2) - 2^x",
  "F(w1, w2) = (1 - w1*w2)^2",
  "F(x, y) = (1 + x^2)^y + tanh(x*y) - y / (2 + cos(x)) + -x + x^0 + y^1",
  "F(a, b, c) = sigmoid(a - b) * relu(c) + abs(a*b - 0.3) + sqrt(1 + c^2) + log(2 + a^2)",
  "F(a, b, c, d) = (a - 1)^2 + 10*(b - a^2)^2 + (c*d - 0.5)^2 + (a + b + c + d)^(-1.5) + d^3",
  "F(a, b, c, d, e) = (a - 1)^2 + (b*c - 2)^2 + (d - e)^2 / (1 + e^2) + sin(a*e)",
  "F(a, b, c, d, e, f) = (a*b - 1)^2 + (c*d - 1)^2 + (e*f - 1)^2 + 0.1*(a + f)^2",
]

private let optimizers: [Optimizer] = [
  .gd(lr: 0.01), .momentum(lr: 0.01, lambda: 0.9), .nesterov(lr: 0.01, lambda: 0.9),
  .adam(lr: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
]

/// Options exercising plain runs, noise, tol, thinned recording and (large lr) divergence.
private let optionSets: [(String, MinimizeOptions)] = {
  var thinned = MinimizeOptions(steps: 3_000, noise: 0.05, seed: 11)
  thinned.maxRecorded = 100
  return [
    ("plain", MinimizeOptions(steps: 400)),
    ("noise", MinimizeOptions(steps: 400, noise: 0.1, seed: 3)),
    ("tol", MinimizeOptions(steps: 20_000, tolerance: 1e-3)),
    ("thinned", thinned),
  ]
}()

private func formula(_ cell: String) throws -> (FormulaNode, Int) {
  let (root, parameters) = try FormulaText.definition(cell)
  return (root, parameters.count)
}

private func bits(_ xs: [Double]) -> [UInt64] { xs.map(\.bitPattern) }

/// Whether two runs are the same to the bit: iterates, losses, norms, moves, stop, steps.
private func same(_ a: Trajectory, _ b: Trajectory) -> Bool {
  bits(a.points) == bits(b.points) && bits(a.losses) == bits(b.losses)
    && bits(a.gradientNorms) == bits(b.gradientNorms) && bits(a.moves) == bits(b.moves)
    && a.stop == b.stop && a.steps == b.steps && a.iterations == b.iterations
}

/// The register path (n ≤ 2: SIMD2 state and tape form, n ≤ 4: SIMD4) and the buffer path
/// give identical runs with every optimizer; for n > 4 both settings take the buffer path.
@Test func registerAndBufferPathsGiveIdenticalRuns() throws {
  for cell in cells {
    let (root, n) = try formula(cell)
    let tape = FormulaTape(root, dimension: n)
    let start = (0..<n).map { 0.3 + 0.2 * Double($0) }
    for optimizer in optimizers {
      for (label, options) in optionSets {
        var buffers = options
        buffers.registers = false
        let fast = Minimizer.run(tape, from: start, optimizer: optimizer, options: options)
        let general = Minimizer.run(tape, from: start, optimizer: optimizer, options: buffers)
        #expect(same(fast, general), "\(cell), \(optimizer.name), \(label)")
        #expect(fast.steps > 0, "\(cell), \(optimizer.name), \(label)")
      }
    }
  }
}

/// A diverging run stops at the same step with the same message on both paths.
@Test func registerAndBufferPathsDivergeAlike() throws {
  for cell in ["F(x) = x^4", "F(x, y) = x^4 + y^2 * x^2", "F(a, b, c, d) = a^4 + b^4 + c*d"] {
    let (root, n) = try formula(cell)
    let tape = FormulaTape(root, dimension: n)
    let start = [Double](repeating: 3, count: n)
    let tooLarge: [Optimizer] = [
      .gd(lr: 0.5), .momentum(lr: 0.5, lambda: 0.9), .nesterov(lr: 0.5, lambda: 0.9),
    ]
    for big in tooLarge {
      let options = MinimizeOptions(steps: 10_000)
      var buffers = options
      buffers.registers = false
      let fast = Minimizer.run(tape, from: start, optimizer: big, options: options)
      let general = Minimizer.run(tape, from: start, optimizer: big, options: buffers)
      #expect(fast.diverged, "\(cell), \(big.name): \(fast.stop)")
      #expect(same(fast, general), "\(cell), \(big.name)")
    }
  }
}

/// The tape's SIMD4 and (n ≤ 2) SIMD2 forms return the pointer form's value and gradient,
/// bit for bit.
@Test func tapeRegisterFormMatchesPointerForm() throws {
  for cell in cells.prefix(5) {
    let (root, n) = try formula(cell)
    let tape = FormulaTape(root, dimension: n)
    for point in [[0.7, 1.3, -0.2, 0.4], [-0.4, 0.9, 1.1, -1.5], [1.5, 2.5, 0.1, 0.9]] {
      let x = Array(point.prefix(n))
      var g = [Double](repeating: 0, count: n)
      let value = x.withUnsafeBufferPointer { x in
        g.withUnsafeMutableBufferPointer { tape.evaluate(x.baseAddress!, gradient: $0.baseAddress!) }
      }
      var lanes = SIMD4<Double>.zero
      for i in 0..<n { lanes[i] = x[i] }
      let r = tape.evaluate(lanes)
      #expect(r.value.bitPattern == value.bitPattern, "\(cell) at \(x)")
      #expect(bits((0..<n).map { r.gradient[$0] }) == bits(g), "\(cell) at \(x)")
      if n <= 2 {
        let r2 = tape.evaluate(lanes.lowHalf)
        #expect(r2.value.bitPattern == value.bitPattern, "\(cell) at \(x)")
        #expect(bits((0..<n).map { r2.gradient[$0] }) == bits(g), "\(cell) at \(x)")
      }
    }
  }
}
