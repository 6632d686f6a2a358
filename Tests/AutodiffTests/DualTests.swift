import Autodiff
import Foundation
import MathCore
import Testing

struct DualTests {
  @Test func arithmeticFollowsTheDerivativeRules() {
    let x = Dual<Double>(3, 1)
    let c = Dual<Double>(2)
    #expect((x * x).tangent == 6)
    #expect((c / x).tangent == -2.0 / 9)
    #expect((-x + c - x).tangent == -2)
    #expect(Dual.exp(x).tangent == Foundation.exp(3))
    #expect(Dual.log(x).tangent == 1.0 / 3)
    #expect(Dual.sqrt(x).tangent == 0.5 / 3.0.squareRoot())
    #expect(Dual.sin(x).tangent == Foundation.cos(3))
    #expect(Dual.cos(x).tangent == -Foundation.sin(3))
    let s = Double.sigmoid(3)
    #expect(abs(Dual.sigmoid(x).tangent - s * (1 - s)) < 1e-16)
  }

  /// A constant exponent uses the power rule, so negative bases (as in (1 − x)²) work.
  @Test func constantPowersOfNegativeBases() {
    let x = Dual<Double>(-2, 1)
    let cube = Dual.pow(x, Dual(3))
    #expect(cube.value == -8 && cube.tangent == 12)
    let square = Dual.pow(x, Dual(2))
    #expect(square.value == 4 && square.tangent == -4)
    let varying = Dual.pow(Dual<Double>(2), Dual<Double>(3, 1))  // d/dy 2^y = 2^y ln 2
    #expect(abs(varying.tangent - 8 * Foundation.log(2)) < 1e-14)
  }

  /// The hyper-dual ε₁ε₂ part is the exact second derivative: (x³)″ = 6x.
  @Test func hyperDualsGiveExactSecondDerivatives() {
    let x = Dual(Dual<Double>(1.5, 1), Dual<Double>(1, 0))
    let y = x * x * x
    #expect(y.value.value == 3.375)
    #expect(y.value.tangent == 3 * 1.5 * 1.5)
    #expect(y.tangent.tangent == 6 * 1.5)
    let z = Dual.pow(x, Dual(4))
    #expect(z.tangent.tangent == 12 * 1.5 * 1.5)
  }

  @Test func kinksTakeZeroDerivativeAtZero() {
    #expect(Dual.relu(Dual<Double>(0, 1)).tangent == 0)
    #expect(Dual.relu(Dual<Double>(2, 1)).tangent == 1)
    #expect(Dual.abs(Dual<Double>(0, 1)).tangent == 0)
    #expect(Dual.abs(Dual<Double>(-2, 1)).tangent == -1)
  }

  struct Rosenbrock: ScalarFunction {
    var dimension: Int { 2 }
    func evaluate<S: Scalar>(_ x: [S]) -> S {
      let a = S(1) - x[0]
      let b = x[1] - x[0] * x[0]
      return a * a + S(100) * b * b
    }
  }

  @Test func rosenbrockHessianIsExact() {
    let d = Derivatives.hessian(Rosenbrock(), at: [1, 1])
    #expect(d.value == 0 && d.gradient == [0, 0])
    #expect(d.hessian == [802, -400, -400, 200])
    let e = Derivatives.hessian(Rosenbrock(), at: [-1.2, 1])
    // ∂²/∂x² = 2 − 400(y − x²) + 800x² ; ∂²/∂x∂y = −400x ; ∂²/∂y² = 200
    #expect(abs(e.hessian[0] - (2 - 400 * (1 - 1.44) + 800 * 1.44)) < 1e-12)
    #expect(abs(e.hessian[1] - 480) < 1e-12 && e.hessian[3] == 200)
  }

  struct Polar: VectorFunction {
    var dimension: Int { 2 }
    var outputCount: Int { 2 }
    func evaluate<S: Scalar>(_ x: [S]) -> [S] { [x[0] * S.cos(x[1]), x[0] * S.sin(x[1])] }
  }

  @Test func jacobianOfPolarCoordinates() {
    let (value, j) = Derivatives.jacobian(Polar(), at: [2, 0.5])
    #expect(value == [2 * Foundation.cos(0.5), 2 * Foundation.sin(0.5)])
    #expect(
      j == [
        Foundation.cos(0.5), -2 * Foundation.sin(0.5), Foundation.sin(0.5), 2 * Foundation.cos(0.5),
      ])
  }
}
