/// A colour with straight (not premultiplied) 8-bit sRGB channels and alpha.
///
/// Values are stored as given; no gamma conversion happens anywhere in `Raster`
/// (compositing is in sRGB space, as matplotlib/Agg and browsers do).
public struct Color: Equatable, Hashable, Sendable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8
  public var alpha: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
    (self.red, self.green, self.blue, self.alpha) = (red, green, blue, alpha)
  }

  /// Creates a colour from channel values in 0…1 (clamped; NaN becomes 0).
  public init(r: Double, g: Double, b: Double, a: Double = 1) {
    func q(_ v: Double) -> UInt8 { v.isNaN ? 0 : UInt8((min(max(v, 0), 1) * 255).rounded()) }
    self.init(red: q(r), green: q(g), blue: q(b), alpha: q(a))
  }

  public static let black = Color(red: 0, green: 0, blue: 0)
  public static let white = Color(red: 255, green: 255, blue: 255)
  public static let transparent = Color(red: 0, green: 0, blue: 0, alpha: 0)

  /// The premultiplied channels (r·a, g·a, b·a, a), rounded, as stored in a `Pixmap`.
  var premultiplied: (UInt8, UInt8, UInt8, UInt8) {
    let a = UInt32(alpha)
    return (
      UInt8(div255(UInt32(red) * a)), UInt8(div255(UInt32(green) * a)),
      UInt8(div255(UInt32(blue) * a)), alpha
    )
  }
}

/// Rounded x/255 for x in 0…65025, exact for every such x (the classic shift trick).
@inline(__always)
func div255(_ x: UInt32) -> UInt32 {
  let t = x + 128
  return (t + (t >> 8)) >> 8
}
