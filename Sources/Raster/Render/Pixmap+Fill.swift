// Design note. Filling = accumulate exact area per cell, then resolve and composite in
// one pass. Tall shapes go through one 32-row band buffer (edges binned per band) so the
// cells stay in cache; compositing works on runs (a zero cell means constant coverage),
// skipping empty runs eight cells at a time and storing opaque full runs directly.
// Rejected: Agg-style sparse cell lists (sorting cells costs more than scanning dense
// rows at plot sizes); a per-row bitmap of touched 64-cell blocks to skip empty runs
// faster (built and measured: no gain, the cost of long thin strokes is cache misses on
// destination pixels, not the scan); compositing through a separate coverage mask (an
// extra pass over memory).

extension Pixmap {
  /// Fills `path` (mapped by `transform` into device pixels) with `color`, source-over,
  /// anti-aliased by exact area coverage, limited to `clip` (device pixels) if given.
  /// `antialiased: false` rounds coverage to 0 or 1 (hard edges, as matplotlib's filled
  /// contours: fewer colours, smaller PNGs).
  public mutating func fill(
    _ path: Path, color: Color, rule: FillRule = .nonZero,
    transform: Transform = .identity, clip: IntRect? = nil, antialiased: Bool = true
  ) {
    let polylines = path.flattened(transform: transform)
    fill(
      polygons: polylines.map(\.points), color: color, rule: rule, clip: clip, opacity: 1,
      antialiased: antialiased)
  }

  /// Rows per band: one band's cells (≤ 32 × (width + 2) floats) stay in cache.
  static let bandHeight = 32

  /// Fills device-space polygons (each implicitly closed) with coverage scaled by `opacity`.
  ///
  /// Tall shapes are rasterized in bands of `bandHeight` rows through one reused buffer,
  /// each band receiving only the edges that cross it (binned once up front), so memory
  /// traffic follows the band, not the whole bounding box.
  mutating func fill(
    polygons unchecked: [[Point]], color: Color, rule: FillRule, clip: IntRect?, opacity: Float,
    antialiased: Bool = true
  ) {
    let polygons = Self.bounded(unchecked)
    let region = clip.map { $0.intersection(bounds) } ?? bounds
    guard color.alpha > 0, opacity > 0, let box = Self.fillRegion(for: polygons, within: region)
    else { return }
    let band = Self.bandHeight
    var acc = CoverageAccumulator(
      region: IntRect(x: box.x, y: box.y, width: box.width, height: min(band, box.height))!)
    if box.height <= band {
      for polygon in polygons { acc.add(polygon: polygon) }
      composite(&acc, rule: rule, color: color, opacity: opacity, antialiased: antialiased)
      return
    }
    let bandCount = (box.height + band - 1) / band
    var edges: [(Point, Point)] = []
    var bins = [[Int32]](repeating: [], count: bandCount)
    for polygon in polygons where polygon.count >= 2 {
      var prev = polygon[polygon.count - 1]
      for p in polygon {
        defer { prev = p }
        if p.y == prev.y { continue }
        let top = Int((min(p.y, prev.y) - Double(box.y)).rounded(.down)) / band
        let bottom = Int((max(p.y, prev.y) - Double(box.y)).rounded(.up) - 1) / band
        guard bottom >= 0, top < bandCount else { continue }
        for b in max(top, 0)...min(bottom, bandCount - 1) { bins[b].append(Int32(edges.count)) }
        edges.append((prev, p))
      }
    }
    for b in 0..<bandCount where !bins[b].isEmpty {
      acc.rebase(toY: box.y + b * band, rows: min(band, box.maxY - (box.y + b * band)))
      for e in bins[b] { acc.addLine(edges[Int(e)].0, edges[Int(e)].1) }
      composite(&acc, rule: rule, color: color, opacity: opacity, antialiased: antialiased)
    }
  }

  /// Largest coordinate magnitude the rasterizer accepts (device pixels); beyond it points
  /// are clamped, so stroke offsets or transforms of extreme size cannot overflow `Int`.
  static let coordinateLimit = 1e8

  /// The polygons with every coordinate clamped to ±`coordinateLimit` and NaN-carrying
  /// polygons dropped; returns the input untouched (no copy) in the common case.
  static func bounded(_ polygons: [[Point]]) -> [[Point]] {
    let limit = coordinateLimit
    let fine = polygons.allSatisfy { polygon in
      polygon.allSatisfy { abs($0.x) <= limit && abs($0.y) <= limit }
    }
    if fine { return polygons }
    return polygons.filter { $0.allSatisfy { !$0.x.isNaN && !$0.y.isNaN } }.map { polygon in
      polygon.map { Point(x: min(max($0.x, -limit), limit), y: min(max($0.y, -limit), limit)) }
    }
  }

