import Raster

/// Named colours: matplotlib's tab10 cycle and the few base names plots use.
public enum PlotColor {
  /// matplotlib's default property cycle (tab10), in order.
  public static let tab10: [Color] = [
    rgb(0x1f77b4), rgb(0xff7f0e), rgb(0x2ca02c), rgb(0xd62728), rgb(0x9467bd),
    rgb(0x8c564b), rgb(0xe377c2), rgb(0x7f7f7f), rgb(0xbcbd22), rgb(0x17becf),
  ]

  private static let tabNames = [
    "blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan",
  ]

  /// The `i`-th colour of the cycle (wrapping).
  public static func cycle(_ i: Int) -> Color { tab10[((i % 10) + 10) % 10] }

  /// Parses "tab:orange", "C1", "red", "white", "#1f77b4"; nil when unknown.
  public static func parse(_ text: String) -> Color? {
    let s = text.lowercased()
    if s.hasPrefix("tab:"), let i = tabNames.firstIndex(of: String(s.dropFirst(4))) { return tab10[i] }
    if s.count == 2, s.first == "c", let i = Int(s.dropFirst()) { return cycle(i) }
    if s.hasPrefix("#"), s.count == 7, let v = Int(s.dropFirst(), radix: 16) { return rgb(v) }
    let base: [String: Int] = [
      "black": 0x000000, "white": 0xffffff, "red": 0xff0000, "green": 0x008000, "blue": 0x0000ff,
      "gray": 0x808080, "grey": 0x808080, "orange": 0xffa500, "purple": 0x800080,
      "k": 0x000000, "w": 0xffffff, "r": 0xff0000, "g": 0x008000, "b": 0x0000ff,
    ]
    return base[s].map(rgb)
  }

  /// `0xRRGGBB` as an opaque colour.
  public static func rgb(_ v: Int) -> Color {
    Color(red: UInt8((v >> 16) & 255), green: UInt8((v >> 8) & 255), blue: UInt8(v & 255))
  }

  /// `c` with its alpha multiplied by `alpha` (straight alpha).
  static func withAlpha(_ c: Color, _ alpha: Double) -> Color {
    var out = c
    out.alpha = UInt8((Double(c.alpha) * min(max(alpha, 0), 1)).rounded())
    return out
  }
}
