import MathCore
import Testing

@Test func matrixProductsMatchHandComputation() {
  let a = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
  let b = Matrix(rows: 3, columns: 2, elements: [7, 8, 9, 10, 11, 12])
  #expect(a.multiplied(by: b) == Matrix(rows: 2, columns: 2, elements: [58, 64, 139, 154]))
  #expect(a.multiplied(by: Vector([1, 0, -1])) == Vector([-2, -2]))
  #expect(a.transposed == Matrix(rows: 3, columns: 2, elements: [1, 4, 2, 5, 3, 6]))
  #expect(Matrix(rowVectors: [[1, 2], [3]]) == nil)
}

@Test func determinantAndInverse() throws {
  let m = Matrix(rows: 3, columns: 3, elements: [2, 0, 1, 1, 3, 2, 1, 1, 2])
  #expect(Swift.abs(try m.luDeterminant() - 6) < 1e-12)
  let product = m.multiplied(by: try m.inverted())
  for i in 0..<3 { for j in 0..<3 { #expect(Swift.abs(product[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
  #expect(throws: LinearAlgebraError.singular(operation: "inverse", reciprocalCondition: 0)) {
    try Matrix(rows: 2, columns: 2, elements: [1, 2, 2, 4]).inverted()
  }
  #expect(try Matrix(rows: 2, columns: 2, elements: [0, 1, 1, 0]).luDeterminant() == -1)
  // 2×2 determinants are exact (LU would give -2.0000000000000004).
  #expect(try Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4]).luDeterminant() == -2)
  #expect(throws: LinearAlgebraError.notSquare(operation: "det", rows: 1, columns: 3)) {
    try Matrix(rows: 1, columns: 3, elements: [1, 2, 3]).luDeterminant()
  }
  #expect(throws: LinearAlgebraError.nonFinite(operation: "det", row: 1, column: 0)) {
    try Matrix(rows: 2, columns: 2, elements: [1, 2, .nan, 4]).luDeterminant()
  }
}

@Test func symmetricEigenReconstructsTheMatrix() throws {
  var rng = SeededGenerator(seed: 7)
  let n = 5
  var a = Matrix(rows: n, columns: n)
  for i in 0..<n {
    for j in 0...i {
      a[i, j] = rng.nextNormal()
      a[j, i] = a[i, j]
    }
  }
  let (values, vectors) = try a.eigenDecomposition()
  for k in 0..<n - 1 { #expect(values[k] >= values[k + 1]) }
  for k in 0..<n {
    let v = vectors.column(k)
    let av = a.multiplied(by: v)
    for i in 0..<n { #expect(Swift.abs(av[i] - values[k] * v[i]) < 1e-9) }
    #expect(Swift.abs(v.norm - 1) < 1e-12)
  }
}

@Test func saddleHessianHasEigenvaluesTwoAndMinusTwo() throws {
  let h = Matrix(rows: 2, columns: 2, elements: [0, -2, -2, 0])
  let (values, vectors) = try h.eigenDecomposition()
  #expect(values == Vector([2, -2]))
  #expect(Swift.abs(vectors[0, 0] - 0.5.squareRoot()) < 1e-15)
  #expect(Swift.abs(vectors[1, 0] + 0.5.squareRoot()) < 1e-15)
}

@Test func linspaceIncludesBothEnds() {
  #expect(Vector.linspace(0, 1, count: 5) == Vector([0, 0.25, 0.5, 0.75, 1]))
  #expect(Vector.linspace(3, 3, count: 1) == Vector([3]))
  #expect(Vector.linspace(0, 1, count: 0).count == 0)
}

@Test func twoByTwoEigenvaluesAreExactForLectureHessians() throws {
  // Hessian of (1 - w1*w2)^2 at (1, 1): eigenvalues exactly 4 and 0.
  let (values, vectors) = try Matrix(rows: 2, columns: 2, elements: [2, 2, 2, 2]).eigenDecomposition()
  #expect(values == Vector([4, 0]))
  #expect(Swift.abs(vectors[0, 0] - vectors[1, 0]) < 1e-15)
  let diagonal = try Matrix(rows: 2, columns: 2, elements: [1, 0, 0, 3]).eigenDecomposition()
  #expect(diagonal.values == Vector([3, 1]))
  #expect(diagonal.vectors == Matrix(rows: 2, columns: 2, elements: [0, 1, 1, 0]))
  let general = Matrix(rows: 2, columns: 2, elements: [4, 1, 1, -3])
  let (vals, vecs) = try general.eigenDecomposition()
  for k in 0..<2 {
    let v = vecs.column(k)
    let av = general.multiplied(by: v)
    #expect(Swift.abs(av[0] - vals[k] * v[0]) < 1e-14 && Swift.abs(av[1] - vals[k] * v[1]) < 1e-14)
    #expect(v[0] > 0, "one sign convention: first non-zero entry positive")
  }
  let ascending = try general.eigenDecomposition(order: .ascending)
  #expect(ascending.values == Vector([vals[1], vals[0]]))
  #expect(ascending.vectors.column(0) == vecs.column(1))
}
