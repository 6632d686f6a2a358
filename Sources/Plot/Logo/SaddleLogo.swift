import Raster

/// Saddle's icon: the saddle surface z = x² − y² in a small isometric view, coloured with
/// viridis by height, drawn by our own rasterizer (for `saddle install`'s kernel logos).
public enum SaddleLogo {
  /// PNG bytes of the logo, `size`×`size` pixels (32 and 64 are what Jupyter uses).
  public static func png(size: Int) throws(RasterError) -> [UInt8] {
    try PNGEncoder.encode(pixmap(size: size))
  }

  /// The logo as pixels on a transparent background.
  public static func pixmap(size: Int) throws(RasterError) -> Pixmap {
    guard size >= 8, size <= 1024 else { throw .invalidParameter("logo size \(size) not in 8…1024") }
    var pix = try Pixmap(width: size, height: size)
    let s = Double(size)
    let n = 8
    func project(_ u: Double, _ v: Double) -> Point {
      let z = (u * u - v * v) * 0.55
      return Point(x: s / 2 + (u - v) * 0.866 * s * 0.34, y: s * 0.55 + ((u + v) * 0.5 - z) * s * 0.34)
    }
    // Quads from back (u + v small) to front, so nearer faces cover farther ones.
    var quads: [(depth: Double, corners: [Point], height: Double)] = []
    for i in 0..<n {
      for j in 0..<n {
        let (u0, u1) = (-1 + 2 * Double(i) / Double(n), -1 + 2 * Double(i + 1) / Double(n))
        let (v0, v1) = (-1 + 2 * Double(j) / Double(n), -1 + 2 * Double(j + 1) / Double(n))
        let (um, vm) = ((u0 + u1) / 2, (v0 + v1) / 2)
        quads.append(
          (um + vm, [project(u0, v0), project(u1, v0), project(u1, v1), project(u0, v1)], um * um - vm * vm))
      }
    }
    let edge = try StrokeStyle(width: max(s / 64, 0.5), join: .round)
    for q in quads.sorted(by: { $0.depth < $1.depth }) {
      let path = try Path.polyline(q.corners, closed: true)
      let color = Colormap.viridis.color(at: 0.15 + 0.8 * (q.height + 1) / 2)
      pix.fill(path, color: color)
      pix.stroke(path, color: Color(red: 255, green: 255, blue: 255, alpha: 110), style: edge)
    }
    // The saddle point itself, marked as in our plots.
    let c = project(0, 0)
    let r = s * 0.07
    var b = PathBuilder()
    try b.move(to: Point(x: c.x - r, y: c.y - r))
    try b.line(to: Point(x: c.x + r, y: c.y + r))
    try b.move(to: Point(x: c.x - r, y: c.y + r))
    try b.line(to: Point(x: c.x + r, y: c.y - r))
    pix.stroke(
      try b.build(), color: Color(red: 230, green: 30, blue: 30), style: try StrokeStyle(width: max(s / 20, 1.5)))
    return pix
  }
}
