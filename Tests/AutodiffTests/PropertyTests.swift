import Autodiff
import Formula
import MathCore
import Testing

/// Forward-mode derivatives of random formulas checked against independent oracles.
struct PropertyTests {
  static let cases = 300

  /// Central differences of the value (gradient) and of the exact gradient (Hessian), step 1e-5.
  @Test(arguments: [1, 2, 3, 5])
  func derivativesAgreeWithCentralDifferences(dimension: Int) {
    var gen = RandomFormulas(seed: UInt64(dimension), dimension: dimension)
    let h = 1e-5
    for _ in 0..<Self.cases {
      let f = TreeFunction(root: gen.formula(depth: 5), dimension: dimension)
      let x = gen.point()
      let d = Derivatives.hessian(f, at: x)
      let g = Derivatives.gradient(f, at: x)
      #expect(
        g.gradient == d.gradient && g.value == d.value, "dual and hyper-dual passes agree exactly")
      for i in 0..<dimension {
        var plus = x
        var minus = x
        plus[i] += h
        minus[i] -= h
        let fd = (f.evaluate(plus) - f.evaluate(minus)) / (2 * h)
        #expect(
          close(d.gradient[i], fd, 1e-6),
          "∂f/∂x\(i) of \(f.root) at \(x): \(d.gradient[i]) vs \(fd)")
        let gp = Derivatives.gradient(f, at: plus).gradient
        let gm = Derivatives.gradient(f, at: minus).gradient
        for j in 0..<dimension {
          let fdH = (gp[j] - gm[j]) / (2 * h)
          #expect(
            close(d.hessian[j * dimension + i], fdH, 1e-6), "H[\(j), \(i)] of \(f.root) at \(x)")
        }
      }
    }
  }

  @Test(arguments: [1, 2, 4])
  func hessiansAreExactlySymmetric(dimension: Int) {
    var gen = RandomFormulas(seed: 100 + UInt64(dimension), dimension: dimension)
    for _ in 0..<Self.cases {
      let f = TreeFunction(root: gen.formula(depth: 6), dimension: dimension)
      let h = Derivatives.hessian(f, at: gen.point()).hessian
      for i in 0..<dimension {
        for j in 0..<dimension {
          #expect(h[i * dimension + j].bitPattern == h[j * dimension + i].bitPattern)
        }
      }
    }
  }

  /// Symbolic `derivative` (and its nesting) equals forward mode at random points.
  @Test(arguments: [1, 2, 3])
  func symbolicDerivativesAgreeWithForwardMode(dimension: Int) throws {
    var gen = RandomFormulas(seed: 200 + UInt64(dimension), dimension: dimension)
    for _ in 0..<Self.cases {
      let root = gen.formula(depth: 4)
      let f = TreeFunction(root: root, dimension: dimension)
      let x = gen.point()
      let d = Derivatives.hessian(f, at: x)
      for i in 0..<dimension {
        let di = try root.derivative(i)
        #expect(close(di.evaluate(x), d.gradient[i], 1e-9), "∂/∂x\(i) of \(root): \(di)")
        for j in 0..<dimension {
          let dij = try di.derivative(j).evaluate(x)
          #expect(close(dij, d.hessian[i * dimension + j], 1e-9), "∂²/∂x\(i)∂x\(j) of \(root)")
        }
      }
    }
  }

  /// Simplification never changes a formula's value.
  @Test func simplificationPreservesValues() {
    var gen = RandomFormulas(seed: 300, dimension: 3)
    for _ in 0..<Self.cases {
      let root = gen.formula(depth: 6)
      let x = gen.point()
      #expect(close(root.simplified().evaluate(x), root.evaluate(x), 1e-12), "\(root)")
    }
  }

  /// V diag(λ) Vᵀ reconstructs H, V is orthonormal, and eigenvalues ascend.
  @Test(arguments: [2, 3, 5])
  func eigenDecompositionReconstructsHessian(dimension: Int) throws {
    var gen = RandomFormulas(seed: 400 + UInt64(dimension), dimension: dimension)
    for _ in 0..<100 {
      let f = TreeFunction(root: gen.formula(depth: 5), dimension: dimension)
      let a = try PointAnalysis.analyze(f, at: gen.point())
      let n = dimension
      let v = a.eigenvectors
      let scale = max(1, a.eigenvalues.map { abs($0) }.max() ?? 0)
      #expect(zip(a.eigenvalues, a.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
      for i in 0..<n {
        for j in 0..<n {
          let r = (0..<n).reduce(0.0) { $0 + v[i, $1] * a.eigenvalues[$1] * v[j, $1] }
          #expect(abs(r - a.hessian[i, j]) <= 1e-12 * scale, "reconstruction [\(i), \(j)]")
          let dot = (0..<n).reduce(0.0) { $0 + v[$1, i] * v[$1, j] }
          #expect(abs(dot - (i == j ? 1 : 0)) <= 1e-12, "orthonormal columns")
        }
      }
    }
  }
}
