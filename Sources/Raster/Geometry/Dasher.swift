/// Cuts polylines into dashes along their length.
enum Dasher {
  /// Above this many dashes for one polyline the pattern is invisible anyway; draw solid.
  static let maxDashes = 1_000_000

  /// The "on" pieces of `line` for alternating on/off `pattern` (even count, positive sum),
  /// starting `offset` into the pattern. Closed polylines include their closing segment.
  static func dash(_ line: Polyline, pattern: [Double], offset: Double) -> [Polyline] {
    var pts = line.points
    if line.closed, let first = pts.first { pts.append(first) }
    let total = pattern.reduce(0, +)
    var length = 0.0
    for i in 1..<pts.count { length += (pts[i] - pts[i - 1]).length }
    guard length / total < Double(maxDashes) else { return [Polyline(points: pts, closed: false)] }
    var (index, remaining) = start(pattern: pattern, total: total, offset: offset)
    var out: [Polyline] = []
    var current: [Point] = index % 2 == 0 ? [pts[0]] : []
    for i in 1..<pts.count {
      let (a, b) = (pts[i - 1], pts[i])
      let segment = (b - a).length
      var pos = 0.0
      while segment - pos > remaining {
        pos += remaining
        let q = a + (b - a) * (pos / segment)
        if index % 2 == 0 {
          current.append(q)
          out.append(Polyline(points: current, closed: false))
          current = []
        } else {
          current = [q]
        }
        index = (index + 1) % pattern.count
        remaining = pattern[index]
      }
      remaining -= segment - pos
      if index % 2 == 0 { current.append(b) }
    }
    if index % 2 == 0 && current.count >= 2 { out.append(Polyline(points: current, closed: false)) }
    return out
  }

  /// The pattern entry and the length left in it at distance `offset` into the pattern.
  private static func start(pattern: [Double], total: Double, offset: Double) -> (Int, Double) {
    var index = 0
    var remaining = pattern[0]
    var phase = offset.truncatingRemainder(dividingBy: total)
    if phase < 0 { phase += total }
    while phase > 0 {
      if phase >= remaining {
        phase -= remaining
        index = (index + 1) % pattern.count
        remaining = pattern[index]
      } else {
        remaining -= phase
        phase = 0
      }
    }
    return (index, remaining)
  }
}
