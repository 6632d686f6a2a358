import Foundation
import Raster

/// Cleans one line point by point, without an allocation per point: non-finite points cut
/// it (gaps), segments are clipped to a box, and each piece is simplified as it grows.
///
/// Long lines (`Simplification.runs`) use matplotlib's idea (its `path.simplify`): a run of
/// segments merges while every point stays within the tolerance of the run's direction, and
/// keeps only the run's farthest points forward and backward plus its last point, so a dense
/// noisy line (10⁶ points) becomes a few vertices per pixel column with the same extent.
/// Short lines keep the exact cone simplification (`PathCleaning.simplify`).
struct LineCleaner {
  enum Simplification {
    /// Every clipped point is kept.
    case none
    /// Exact: merged points lie within the tolerance of the chord replacing them.
    case cone
    /// Runs within the tolerance of their direction, streaming (for long lines).
    case runs
  }

  /// matplotlib simplifies paths of at least this many vertices (`Path.should_simplify`).
  static let runsFrom = 128

  let clip: PlotRect
  let mode: Simplification
  private(set) var pieces: [[Point]] = []
  private var current: [Point] = []
  private var runs: RunSimplifier?
  private var previous: Point?
  private var lastAdded: Point?

  init(clip: PlotRect, mode: Simplification) {
    (self.clip, self.mode) = (clip, mode)
  }

  /// Feeds the next point of the line.
  mutating func add(_ p: Point) {
    guard p.isFinite else {
      endPiece()
      previous = nil
      return
    }
    defer { previous = p }
    guard let a = previous else { return }
    guard let (c0, c1) = PathCleaning.clipSegment(a, p, to: clip) else {
      endPiece()
      return
    }
    if lastAdded != c0 {
      endPiece()
      begin(c0)
    }
    append(c1)
    if c1 != p { endPiece() }
  }

  /// The pieces (each ≥ 2 points); a lone finite point between gaps draws nothing.
  mutating func finish() -> [[Point]] {
    endPiece()
    return pieces
  }

  private mutating func begin(_ p: Point) {
    lastAdded = p
    if mode == .runs { runs = RunSimplifier(start: p) } else { current = [p] }
  }

  private mutating func append(_ p: Point) {
    lastAdded = p
    if mode == .runs { runs?.add(p) } else { current.append(p) }
  }

  private mutating func endPiece() {
    lastAdded = nil
    if let r = runs {
      let out = r.finish()
      if out.count >= 2 { pieces.append(out) }
      runs = nil
    } else if current.count >= 2 {
      pieces.append(mode == .cone ? PathCleaning.simplify(current) : current)
    }
    current = []
  }
}

/// Streaming run simplification: see `LineCleaner`. Each run starts at the last point kept
/// and takes its direction from the next distinct point; a point joins the run while its
/// perpendicular distance from that direction is below the tolerance. A run emits its
/// farthest point forward and (if it went back past its start) backward, in the order they
/// were reached, then its last point, so the drawn path covers what the points covered.
struct RunSimplifier {
  let tolerance: Double
  private(set) var output: [Point]
  private var origin: Point
  private var ux = 0.0, uy = 0.0
  private var inRun = false
  private var forward: Point, forwardAlong = 0.0, forwardIndex = 0
  private var backward: Point?, backwardAlong = 0.0, backwardIndex = 0
  private var last: Point, lastIndex = 0

  init(start p: Point, tolerance: Double = PathCleaning.simplifyTolerance) {
    self.tolerance = tolerance
    (output, origin, forward, last) = ([p], p, p, p)
  }

  /// Hot loop: one cross and one dot product per point.
  mutating func add(_ q: Point) {
    lastIndex += 1
    if inRun {
      let (vx, vy) = (q.x - origin.x, q.y - origin.y)
      if abs(ux * vy - uy * vx) < tolerance {
        let along = ux * vx + uy * vy
        if along > forwardAlong {
          (forward, forwardAlong, forwardIndex) = (q, along, lastIndex)
        } else if along < backwardAlong {
          (backward, backwardAlong, backwardIndex) = (q, along, lastIndex)
        }
        last = q
        return
      }
      endRun()
    }
    let (dx, dy) = (q.x - origin.x, q.y - origin.y)
    let d = (dx * dx + dy * dy).squareRoot()
    guard d > 0, d.isFinite else { return }  // a repeat of the start gives no direction yet
    (ux, uy, inRun) = (dx / d, dy / d, true)
    (forward, forwardAlong, forwardIndex) = (q, d, lastIndex)
    (backward, backwardAlong) = (nil, 0)
    last = q
  }

  private mutating func endRun() {
    guard inRun else { return }
    inRun = false
    if let b = backward, backwardIndex < forwardIndex { output.append(b) }
    output.append(forward)
    if let b = backward, backwardIndex > forwardIndex { output.append(b) }
    if last != output[output.count - 1] { output.append(last) }
    origin = last
  }

  /// The simplified piece.
  func finish() -> [Point] {
    var copy = self
    copy.endRun()
    return copy.output
  }
}
