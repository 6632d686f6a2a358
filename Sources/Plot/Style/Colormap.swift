import Raster

/// A 256-entry colour table mapping [0, 1] to colours (matplotlib's listed colormaps).
public struct Colormap: Sendable, Equatable {
  public let name: String
  /// Exactly 256 opaque colours, from the low end to the high end.
  public let colors: [Color]

  /// Looks up `value` in [0, 1] (clamped) the way matplotlib does: index ⌊v·256⌋, top clamped.
  public func color(at value: Double) -> Color {
    guard value.isFinite else { return .transparent }
    return colors[Int(clamping: value * 256, to: 0...255, rounding: .down, nan: 0)]
  }

  public static let viridis = Colormap(name: "viridis", hex: viridisHex)
  public static let magma = Colormap(name: "magma", hex: magmaHex)
  public static let coolwarm = Colormap(name: "coolwarm", hex: coolwarmHex)

  /// The colormap called `name`, if it is one of ours.
  public static func named(_ name: String) -> Colormap? {
    [viridis, magma, coolwarm].first { $0.name == name }
  }

  private init(name: String, hex: String) {
    self.name = name
    let digits = hex.utf8.compactMap { c -> UInt8? in
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
      default: return nil
      }
    }
    precondition(digits.count == 256 * 6, "colormap \(name) must have 256 entries")
    colors = stride(from: 0, to: digits.count, by: 6).map { i in
      Color(
        red: digits[i] << 4 | digits[i + 1], green: digits[i + 2] << 4 | digits[i + 3],
        blue: digits[i + 4] << 4 | digits[i + 5])
    }
  }
}
