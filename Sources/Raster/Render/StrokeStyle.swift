/// How the ends of open sub-paths and dashes are drawn.
public enum LineCap: Sendable {
  /// Ends exactly at the end point.
  case butt
  /// Adds a half-disc of the stroke's width.
  case round
  /// Extends by half the width, squared off.
  case square
}

/// How two segments meet at a vertex.
public enum LineJoin: Sendable {
  /// Extends the outer edges to their intersection unless longer than `miterLimit`·width/2… then bevels.
  case miter
  /// A circular arc around the vertex.
  case round
  /// A straight cut between the outer corners.
  case bevel
}

/// Width, caps, joins and dashes of a stroke; all lengths in device pixels.
///
/// Validated on creation: widths and dash lengths are finite and non-negative, a dash
/// pattern has positive total length, and the miter limit is ≥ 1.
public struct StrokeStyle: Equatable, Sendable {
  public let width: Double
  public let cap: LineCap
  public let join: LineJoin
  /// Ratio of miter length to stroke width above which a miter becomes a bevel (SVG semantics).
  public let miterLimit: Double
  /// Alternating on/off lengths; an odd count is repeated once, as SVG does. Empty: solid.
  public let dashes: [Double]
  /// Distance into the dash pattern at which the path starts.
  public let dashOffset: Double

  public init(
    width: Double, cap: LineCap = .butt, join: LineJoin = .miter, miterLimit: Double = 4,
    dashes: [Double] = [], dashOffset: Double = 0
  ) throws(RasterError) {
    guard width.isFinite, width >= 0 else {
      throw .invalidParameter("stroke width \(width) must be finite and ≥ 0")
    }
    guard miterLimit.isFinite, miterLimit >= 1 else {
      throw .invalidParameter("miter limit \(miterLimit) must be ≥ 1")
    }
    guard dashOffset.isFinite else { throw .nonFinite(what: "dash offset") }
    for (i, d) in dashes.enumerated() where !d.isFinite || d < 0 {
      throw .invalidParameter("dash length \(i) is \(d); must be finite and ≥ 0")
    }
    guard dashes.isEmpty || dashes.reduce(0, +) > 0 else {
      throw .invalidParameter("dash pattern has zero total length")
    }
    self.width = width
    self.cap = cap
    self.join = join
    self.miterLimit = miterLimit
    self.dashes = dashes.count % 2 == 1 ? dashes + dashes : dashes
    self.dashOffset = dashOffset
  }
}
