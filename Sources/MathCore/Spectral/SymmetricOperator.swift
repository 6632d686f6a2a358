/// A symmetric linear map `x ↦ A x` on ℝᴾ that is known only through its action.
///
/// A Hessian of a network with P = 100,000 parameters is never stored: its action on a
/// vector (a Hessian-vector product) costs about two gradients. Top-k eigenpairs
/// (`Lanczos`), the spectral density (`StochasticLanczosQuadrature`) and the trace
/// (`HutchinsonTrace`) are algorithms over this protocol, so the same code serves a dense
/// matrix, a network's Hessian and the restriction of either to a block of coordinates.
///
/// Conformers promise symmetry (`uᵀ(Av) = vᵀ(Au)` up to rounding); the algorithms rely on
/// it and do not check it.
public protocol SymmetricOperator: Sendable {
  /// P, the length of the vectors the operator acts on.
  var dimension: Int { get }

  /// `A v` for one vector of length `dimension`.
  func apply(_ vector: [Double]) -> [Double]

  /// `A` applied to `count` vectors at once, stored one after another (vector j occupies
  /// `block[j·P ..< (j+1)·P]`, a row-major `count × P` array); the result has the same layout.
  ///
  /// Implement this when a block can be done as matrix products (a dense matrix as one
  /// `dgemm`, a network's Hessian as batched R-passes); the default applies the vectors
  /// one by one.
  func apply(block: [Double], count: Int) -> [Double]
}

extension SymmetricOperator {
  public func apply(block: [Double], count: Int) -> [Double] {
    let p = dimension
    precondition(block.count == count * p, "SymmetricOperator.apply(block:count:) size mismatch")
    var out = [Double]()
    out.reserveCapacity(count * p)
    for j in 0..<count {
      out.append(contentsOf: apply(Array(block[(j * p)..<((j + 1) * p)])))
    }
    return out
  }
}
