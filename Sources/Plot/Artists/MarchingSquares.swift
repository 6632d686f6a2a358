import Raster

/// Marching squares on a regular grid: contour lines at a level (joined into polylines)
/// and the region at or above a level (as polygons for one non-zero fill).
///
/// Grid values are linear along cell edges; a cell's corners are c0 = (j, i), c1 = (j+1, i),
/// c2 = (j+1, i+1), c3 = (j, i+1). Cells with a non-finite corner are left out.
struct MarchingSquares {
  let grid: GridData
  /// Maps grid coordinates (column j, row i as fractional indices) to device points.
  let map: (Double, Double) -> Point

  private var rows: Int { grid.ys.count }
  private var columns: Int { grid.xs.count }

  /// Corner values of cell (i, j) in the order c0, c1, c2, c3 (no allocation: hot loop).
  @inline(__always)
  private func corners(_ i: Int, _ j: Int) -> (Double, Double, Double, Double) {
    (grid.z[i][j], grid.z[i][j + 1], grid.z[i + 1][j + 1], grid.z[i + 1][j])
  }

  /// The region z ≥ level: one rectangle per run of full cells in a row, plus the clipped
  /// polygon of each boundary cell; all oriented alike, so shared edges cancel in one fill.
  /// Hot loop over every cell for every level: corner values stay in registers.
  func regionAtOrAbove(_ level: Double) -> [[Point]] {
    guard rows >= 2, columns >= 2 else { return [] }
    var polygons: [[Point]] = []
    for i in 0..<(rows - 1) {
      var runStart: Int?
      for j in 0..<(columns - 1) {
        let (a, b, c, d) = corners(i, j)
        let finite = a.isFinite && b.isFinite && c.isFinite && d.isFinite
        if finite && a >= level && b >= level && c >= level && d >= level {
          if runStart == nil { runStart = j }
          continue
        }
        if let s = runStart {
          polygons.append(rectangle(i, s, j))
          runStart = nil
        }
        guard finite, a >= level || b >= level || c >= level || d >= level else { continue }
        polygons.append(clippedCell(i, j, [a, b, c, d], level))
      }
      if let s = runStart { polygons.append(rectangle(i, s, columns - 1)) }
    }
    return polygons
  }

  private func rectangle(_ i: Int, _ j0: Int, _ j1: Int) -> [Point] {
    let (a, b) = (Double(j0), Double(j1))
    let (y0, y1) = (Double(i), Double(i + 1))
    return [map(a, y0), map(b, y0), map(b, y1), map(a, y1)]
  }

  /// Sutherland–Hodgman of the cell against z ≥ level, crossings interpolated linearly.
  private static let cornerOffsets: [(Double, Double)] = [(0, 0), (1, 0), (1, 1), (0, 1)]

  private func clippedCell(_ i: Int, _ j: Int, _ z: [Double], _ level: Double) -> [Point] {
    var out: [Point] = []
    out.reserveCapacity(6)
    for k in 0..<4 {
      let (po, qo) = (Self.cornerOffsets[k], Self.cornerOffsets[(k + 1) % 4])
      let (pz, qz) = (z[k], z[(k + 1) % 4])
      if pz >= level { out.append(map(Double(j) + po.0, Double(i) + po.1)) }
      if (pz >= level) != (qz >= level) {
        let t = (level - pz) / (qz - pz)
        out.append(map(Double(j) + po.0 + t * (qo.0 - po.0), Double(i) + po.1 + t * (qo.1 - po.1)))
      }
    }
    return out
  }

  /// Contour lines at `level`, joined across cells into polylines (closed loops repeat
  /// their first point).
  func lines(at level: Double) -> [[Point]] {
    guard rows >= 2, columns >= 2 else { return [] }
    var segments: [(Int, Int)] = []  // edge keys
    var points: [Int: Point] = [:]
    for i in 0..<(rows - 1) {
      for j in 0..<(columns - 1) {
        cellSegments(i, j, level, &segments, &points)
      }
    }
    return join(segments).map { $0.map { points[$0]! } }
  }

  /// Edge keys: horizontal edge from (j, i) to (j+1, i), vertical from (j, i) to (j, i+1).
  private func key(_ i: Int, _ j: Int, vertical: Bool) -> Int { (i * columns + j) * 2 + (vertical ? 1 : 0) }

  private func cellSegments(
    _ i: Int, _ j: Int, _ level: Double, _ segments: inout [(Int, Int)], _ points: inout [Int: Point]
  ) {
    let (a, b, cc, d) = corners(i, j)
    guard a.isFinite && b.isFinite && cc.isFinite && d.isFinite else { return }
    let above = (a >= level, b >= level, cc >= level, d >= level)
    if above.0 == above.1 && above.1 == above.2 && above.2 == above.3 { return }
    let z = [a, b, cc, d]
    let edgeKeys = [
      key(i, j, vertical: false), key(i, j + 1, vertical: true), key(i + 1, j, vertical: false),
      key(i, j, vertical: true),
    ]
    var crossed: [Int] = []
    for k in 0..<4 {
      let (po, qo) = (Self.cornerOffsets[k], Self.cornerOffsets[(k + 1) % 4])
      let (pz, qz) = (z[k], z[(k + 1) % 4])
      guard (pz >= level) != (qz >= level) else { continue }
      let t = (level - pz) / (qz - pz)
      points[edgeKeys[k]] = map(Double(j) + po.0 + t * (qo.0 - po.0), Double(i) + po.1 + t * (qo.1 - po.1))
      crossed.append(k)
    }
    if crossed.count == 2 {
      segments.append((edgeKeys[crossed[0]], edgeKeys[crossed[1]]))
    } else if crossed.count == 4 {
      // Saddle cell: the centre value decides which corners connect.
      let centre = (a + b + cc + d) / 4
      let c0High = a >= level
      if (centre >= level) == c0High {
        segments.append((edgeKeys[0], edgeKeys[1]))
        segments.append((edgeKeys[2], edgeKeys[3]))
      } else {
        segments.append((edgeKeys[3], edgeKeys[0]))
        segments.append((edgeKeys[1], edgeKeys[2]))
      }
    }
  }

  /// Chains segments sharing edge keys into polylines: open chains first, then loops.
  private func join(_ segments: [(Int, Int)]) -> [[Int]] {
    var incident: [Int: [Int]] = [:]
    for (s, (a, b)) in segments.enumerated() {
      incident[a, default: []].append(s)
      incident[b, default: []].append(s)
    }
    var used = [Bool](repeating: false, count: segments.count)
    var chains: [[Int]] = []
    func walk(from start: Int) -> [Int] {
      var chain = [start]
      var at = start
      while let s = incident[at]?.first(where: { !used[$0] }) {
        used[s] = true
        at = segments[s].0 == at ? segments[s].1 : segments[s].0
        chain.append(at)
      }
      return chain
    }
    for k in incident.keys.sorted() where incident[k]!.count == 1 && !used[incident[k]![0]] {
      chains.append(walk(from: k))
    }
    for (s, seg) in segments.enumerated() where !used[s] { chains.append(walk(from: seg.0)) }
    return chains
  }
}
