/// Why a spectral method (top-k, density, trace, restriction) cannot run with the
/// arguments given, phrased for the person who asked.
public enum SpectralMethodError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The operator acts on vectors of length 0.
  case emptyOperator
  /// More eigenpairs were asked for than the operator has (or fewer than one).
  case invalidCount(requested: Int, dimension: Int)
  /// A numeric option is out of its range; `requirement` says what is allowed.
  case invalidParameter(name: String, value: String, requirement: String)
  /// A list of coordinates for a restriction is unusable.
  case invalidCoordinates(String)

  public var description: String {
    switch self {
    case .emptyOperator:
      return "the operator has dimension 0: there is nothing to compute"
    case .invalidCount(let requested, let dimension):
      return "asked for \(requested) eigenpairs of an operator of dimension \(dimension): need 1 to \(dimension)"
    case .invalidParameter(let name, let value, let requirement):
      return "\(name) = \(value) is not allowed: \(requirement)"
    case .invalidCoordinates(let reason):
      return "cannot restrict the operator: \(reason)"
    }
  }
}
