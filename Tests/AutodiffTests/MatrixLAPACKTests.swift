import MathCore
import Testing

/// The `Matrix` wrappers over LAPACK (Sources/MathCore/LinearAlgebra/Matrix+LAPACK.swift).
struct MatrixLAPACKTests {
  @Test func eigenDecompositionOrders() throws {
    let h = Matrix(rows: 2, columns: 2, elements: [0, -2, -2, 0])
    let down = try h.eigenDecomposition()
    #expect(down.values.elements == [2, -2])
    let up = try h.eigenDecomposition(order: .ascending)
    #expect(up.values.elements == [-2, 2])
    #expect(down.vectors.column(0) == up.vectors.column(1))
    #expect(down.vectors.column(1) == up.vectors.column(0))
    #expect(
      abs(down.vectors[0, 1] - 0.5.squareRoot()) < 1e-15
        && abs(down.vectors[1, 1] - 0.5.squareRoot()) < 1e-15)
  }

  @Test func errorsNameTheProblem() {
    let wide = Matrix(rows: 1, columns: 3, elements: [1, 2, 3])
    #expect(throws: LinearAlgebraError.notSquare(operation: "eig", rows: 1, columns: 3)) {
      try wide.eigenDecomposition()
    }
    let singular = Matrix(rows: 2, columns: 2, elements: [1, 2, 2, 4])
    #expect(throws: LinearAlgebraError.self) { try singular.solving(Vector([1, 1])) }
    #expect(throws: LinearAlgebraError.self) { try singular.inverted() }
    #expect(throws: LinearAlgebraError.shapeMismatch(operation: "solve", left: "2×2", right: "3")) {
      try Matrix.identity(2).solving(Vector([1, 2, 3]))
    }
    let bad = Matrix(rows: 2, columns: 2, elements: [1, .nan, .nan, 1])
    #expect(throws: LinearAlgebraError.nonFinite(operation: "eig", row: 0, column: 1)) {
      try bad.eigenDecomposition()
    }
  }

  @Test func solveInverseDeterminant() throws {
    let a = Matrix(rows: 2, columns: 2, elements: [2, 1, 1, 3])
    let x = try a.solving(Vector([3, 5]))
    #expect(abs(x[0] - 0.8) < 1e-15 && abs(x[1] - 1.4) < 1e-15)
    let inv = try a.inverted()
    let product = a.multiplied(by: inv)
    #expect(product.elements.enumerated().allSatisfy { abs($1 - ($0 % 3 == 0 ? 1 : 0)) < 1e-15 })
    #expect(abs(try a.luDeterminant() - 5) < 1e-14)
    #expect(try Matrix(rows: 2, columns: 2, elements: [1, 2, 2, 4]).luDeterminant() == 0)
  }
}
