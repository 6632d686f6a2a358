import Foundation
import Raster
import Testing
import _TestSupport

@testable import Plot

/// A quiver draws its arrows relative to the longest one, so a field scaled by any power of
/// ten draws the same picture: arrow lengths are measured with `hypot`, not √(u² + v²), whose
/// squares overflow near 1e155 and underflow near 1e-155 (issue 11, item 12: arrows of
/// components near 1e200 vanished).
@Suite struct QuiverScaleTests {
  /// A 5×5 rotation field with every component multiplied by `scale`.
  static func field(scale: Double) -> Figure {
    var f = Figure(width: 3.2, height: 2.4, dpi: 100, name: "quiver ×\(scale)")
    var q = QuiverField(xs: [], ys: [], us: [], vs: [])
    for i in 0..<5 {
      for j in 0..<5 {
        let (x, y) = (Double(j) - 2, Double(i) - 2)
        (q.xs, q.ys, q.us, q.vs) = (q.xs + [x], q.ys + [y], q.us + [-y * scale], q.vs + [x * scale])
      }
    }
    f.main.add(.quiver(q))
    return f
  }

  @Test(arguments: [1e200, 1e-200, 1e300, 1e-300, 1e-310])
  func quiverOfExtremeComponentsDrawsLikeTheUnitField(scale: Double) throws {
    let colour = PlotColor.cycle(0)
    let reference = try ExtremeDataTests.draw(Self.field(scale: 1), counting: colour).inked
    let scaled = try ExtremeDataTests.draw(Self.field(scale: scale), counting: colour).inked
    #expect(reference > 200, "the unit field draws its arrows")
    // Pixels agree up to antialiasing at the last bit of the arrows' coordinates.
    #expect(abs(scaled - reference) <= reference / 50, "×\(scale): \(scaled) inked pixels against \(reference)")
  }
}
