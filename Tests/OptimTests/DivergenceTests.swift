import Autodiff
import MathCore
import Testing

@testable import Optim

/// The lecture's saddle S(x, y) = x² − y².
private struct Saddle: ScalarFunction {
  var dimension: Int { 2 }
  func evaluate<S: Scalar>(_ x: [S]) -> S { x[0] * x[0] - x[1] * x[1] }
}

/// A tilted quartic x⁴/4 − 2x: nearly flat at 0, steep further out, so a step that is stable
/// at the start lands where the curvature 3x² is far larger.
private struct TiltedQuartic: ScalarFunction {
  var dimension: Int { 1 }
  func evaluate<S: Scalar>(_ x: [S]) -> S { x[0] * x[0] * x[0] * x[0] * S(0.25) - S(2) * x[0] }
}

/// Divergence messages say what the numbers show (issue 11, item 3): −∞ is "unbounded
/// below", lr above the limit at the start is "the step overshoots", and "the curvature
/// grew" only when λmax along the path exceeds λmax at the start; each optimizer cites its
/// own limit (momentum 2(1 + λ)/λmax, Nesterov 2(1 + λ)/((1 + 2λ)λmax)) and Adam none.
@Suite struct DivergenceTests {
  private static func run<F: ScalarFunction>(
    _ f: F, from start: [Double], _ optimizer: Optimizer, steps: Int = 10_000
  ) -> (Trajectory, String?) {
    let run = Minimizer.run(
      DualObjective(f), from: start, optimizer: optimizer, options: MinimizeOptions(steps: steps))
    let hint = DivergenceHint.explain(
      run, start: start, hessian: { Derivatives.hessian(f, at: $0).hessianMatrix }, format: { "\($0)" })
    return (run, hint)
  }

  @Test func theLecturesSaddleIsUnboundedBelowNotAnOvershoot() throws {
    let (run, hint) = Self.run(Saddle(), from: [1, 0.1], .gd(lr: 0.1), steps: 5000)
    #expect(run.stop == .diverged(step: 1960, what: "the loss is −∞"))
    let text = try #require(hint)
    #expect(text.hasPrefix("the loss went to −∞: L is unbounded below along this path (it fell from 0.99 to "))
    #expect(!text.contains("overshoot") && !text.contains("curvature grew") && !text.contains("stable limit"))
  }

  @Test func aBowlAboveTwoOverLambdaMaxOvershootsFromTheStart() throws {
    let (run, hint) = Self.run(Quadratic(curvatures: [1, 10]), from: [1, 1], .gd(lr: 0.25))
    #expect(run.diverged)
    #expect(
      hint
        == "the step overshoots: lr = 0.25 is above the stable limit 2/λmax = 0.2 for the largest Hessian "
        + "eigenvalue at the start, λmax = 10.0 (equivalently, λmax is above 2/η = 8.0); try a smaller lr")
  }

  @Test func momentumCitesTheHeavyBallLimit() throws {
    // λmax = 10, λ = 0.9: stable for lr < 2(1.9)/10 = 0.38, not 2/10.
    let stable = Self.run(Quadratic(curvatures: [1, 10]), from: [1, 1], .momentum(lr: 0.37, lambda: 0.9))
    #expect(!stable.0.diverged && stable.1 == nil)
    let (run, hint) = Self.run(Quadratic(curvatures: [1, 10]), from: [1, 1], .momentum(lr: 0.39, lambda: 0.9))
    #expect(run.diverged)
    let text = try #require(hint)
    #expect(text.contains("lr = 0.39 is above the stable limit 2(1 + λ)/λmax = 0.38"))
    #expect(text.contains("(equivalently, λmax is above 2(1 + λ)/η = 9.743589743589743 for λ = 0.9)"))
  }

  @Test func nesterovCitesItsOwnStricterLimit() throws {
    // λmax = 10, λ = 0.5: stable for lr < 2(1.5)/(2·10) = 0.15 (heavy ball would allow 0.3).
    let stable = Self.run(Quadratic(curvatures: [1, 10]), from: [1, 1], .nesterov(lr: 0.149, lambda: 0.5))
    #expect(!stable.0.diverged && abs(stable.0.finalPoint[1]) < 1)
    // Just above the limit the iterates grow (slowly, so the run ends before overflowing).
    let unstable = Self.run(Quadratic(curvatures: [1, 10]), from: [1, 1], .nesterov(lr: 0.151, lambda: 0.5))
    #expect(abs(unstable.0.finalPoint[1]) > 1e30)
    let (run, hint) = Self.run(Quadratic(curvatures: [1, 10]), from: [1, 1], .nesterov(lr: 0.2, lambda: 0.5))
    #expect(run.diverged)
    #expect(hint?.contains("lr = 0.2 is above the stable limit 2(1 + λ)/((1 + 2λ)λmax) = 0.15 ") == true)
  }

  @Test func aQuarticsGrowingCurvatureIsNamedWithBothEigenvalues() throws {
    // At x = 0.5, λmax = 3x² = 0.75 (limit 2.67 > lr = 1); the first step lands at 2.375.
    let (run, hint) = Self.run(TiltedQuartic(), from: [0.5], .gd(lr: 1))
    #expect(run.diverged)
    let text = try #require(hint)
    #expect(text.hasPrefix("the curvature grew: λmax = 0.75 at the start, λmax = "))
    #expect(text.contains("where lr = 1.0 is above the stable limit 2/λmax = "))
    #expect(!text.contains("unbounded"))
  }

  @Test func aFlatStartHasNoLimitToOvershootButTheCurvatureGrows() throws {
    // At x = 0 the curvature 3x² is 0: no stable limit applies there, none is claimed.
    let (run, hint) = Self.run(TiltedQuartic(), from: [0], .gd(lr: 1))
    #expect(run.diverged)
    let text = try #require(hint)
    #expect(text.hasPrefix("the curvature grew: λmax = 0.0 at the start, λmax = "))
    #expect(!text.contains("overshoots: lr = 1.0 is above the stable limit 2/λmax = inf"))
  }

  @Test func noGrowthIsClaimedWhenTheCurvatureDidNotGrow() throws {
    // From x = 4 the curvature 48 only falls as the run moves in; lr = 0.5 overshoots at once.
    let (_, hint) = Self.run(TiltedQuartic(), from: [4], .gd(lr: 0.5))
    let text = try #require(hint)
    #expect(text.hasPrefix("the step overshoots: lr = 0.5 is above the stable limit 2/λmax = "))
    #expect(!text.contains("curvature grew"))
  }

  @Test func adamHasNoCurvatureLimitToCite() throws {
    let (run, hint) = Self.run(
      TiltedQuartic(), from: [0], .adam(lr: 1e100, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    #expect(run.stop == .diverged(step: 1, what: "the loss is ∞"))
    let text = try #require(hint)
    #expect(text.hasPrefix("Adam moves each coordinate by about lr = 1e+100 per step whatever the curvature"))
    #expect(text.contains("the loss left the doubles at step 1"))
    #expect(!text.contains("λmax ="))
    // One Adam step of 1e160 along y: y² overflows and S = x² − y² is −∞.
    let (_, fall) = Self.run(Saddle(), from: [0, 0.1], .adam(lr: 1e160, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    #expect(fall?.hasPrefix("the loss went to −∞: L is unbounded below") == true)
  }

  @Test func runsThatDidNotDivergeHaveNoHint() {
    #expect(Self.run(Quadratic(curvatures: [1, 10]), from: [1, 1], .gd(lr: 0.15), steps: 100).1 == nil)
  }
}
