import Foundation
import Raster

/// Writes SVG 1.1: paths as `<path>`, text as `<text>` in DejaVu Sans, images as embedded
/// PNG data URIs, clips as `<clipPath>` rectangles (one per distinct rectangle).
public final class SVGRenderer: Renderer {
  public let width: Int
  public let height: Int
  private var body: [String] = []
  private var clips: [PlotRect] = []

  public init(width: Int, height: Int) throws(RasterError) {
    guard width > 0, height > 0 else { throw .invalidParameter("SVG size \(width)×\(height)") }
    (self.width, self.height) = (width, height)
  }

  /// The complete document.
  public func document() -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" \
      width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">

      """
    out += "<defs>\n"
    for (k, c) in clips.enumerated() {
      out +=
        "<clipPath id=\"c\(k)\"><rect x=\"\(n(c.x))\" y=\"\(n(c.y))\" width=\"\(n(c.width))\" height=\"\(n(c.height))\"/></clipPath>\n"
    }
    out += "</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    out += body.joined(separator: "\n")
    return out + "\n</svg>\n"
  }

  private func n(_ v: Double) -> String {
    let r = (v * 100).rounded() / 100
    guard r == r.rounded(), let i = Int(exactly: r) else { return r.isFinite ? String(r) : "0" }
    return String(i)
  }

  private func clipAttribute(_ clip: PlotRect?) -> String {
    guard let clip else { return "" }
    let k =
      clips.firstIndex(of: clip)
      ?? {
        clips.append(clip)
        return clips.count - 1
      }()
    return " clip-path=\"url(#c\(k))\""
  }

  private func paint(_ c: Color) -> String {
    String(format: "#%02x%02x%02x", c.red, c.green, c.blue)
  }

  private func opacity(_ c: Color, _ attr: String) -> String {
    c.alpha == 255 ? "" : " \(attr)=\"\(n(Double(c.alpha) / 255))\""
  }

  private func data(_ path: Path) -> String {
    path.elements.map { e -> String in
      switch e {
      case .move(let p): return "M\(n(p.x)) \(n(p.y))"
      case .line(let p): return "L\(n(p.x)) \(n(p.y))"
      case .quad(let c, let p): return "Q\(n(c.x)) \(n(c.y)) \(n(p.x)) \(n(p.y))"
      case .cubic(let a, let b, let p): return "C\(n(a.x)) \(n(a.y)) \(n(b.x)) \(n(b.y)) \(n(p.x)) \(n(p.y))"
      case .close: return "Z"
      }
    }.joined()
  }

  public func fill(_ path: Path, color: Color, clip: PlotRect?, antialiased: Bool) {
    let edges = antialiased ? "" : " shape-rendering=\"crispEdges\""
    body.append(
      "<path d=\"\(data(path))\" fill=\"\(paint(color))\"\(opacity(color, "fill-opacity"))\(edges)\(clipAttribute(clip))/>"
    )
  }

  public func stroke(_ path: Path, color: Color, style: StrokeStyle, clip: PlotRect?) {
    let cap = style.cap == .butt ? "butt" : style.cap == .round ? "round" : "square"
    let join = style.join == .round ? "round" : style.join == .bevel ? "bevel" : "miter"
    var attrs =
      "stroke=\"\(paint(color))\" stroke-width=\"\(n(style.width))\" stroke-linecap=\"\(cap)\" stroke-linejoin=\"\(join)\""
    if !style.dashes.isEmpty { attrs += " stroke-dasharray=\"\(style.dashes.map(n).joined(separator: ","))\"" }
    body.append(
      "<path d=\"\(data(path))\" fill=\"none\" \(attrs)\(opacity(color, "stroke-opacity"))\(clipAttribute(clip))/>")
  }

  public func draw(text: String, at p: Point, style: TextStyle, clip: PlotRect?) {
    let anchor = style.horizontal == .left ? "start" : style.horizontal == .center ? "middle" : "end"
    let baseline: String
    switch style.vertical {
    case .baseline: baseline = "auto"
    case .top: baseline = "text-before-edge"
    case .center: baseline = "central"
    case .bottom: baseline = "text-after-edge"
    }
    let rotate = style.rotation == .vertical ? " transform=\"rotate(-90 \(n(p.x)) \(n(p.y)))\"" : ""
    body.append(
      "<text x=\"\(n(p.x))\" y=\"\(n(p.y))\" font-family=\"DejaVu Sans\" font-size=\"\(n(style.size))\" "
        + "text-anchor=\"\(anchor)\" dominant-baseline=\"\(baseline)\" fill=\"\(paint(style.color))\"\(rotate)>"
        + escape(text) + "</text>")
  }

  public func draw(image: Pixmap, in rect: PlotRect, smooth: Bool, clip: PlotRect?) throws(RasterError) {
    let png = Data(try PNGEncoder.encode(image)).base64EncodedString()
    let rendering = smooth ? "" : " style=\"image-rendering:pixelated\" image-rendering=\"optimizeSpeed\""
    body.append(
      "<image x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\" "
        + "preserveAspectRatio=\"none\"\(rendering) xlink:href=\"data:image/png;base64,\(png)\"\(clipAttribute(clip))/>"
    )
  }

  private func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