  /// The polygons' pixel bounding box inside `region`, or `nil` if that is empty.
  static func fillRegion(for polygons: [[Point]], within region: IntRect) -> IntRect? {
    var (minX, minY) = (Double.infinity, Double.infinity)
    var (maxX, maxY) = (-Double.infinity, -Double.infinity)
    for polygon in polygons {
      for p in polygon {
        minX = min(minX, p.x)
        maxX = max(maxX, p.x)
        minY = min(minY, p.y)
        maxY = max(maxY, p.y)
      }
    }
    guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else { return nil }
    let x0 = Int(minX.rounded(.down))
    let y0 = Int(minY.rounded(.down))
    let x1 = Int(maxX.rounded(.up))
    let y1 = Int(maxY.rounded(.up))
    let box = IntRect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))!
    let r = box.intersection(region)
    // Edges left of the clipped box still count: the accumulator folds them onto its
    // left border, where they cover every pixel to their right.
    return r.isEmpty ? nil : r
  }

  /// Hot loop: resolves accumulated area into coverage (clearing the cells) and composites
  /// a solid premultiplied colour source-over, row span by row span. A run of zero cells
  /// means constant coverage, so each run is found with an 8-cells-at-a-time scan and
  /// blended in one tight (vectorisable) loop; empty runs are skipped, full opaque runs
  /// are plain stores. Pixels are packed little-endian UInt32, two 8-bit lanes per multiply.
  mutating func composite(
    _ acc: inout CoverageAccumulator, rule: FillRule, color: Color, opacity: Float,
    antialiased: Bool = true
  ) {
    let (pr, pg, pb, pa) = color.premultiplied
    let packed = UInt32(
      littleEndian: UInt32(pr) | UInt32(pg) << 8 | UInt32(pb) << 16 | UInt32(pa) << 24)
    let scale = 255 * min(opacity, 1)
    let evenOdd = rule == .evenOdd
    let w = width
    let (spanStart, spanEnd) = (acc.spanStart, acc.spanEnd)
    let (originX, originY, stride, regionWidth) = (acc.originX, acc.originY, acc.stride, acc.width)
    let rows = acc.height
    acc.cells.withUnsafeMutableBufferPointer { cells in
      data.withUnsafeMutableBytes { raw in
        let px = raw.bindMemory(to: UInt32.self)
        for row in 0..<rows {
          let cellBase = row * stride
          cells[cellBase + regionWidth] = 0  // spare cells right of the region
          cells[cellBase + regionWidth + 1] = 0
          guard spanStart[row] < spanEnd[row] else { continue }
          let hi = Int(spanEnd[row])
          let rowCells = UnsafeMutablePointer(cells.baseAddress! + cellBase)
          let rowPixels = px.baseAddress! + (originY + row) * w + originX
          var sum: Float = 0
          var x = Int(spanStart[row])
          while x < hi {
            sum += rowCells[x]
            rowCells[x] = 0
            if abs(sum) < 1e-6 { sum = 0 }  // float residue after leaving a shape
            let end = Self.nextNonZero(rowCells, from: x + 1, to: hi)
            var a = abs(sum)
            if evenOdd {
              a -= 2 * (a * 0.5).rounded(.down)
              if a > 1 { a = 2 - a }
            } else if a > 1 {
              a = 1
            }
            if !antialiased { a = a >= 0.5 ? 1 : 0 }
            let c = UInt32(a * scale + 0.5)
            if c != 0 { Self.blendRun(rowPixels + x, count: end - x, packed: packed, coverage: c) }
            x = end
          }
        }
      }
    }
  }

  /// Index of the first non-zero cell in `from..<to` (or `to`), eight cells per step.
  @inline(__always)
  static func nextNonZero(_ cells: UnsafeMutablePointer<Float>, from: Int, to: Int) -> Int {
    var x = from
    let raw = UnsafeRawPointer(cells)
    while x + 8 <= to {
      // Eight floats are ±0 when their bits, sign bits masked, are all zero.
      let o = x * 4
      let bits =
        raw.loadUnaligned(fromByteOffset: o, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: o + 16, as: UInt64.self)
        | raw.loadUnaligned(fromByteOffset: o + 24, as: UInt64.self)
      if bits & 0x7FFF_FFFF_7FFF_FFFF != 0 { break }
      x += 8
    }
    while x < to && cells[x] == 0 { x += 1 }
    return x
  }

  /// Source-over of `packed` (premultiplied, little-endian) at coverage c/255 onto a run.
  @inline(__always)
  static func blendRun(
    _ pixels: UnsafeMutablePointer<UInt32>, count: Int, packed: UInt32, coverage c: UInt32
  ) {
    let color = UInt32(littleEndian: packed)
    if c == 255 && color >> 24 == 255 {
      pixels.update(repeating: packed, count: count)
      return
    }
    let source = scalePixel(color, c)
    let inverse = 255 - (source >> 24)
    for i in 0..<count {
      pixels[i] = UInt32(
        littleEndian: source &+ scalePixel(UInt32(littleEndian: pixels[i]), inverse))
    }
  }
}

/// Each 8-bit channel of a packed pixel times k/255, rounded (exact, two lanes per multiply).
@inline(__always)
func scalePixel(_ p: UInt32, _ k: UInt32) -> UInt32 {
  @inline(__always) func lanes(_ v: UInt32) -> UInt32 {
    let x = v &* k &+ 0x0080_0080
    return ((x &+ ((x >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF
  }
  return lanes(p & 0x00FF_00FF) | lanes((p >> 8) & 0x00FF_00FF) << 8
}
