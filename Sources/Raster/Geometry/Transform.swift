import Foundation

/// An affine map x' = a·x + c·y + tx, y' = b·x + d·y + ty (the SVG/PDF matrix order).
///
/// Every coefficient is finite by construction; the failable initialisers are the only
/// way in, so a NaN can never reach the rasterizer through a transform.
public struct Transform: Equatable, Sendable {
  public let a: Double
  public let b: Double
  public let c: Double
  public let d: Double
  public let tx: Double
  public let ty: Double

  /// Creates a transform; `nil` when any coefficient is NaN or infinite.
  public init?(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
    guard a.isFinite, b.isFinite, c.isFinite, d.isFinite, tx.isFinite, ty.isFinite else {
      return nil
    }
    (self.a, self.b, self.c, self.d, self.tx, self.ty) = (a, b, c, d, tx, ty)
  }

  /// The transform that leaves every point where it is.
  public static let identity = Transform(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)!

  /// A shift by (dx, dy); `nil` for non-finite input.
  public static func translation(x dx: Double, y dy: Double) -> Transform? {
    Transform(a: 1, b: 0, c: 0, d: 1, tx: dx, ty: dy)
  }

  /// A scaling about the origin; `nil` for non-finite input.
  public static func scale(x sx: Double, y sy: Double) -> Transform? {
    Transform(a: sx, b: 0, c: 0, d: sy, tx: 0, ty: 0)
  }

  /// A rotation about the origin by `radians` (positive turns +x towards +y); `nil` if non-finite.
  public static func rotation(radians: Double) -> Transform? {
    guard radians.isFinite else { return nil }
    let (s, co) = (sin(radians), cos(radians))
    return Transform(a: co, b: s, c: -s, d: co, tx: 0, ty: 0)
  }

  /// `self` followed by `next` (apply self first); `nil` if the product overflows.
  public func then(_ next: Transform) -> Transform? {
    Transform(
      a: next.a * a + next.c * b, b: next.b * a + next.d * b,
      c: next.a * c + next.c * d, d: next.b * c + next.d * d,
      tx: next.a * tx + next.c * ty + next.tx, ty: next.b * tx + next.d * ty + next.ty)
  }

  /// The inverse map; throws `singularTransform` when the determinant is (near) zero.
  public func inverted() throws(RasterError) -> Transform {
    let det = a * d - b * c
    guard det.isNormal, abs(det) > 1e-300 else { throw .singularTransform }
    let inv = 1 / det
    guard
      let t = Transform(
        a: d * inv, b: -b * inv, c: -c * inv, d: a * inv,
        tx: (c * ty - d * tx) * inv, ty: (b * tx - a * ty) * inv)
    else { throw .singularTransform }
    return t
  }

  /// Maps a point.
  @inline(__always)
  public func apply(_ p: Point) -> Point {
    Point(x: a * p.x + c * p.y + tx, y: b * p.x + d * p.y + ty)
  }

  /// How much the transform scales lengths at most (the larger singular value).
  var maxScale: Double {
    let e = (a * a + b * b + c * c + d * d) / 2
    let f = ((a * a + b * b - c * c - d * d) / 2)
    let g = a * c + b * d
    return (e + (f * f + g * g).squareRoot()).squareRoot()
  }
}
