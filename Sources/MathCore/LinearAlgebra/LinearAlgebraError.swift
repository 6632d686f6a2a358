/// Why a linear-algebra request cannot be answered, phrased for the person who asked.
///
/// Every case names the operation and, where shapes matter, the shapes involved, so
/// the language layer can show the message as it is.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The operation needs a square matrix.
  case notSquare(operation: String, rows: Int, columns: Int)
  /// The two operands' shapes do not fit together.
  case shapeMismatch(operation: String, left: String, right: String)
  /// The matrix is singular, or so close to it that the answer would be noise.
  case singular(operation: String, reciprocalCondition: Double)
  /// An entry is NaN or infinite.
  case nonFinite(operation: String, row: Int, column: Int)
  /// `eig` was given a matrix that is not symmetric.
  case notSymmetric(row: Int, column: Int, difference: Double)
  /// The matrix has no entries.
  case empty(operation: String)
  /// The answer exists but an entry exceeds the largest double (about 1.8e308).
  case overflow(operation: String)
  /// The stop button was pressed while LAPACK ran.
  case interrupted
  /// LAPACK itself reported a failure (convergence), with its routine and code.
  case lapack(routine: String, info: Int32)

  public var description: String {
    switch self {
    case .notSquare(let operation, let rows, let columns):
      return "\(operation) needs a square matrix, got \(rows)×\(columns)"
    case .shapeMismatch(let operation, let left, let right):
      return "\(operation): shapes \(left) and \(right) do not fit"
    case .singular(let operation, let rcond):
      let detail =
        rcond == 0
        ? "exactly singular"
        : rcond.isNaN
          ? "singular to working precision (its LU factors are not finite)"
          : "singular to working precision (reciprocal condition number \(NumberFormat.plain(rcond)))"
      return "\(operation): the matrix is \(detail)"
    case .nonFinite(let operation, let row, let column):
      return "\(operation): entry [\(row), \(column)] is not finite (NaN or ∞)"
    case .notSymmetric(let row, let column, let difference):
      return
        "eig needs a symmetric matrix: entries [\(row), \(column)] and [\(column), \(row)] differ by \(NumberFormat.plain(difference))"
    case .empty(let operation):
      return "\(operation) needs a non-empty matrix"
    case .overflow(let operation):
      return "\(operation): an entry of the result exceeds the largest double (about 1.8e308): overflow"
    case .interrupted:
      return "interrupted by the user"
    case .lapack(let routine, let info):
      return "LAPACK \(routine) failed (info = \(info)): the computation did not converge"
    }
  }
}
