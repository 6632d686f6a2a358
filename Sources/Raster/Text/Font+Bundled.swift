import Foundation

extension Font {
  /// DejaVu Sans (Bitstream Vera licence, see Resources/LICENSE-DejaVu.txt), the default
  /// face of figures; loaded once and shared. Throws (never traps) if no copy is found.
  public static func dejaVuSans() throws(RasterError) -> Font { try bundledDejaVuSans.get() }

  private static let bundledDejaVuSans: Result<Font, RasterError> = {
    guard let data = bundledFontCandidates().lazy.compactMap({ try? Data(contentsOf: $0) }).first
    else {
      return .failure(
        .malformedFont(
          table: "file",
          detail:
            "DejaVuSans.ttf not found (looked in: \(bundledFontCandidates().map(\.path).joined(separator: ", ")))"
        ))
    }
    return Result { () throws(RasterError) -> Font in try Font(data: [UInt8](data)) }
  }()

  /// Where the font may be, in order: SwiftPM's resource bundle next to the executable or
  /// the main bundle (deployed builds), the source tree (development and tests), then the
  /// Debian package's copy. `Bundle.module` is deliberately not used: on Linux it traps
  /// when the bundle is missing, e.g. for a binary copied without its resources.
  static func bundledFontCandidates() -> [URL] {
    let name = "Saddle_Raster.resources/DejaVuSans.ttf"
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
      .resolvingSymlinksInPath()
    return [
      executable.deletingLastPathComponent().appendingPathComponent(name),
      Bundle.main.bundleURL.appendingPathComponent(name),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/DejaVuSans.ttf"),
      URL(fileURLWithPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ]
  }
}
