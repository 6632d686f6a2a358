import Autodiff
import MathCore
import Testing

@testable import Optim

/// L(θ) = c·Σθᵢ (or c·Σ over i ≥ 1 when `flatFirst`): its gradient is c in every
/// coordinate (but 0 in the first), whatever θ.
private final class Slope: GradientObjective {
  let dimension: Int
  let c: Double
  let flatFirst: Bool
  init(dimension: Int, c: Double, flatFirst: Bool = false) {
    (self.dimension, self.c, self.flatFirst) = (dimension, c, flatFirst)
  }
  func evaluate(_ x: UnsafePointer<Double>, gradient: UnsafeMutablePointer<Double>) -> Double {
    var s = 0.0
    for i in 0..<dimension {
      gradient[i] = flatFirst && i == 0 ? 0 : c
      s += gradient[i] * x[i]
    }
    return s
  }
}

/// ‖∇L‖ is compared with tol and recorded without overflow or underflow in between (issue
/// 11, item 12): ‖g‖² of a gradient of 1e200 is ∞ and of 1e-200 is 0, but the norms are
/// 1e200·√n and 1e-200·√n. Both states (registers for n ≤ 4, buffers beyond) agree.
@Suite struct GradientNormTests {
  private static func run(
    n: Int, c: Double, tol: Double, registers: Bool, flatFirst: Bool = false
  ) -> Trajectory {
    var options = MinimizeOptions(steps: 3, tolerance: tol)
    options.registers = registers
    return Minimizer.run(
      Slope(dimension: n, c: c, flatFirst: flatFirst), from: [Double](repeating: 0, count: n),
      optimizer: .gd(lr: 1e-300), options: options)
  }

  /// ‖g‖² = 0 is not an accurate square, but a gradient of zeros (or −0s) is recorded as +0
  /// straight away (momentum's lecture run has 9,299 such steps); a zero beside tiny
  /// components still gets the scaled norm.
  @Test(arguments: [(2, true), (4, true), (5, false)])
  func zeroGradientsAreRecordedAsZero(n: Int, registers: Bool) {
    for c in [0.0, -0.0] {
      let run = Self.run(n: n, c: c, tol: 0, registers: registers)
      #expect(run.gradientNorms.map(\.bitPattern) == [UInt64](repeating: 0, count: 4))
    }
    let tiny = Self.run(n: n, c: 1e-200, tol: 0, registers: registers, flatFirst: true)
    let expected = Vector([0] + [Double](repeating: 1e-200, count: n - 1)).norm
    #expect(expected > 0 && tiny.gradientNorms == [Double](repeating: expected, count: 4))
  }

  @Test(arguments: [(2, true), (2, false), (4, true), (5, false)])
  func hugeGradientsAreRecordedAtTheirNorm(n: Int, registers: Bool) {
    let run = Self.run(n: n, c: 1e200, tol: 0, registers: registers)
    #expect(run.stop == .completed)
    let expected = Vector([Double](repeating: 1e200, count: n)).norm
    #expect(run.gradientNorms == [Double](repeating: expected, count: 4), "not ∞")
  }

  @Test(arguments: [(2, true), (5, false)])
  func tinyGradientsAreRecordedAtTheirNorm(n: Int, registers: Bool) {
    let run = Self.run(n: n, c: 1e-200, tol: 0, registers: registers)
    let expected = Vector([Double](repeating: 1e-200, count: n)).norm
    #expect(expected > 0 && run.gradientNorms == [Double](repeating: expected, count: 4), "not 0")
  }

  @Test(arguments: [(2, true), (5, false)])
  func aTinyToleranceStopsBelowIt(n: Int, registers: Bool) {
    // tol² = 1e-400 underflows to 0, so ‖g‖² = 0 < tol² never held: the run went on.
    let run = Self.run(n: n, c: 1e-210, tol: 1e-200, registers: registers)
    #expect(run.stop == .converged(tolerance: 1e-200) && run.steps == 0)
    #expect(Self.run(n: n, c: 1e-190, tol: 1e-200, registers: registers).stop == .completed)
  }

  @Test(arguments: [(2, true), (5, false)])
  func aHugeToleranceComparesNormsNotOverflowedSquares(n: Int, registers: Bool) {
    // ‖g‖² and tol² are both ∞: ∞ < ∞ never held although ‖g‖ ≈ 1e190 < tol = 1e200.
    let run = Self.run(n: n, c: 1e190, tol: 1e200, registers: registers)
    #expect(run.stop == .converged(tolerance: 1e200) && run.steps == 0)
    #expect(Self.run(n: n, c: 1e201, tol: 1e200, registers: registers).stop == .completed)
  }

  @Test func ordinaryNormsAreTheRootOfTheSumOfSquares() {
    #expect(GradientNorm.isAccurate(1) && GradientNorm.isAccurate(1e-250) && GradientNorm.isAccurate(1e250))
    #expect(!GradientNorm.isAccurate(0) && !GradientNorm.isAccurate(.infinity) && !GradientNorm.isAccurate(.nan))
    #expect(
      GradientNorm.squaresDecide(1e-8) && !GradientNorm.squaresDecide(1e-200) && !GradientNorm.squaresDecide(1e200))
  }
}
