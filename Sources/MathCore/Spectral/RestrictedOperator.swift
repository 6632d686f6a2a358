/// The block `A[S, S]` of a symmetric operator for a set S of coordinates: a layer's
/// parameters in a network's Hessian, for per-layer top-k, density and trace.
///
/// Applied as `x ↦ (A · embed(x))[S]`: x is placed at the coordinates S of a zero vector of
/// the base dimension, the base operator acts, and the S entries are read back. So it
/// costs one base application per vector (for a Hessian, one full HVP) and needs nothing
/// from the base but the protocol. The restriction of a symmetric operator is symmetric.
public struct RestrictedOperator<Base: SymmetricOperator>: SymmetricOperator {
  public let base: Base
  /// The coordinates kept, in the order the restricted vectors use.
  public let coordinates: [Int]

  public var dimension: Int { coordinates.count }

  /// The restriction of `base` to `coordinates` (distinct indices in `0..<base.dimension`).
  ///
  /// - Throws: `SpectralMethodError.invalidCoordinates` when the list is empty, has an
  ///   index out of range, or repeats an index.
  public init(_ base: Base, coordinates: [Int]) throws(SpectralMethodError) {
    guard !coordinates.isEmpty else {
      throw .invalidCoordinates("the list of coordinates is empty")
    }
    if let bad = coordinates.first(where: { $0 < 0 || $0 >= base.dimension }) {
      throw .invalidCoordinates("index \(bad) is outside 0..<\(base.dimension)")
    }
    guard Set(coordinates).count == coordinates.count else {
      throw .invalidCoordinates("an index appears twice")
    }
    self.base = base
    self.coordinates = coordinates
  }

  /// The restriction of `base` to the contiguous coordinates `range` (a layer's slice of
  /// a flat parameter vector).
  public init(_ base: Base, range: Range<Int>) throws(SpectralMethodError) {
    try self.init(base, coordinates: Array(range))
  }

  public func apply(_ vector: [Double]) -> [Double] {
    apply(block: vector, count: 1)
  }

  public func apply(block: [Double], count: Int) -> [Double] {
    let p = dimension
    let full = base.dimension
    precondition(block.count == count * p, "RestrictedOperator.apply size mismatch")
    var embedded = [Double](repeating: 0, count: count * full)
    for j in 0..<count {
      for (i, c) in coordinates.enumerated() { embedded[j * full + c] = block[j * p + i] }
    }
    let image = base.apply(block: embedded, count: count)
    var out = [Double](repeating: 0, count: count * p)
    for j in 0..<count {
      for (i, c) in coordinates.enumerated() { out[j * p + i] = image[j * full + c] }
    }
    return out
  }
}
