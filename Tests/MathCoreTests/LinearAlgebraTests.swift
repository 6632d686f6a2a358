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

@Test func determinantAndInverse() {
  let m = Matrix(rows: 3, columns: 3, elements: [2, 0, 1, 1, 3, 2, 1, 1, 2])
  #expect(Swift.abs(m.determinant - 6) < 1e-12)
  let product = m.multiplied(by: m.inverse!)
  for i in 0..<3 { for j in 0..<3 { #expect(Swift.abs(product[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
  #expect(Matrix(rows: 2, columns: 2, elements: [1, 2, 2, 4]).inverse == nil)
  #expect(Matrix(rows: 2, columns: 2, elements: [0, 1, 1, 0]).determinant == -1)
}

@Test func symmetricEigenReconstructsTheMatrix() {
  var rng = SeededGenerator(seed: 7)
  let n = 5
  var a = Matrix(rows: n, columns: n)
  for i in 0..<n {
    for j in 0...i {
      a[i, j] = rng.nextNormal()
      a[j, i] = a[i, j]
    }
  }
  let (values, vectors) = a.symmetricEigen()
  for k in 0..<n - 1 { #expect(values[k] >= values[k + 1]) }
  for k in 0..<n {
    let v = vectors.column(k)
    let av = a.multiplied(by: v)
    for i in 0..<n { #expect(Swift.abs(av[i] - values[k] * v[i]) < 1e-9) }
    #expect(Swift.abs(v.norm - 1) < 1e-12)
  }
}

@Test func saddleHessianHasEigenvaluesTwoAndMinusTwo() {
  let h = Matrix(rows: 2, columns: 2, elements: [0, -2, -2, 0])
  let (values, vectors) = h.symmetricEigen()
  #expect(values == Vector([2, -2]))
  #expect(Swift.abs(vectors[0, 0] - 0.5.squareRoot()) < 1e-15)
  #expect(Swift.abs(vectors[1, 0] + 0.5.squareRoot()) < 1e-15)
}

@Test func linspaceIncludesBothEnds() {
  #expect(Vector.linspace(0, 1, count: 5) == Vector([0, 0.25, 0.5, 0.75, 1]))
  #expect(Vector.linspace(3, 3, count: 1) == Vector([3]))
  #expect(Vector.linspace(0, 1, count: 0).count == 0)
}

@Test func twoByTwoEigenvaluesAreExactForLectureHessians() {
  // Hessian of (1 - w1*w2)^2 at (1, 1): eigenvalues exactly 4 and 0.
  let (values, vectors) = Matrix(rows: 2, columns: 2, elements: [2, 2, 2, 2]).symmetricEigen()
  #expect(values == Vector([4, 0]))
  #expect(Swift.abs(vectors[0, 0] - vectors[1, 0]) < 1e-15)
  let diagonal = Matrix(rows: 2, columns: 2, elements: [1, 0, 0, 3]).symmetricEigen()
  #expect(diagonal.values == Vector([3, 1]))
  #expect(diagonal.vectors == Matrix(rows: 2, columns: 2, elements: [0, 1, 1, 0]))
  let general = Matrix(rows: 2, columns: 2, elements: [4, 1, 1, -3])
  let (vals, vecs) = general.symmetricEigen()
  for k in 0..<2 {
    let v = vecs.column(k)
    let av = general.multiplied(by: v)
    #expect(Swift.abs(av[0] - vals[k] * v[0]) < 1e-14 && Swift.abs(av[1] - vals[k] * v[1]) < 1e-14)
  }
}
