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

  private func corners(_ i: Int, _ j: Int) -> [(Double, Double, Double)] {
    [
      (Double(j), Double(i), grid.z[i][j]), (Double(j + 1), Double(i), grid.z[i][j + 1]),
      (Double(j + 1), Double(i + 1), grid.z[i + 1][j + 1]), (Double(j), Double(i + 1), grid.z[i + 1][j]),
    ]
  }

  /// The region z ≥ level: one rectangle per run of full cells in a row, plus the clipped
  /// polygon of each boundary cell; all oriented alike, so shared edges cancel in one fill.
  func regionAtOrAbove(_ level: Double) -> [[Point]] {
    guard rows >= 2, columns >= 2 else { return [] }
    var polygons: [[Point]] = []
    for i in 0..<(rows - 1) {
      var runStart: Int?
      for j in 0..<(columns - 1) {
        let c = corners(i, j)
        let finite = c.allSatisfy { $0.2.isFinite }
        let full = finite && c.allSatisfy { $0.2 >= level }
        if full {
          if runStart == nil { runStart = j }
          continue
        }
        if let s = runStart {
          polygons.append(rectangle(i, s, j))
          runStart = nil
        }
        guard finite, c.contains(where: { $0.2 >= level }) else { continue }
        polygons.append(clippedCell(c, level))
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
  private func clippedCell(_ c: [(Double, Double, Double)], _ level: Double) -> [Point] {
    var out: [Point] = []
    for k in 0..<4 {
      let p = c[k], q = c[(k + 1) % 4]
      if p.2 >= level { out.append(map(p.0, p.1)) }
      if (p.2 >= level) != (q.2 >= level) {
        let t = (level - p.2) / (q.2 - p.2)
        out.append(map(p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)))
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
    let c = corners(i, j)
    guard c.allSatisfy({ $0.2.isFinite }) else { return }
    let edgeKeys = [
      key(i, j, vertical: false), key(i, j + 1, vertical: true), key(i + 1, j, vertical: false),
      key(i, j, vertical: true),
    ]
    var crossed: [Int] = []
    for k in 0..<4 {
      let p = c[k], q = c[(k + 1) % 4]
      guard (p.2 >= level) != (q.2 >= level) else { continue }
      let t = (level - p.2) / (q.2 - p.2)
      points[edgeKeys[k]] = map(p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1))
      crossed.append(k)
    }
    if crossed.count == 2 {
      segments.append((edgeKeys[crossed[0]], edgeKeys[crossed[1]]))
    } else if crossed.count == 4 {
      // Saddle cell: the centre value decides which corners connect.
      let centre = c.map(\.2).reduce(0, +) / 4
      let c0High = c[0].2 >= level
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
