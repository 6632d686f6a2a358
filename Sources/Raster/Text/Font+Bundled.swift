import Foundation

extension Font {
  /// DejaVu Sans (Bitstream Vera licence, see Resources/LICENSE-DejaVu.txt), the default
  /// face of figures; loaded once from the package's resource bundle and shared.
  public static func dejaVuSans() throws(RasterError) -> Font { try bundledDejaVuSans.get() }

  private static let bundledDejaVuSans: Result<Font, RasterError> = {
    guard let url = Bundle.module.url(forResource: "DejaVuSans", withExtension: "ttf"),
      let data = try? Data(contentsOf: url)
    else {
      return .failure(.malformedFont(table: "file", detail: "bundled DejaVuSans.ttf not found in the Raster resource bundle"))
    }
    return Result { () throws(RasterError) -> Font in try Font(data: [UInt8](data)) }
  }()
}
