import Foundation
import Testing
import _TestSupport

@testable import Raster

/// Cross-checks anti-aliasing against an independent exact-area rasterizer: matplotlib's
/// Agg (snapping off) draws the same polygons in the test venv, and the pixels must agree
/// within a few levels (Agg works in 1/256-pixel fixed point, we in floating point).
/// Polygons only: Agg flattens curves more coarsely than we do (its circles lose up to
/// 15 levels of edge coverage against ours), which would dominate the comparison.
@Suite struct AggComparisonTests {
  static let script = """
    import sys, json
    import numpy as np
    from PIL import Image
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.path import Path
    from matplotlib.transforms import Affine2D
    W, H = 120, 90
    r = RendererAgg(W, H, 72)
    gc = r.new_gc(); gc.set_linewidth(0); gc.set_snap(False); gc.set_antialiased(True)
    flip = Affine2D().scale(1, -1).translate(0, H)
    r.draw_path(gc, Path.unit_rectangle(), Affine2D().scale(W, H), (1, 1, 1, 1))
    tri = Path([(10.3, 12.7), (70.6, 20.2), (30.1, 80.4), (10.3, 12.7)], [1, 2, 2, 79])
    r.draw_path(gc, tri, flip, (0, 0, 0, 1))
    import math
    ring = [(85.25 + 22.4 * math.cos(2 * math.pi * k / 40), 45.6 + 22.4 * math.sin(2 * math.pi * k / 40)) for k in range(40)]
    r.draw_path(gc, Path(ring + [ring[0]], [1] + [2] * 39 + [79]), flip, (0.2, 0.4, 0.8, 1))
    agg = np.asarray(r.buffer_rgba())[..., :3].astype(int)
    ours = np.asarray(Image.open(sys.argv[1]).convert("RGB")).astype(int)
    d = np.abs(agg - ours)
    print(json.dumps({"max": int(d.max()), "mean": float(d.mean()), "over4": int((d.max(axis=2) > 4).sum())}))
    """

  @Test func coverageMatchesAggWithinAFewLevels() throws {
    guard let python = testVenvPython() else { return }  // no Python test venv here
    var pix = try Pixmap(width: 120, height: 90)
    pix.clear(.white)
    let triangle = try Path.polyline(
      [Point(x: 10.3, y: 12.7), Point(x: 70.6, y: 20.2), Point(x: 30.1, y: 80.4)], closed: true)
    pix.fill(triangle, color: .black)
    let ring = (0..<40).map { k in
      let a = 2 * Double.pi * Double(k) / 40
      return Point(x: 85.25 + 22.4 * cos(a), y: 45.6 + 22.4 * sin(a))
    }
    pix.fill(try .polyline(ring, closed: true), color: Color(r: 0.2, g: 0.4, b: 0.8))
    let url = try writeTemp(PNGEncoder.encode(pix), "agg.png")
    defer { try? FileManager.default.removeItem(at: url) }
    guard let (status, output) = try run(python, ["-c", Self.script, url.path]) else { return }
    try #require(status == 0, "\(output)")
    struct Result: Decodable {
      let max: Int
      let mean: Double
      let over4: Int
    }
    let result = try JSONDecoder().decode(Result.self, from: Data(output.utf8))
    print("Agg comparison: \(output)")
    #expect(result.max <= 4, "\(output)")  // measured: 3
    #expect(result.mean < 0.1, "\(output)")  // measured: 0.033
    #expect(result.over4 == 0, "\(output)")
  }
}
