import Language
import MathCore
import Testing
import _LanguageTestSupport

/// det, inverse and eig through the language: LAPACK beyond 2×2, exact closed forms for
/// 2×2, one eigenvector convention, and LinearAlgebraError's messages.
struct LinearAlgebraBuiltinTests: CellRunner {
  let runtime = Runtime()

  let a3 = "[[2, 0, 1], [1, 3, 2], [1, 1, 2]]"
  let s3 = "[[4, 1, 0], [1, 3, 1], [0, 1, 2]]"

  @Test func threeByThreeDeterminantAndInverseComeFromLAPACK() throws {
    guard case .number(let d)? = try run("det(\(a3))") else { throw CalculusTestFailure("det") }
    #expect(Swift.abs(d - 6) < 1e-12)
    guard case .matrix(let p)? = try run("\(a3) * inverse(\(a3))") else {
      throw CalculusTestFailure("inverse")
    }
    for i in 0..<3 { for j in 0..<3 { #expect(Swift.abs(p[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
  }

  @Test func twoByTwoAnswersAreExact() throws {
    guard case .number(let d)? = try run("det([[1, 2], [3, 4]])") else {
      throw CalculusTestFailure("det")
    }
    #expect(d == -2, "exactly, not -2.0000000000000004")
    guard case .record(let e)? = try run("eig([[2, 2], [2, 2]])") else {
      throw CalculusTestFailure("eig")
    }
    guard case .vector(let values)? = e["values"] else { throw CalculusTestFailure("values") }
    #expect(values == Vector([4, 0]))
  }

  @Test func threeByThreeEigenFollowsTheConvention() throws {
    guard case .record(let e)? = try run("eig(\(s3))"),
      case .vector(let values)? = e["values"], case .matrix(let vectors)? = e["vectors"],
      case .matrix(let a)? = try run(s3)
    else { throw CalculusTestFailure("eig") }
    for k in 0..<2 { #expect(values[k] > values[k + 1], "largest first") }
    for k in 0..<3 {
      let v = vectors.column(k)
      let av = a.multiplied(by: v)
      for i in 0..<3 { #expect(Swift.abs(av[i] - values[k] * v[i]) < 1e-12) }
      #expect(Swift.abs(v.norm - 1) < 1e-12)
      let first = v.elements.first { Swift.abs($0) > 1e-12 } ?? 0
      #expect(first > 0, "first clearly non-zero entry positive")
    }
  }

  @Test func errorsCarryTheLinearAlgebraMessage() {
    let singular = error("inverse([[1, 2, 3], [4, 5, 6], [7, 8, 9]])")
    #expect(singular?.kind == .value)
    #expect(
      singular?.message.hasPrefix("inverse: the matrix is") == true
        && singular?.message.contains("singular") == true)
    let notSquare = error("inverse([[1, 2, 3], [4, 5, 6]])")
    #expect(notSquare?.kind == .shape && notSquare?.message == "inverse needs a square matrix, got 2×3")
    let infinite = error("det([[1, 0, 0], [0, inf, 0], [0, 0, 1]])")
    #expect(infinite?.kind == .value && infinite?.message == "det: entry [1, 1] is not finite (NaN or ∞)")
    let asymmetric = error("eig([[1, 2, 0], [0, 1, 0], [0, 0, 1]])")
    #expect(asymmetric?.message.hasPrefix("eig needs a symmetric matrix: entries [0, 1] and [1, 0]") == true)
  }
}
