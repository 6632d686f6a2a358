import Foundation
import MathCore

/// Points where ∇f = 0 inside a box, found by damped Newton from a deterministic spread of starts.
///
/// Design note: Newton on ∇f = 0 (not on f) converges to minima, maxima and saddles
/// alike, which is what a map of critical points needs; minimisation would only find
/// minima. The step is −H⁺g with the pseudo-inverse from the eigen-decomposition, so
/// singular Hessians (valleys of minima, monkey saddles) do not break it, and a
/// backtracking line search on ½‖∇f‖² keeps it from wandering. Rejected: random starts
/// (results would change between runs) and gradient descent (finds minima only).
public struct CriticalPointSearch: Sendable {
  /// Isolated critical points, sorted by value, each analysed.
  public var points: [PointAnalysis]
  /// Degenerate points that come in families (at least `familyThreshold` distinct points
  /// with the same value and the same number of zero eigenvalues), reported once each.
  public var families: [Family]
  /// How many starts were run.
  public var starts: Int

  /// A non-isolated set of critical points (such as the valley w1·w2 = 1).
  public struct Family: Sendable {
    /// The member found nearest to the box's centre.
    public var representative: PointAnalysis
    /// Distinct members found.
    public var count: Int
    /// Per coordinate, the smallest and largest value among the members found.
    public var extent: [(Double, Double)]
  }

  /// Three distinct degenerate points with one value make a family rather than a list.
  public static let familyThreshold = 3

  /// The most starts a search may use (each costs a few Newton iterations).
  public static let maximumStarts = 100_000

  @usableFromInline
  init(points: [PointAnalysis], families: [Family], starts: Int) {
    self.points = points
    self.families = families
    self.starts = starts
  }

  /// Searches `box` (one closed interval per parameter). `shouldStop` is polled between starts.
  /// `startsPerAxis` overrides the default grid (its total, startsPerAxis^dimension, must
  /// be at most `maximumStarts`).
  @inlinable
  public static func run<F: ScalarFunction>(
    _ f: F, in box: [(Double, Double)], startsPerAxis: Int? = nil,
    shouldStop: () -> Bool = { false }
  ) -> CriticalPointSearch {
    let starts = startPoints(box, perAxis: startsPerAxis)
    let diameter = 2 * Vector(box.map { SafeArithmetic.halfWidth($0.0, $0.1) }).norm
    let sameTolerance = 1e-6 * Swift.max(1, diameter)
    let outer = widened(box)
    var found: [PointAnalysis] = []
    for start in starts {
      if shouldStop() { break }
      guard let p = newton(f, from: start, within: outer), p.kind != .notCritical, inside(p.point, box)
      else { continue }
      if !found.contains(where: { distance($0.point, p.point) <= sameTolerance }) {
        found.append(p)
      }
    }
    let centre = box.map { SafeArithmetic.midpoint($0.0, $0.1) }
    var result = CriticalPointSearch(points: [], families: [], starts: starts.count)
    result.group(found, centre: centre)
    return result
  }

  /// Splits points into isolated ones and families of degenerate points with equal values.
  @usableFromInline
  mutating func group(_ found: [PointAnalysis], centre: [Double]) {
    var remaining = found
    while let p = remaining.first {
      let members = remaining.filter { q in
        q.kind == .degenerate && p.kind == .degenerate && q.zeroCount == p.zeroCount
          && Swift.abs(q.value - p.value) <= 1e-9 * Swift.max(1, Swift.abs(p.value))
      }
      if members.count >= Self.familyThreshold {
        let rep = members.min { Self.distance($0.point, centre) < Self.distance($1.point, centre) }!
        let extent = p.point.indices.map { i in
          (members.map { $0.point[i] }.min()!, members.map { $0.point[i] }.max()!)
        }
        families.append(Family(representative: rep, count: members.count, extent: extent))
        remaining.removeAll { q in members.contains { $0.point == q.point } }
      } else {
        points.append(p)
        remaining.removeFirst()
      }
    }
    points.sort { $0.value < $1.value }
    families.sort { $0.representative.value < $1.representative.value }
  }

  /// A grid of cell centres with about 144 points in 2-D (12 per axis), 41 in 1-D and
  /// at most about 400 in higher dimensions (at least 2 per axis up to 8 dimensions;
  /// beyond that a Halton sequence of 400 points).
  @usableFromInline
  static func startPoints(_ box: [(Double, Double)], perAxis requested: Int? = nil) -> [[Double]] {
    let d = box.count
    if d > 8, requested == nil { return halton(box, count: 400) }
    let perAxis =
      requested
      ?? (d == 1 ? 41 : d == 2 ? 12 : Swift.max(2, Int(Foundation.pow(400.0, 1 / Double(d)))))
    var points: [[Double]] = [[]]
    for (lo, hi) in box {
      let step = (hi - lo) / Double(perAxis)
      let axis = (0..<perAxis).map { lo + (Double($0) + 0.5) * step }
      points = points.flatMap { p in axis.map { p + [$0] } }
    }
    return points
  }

  /// The first `count` points of the Halton sequence (bases 2, 3, 5, …) scaled into the box.
  static func halton(_ box: [(Double, Double)], count: Int) -> [[Double]] {
    let primes = [
      2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
      97,
    ]
    return (1...count).map { k in
      box.enumerated().map { i, range in
        let base = primes[i % primes.count]
        var f = 1.0
        var r = 0.0
        var m = k
        while m > 0 {
          f /= Double(base)
          r += f * Double(m % base)
          m /= base
        }
        return range.0 + r * (range.1 - range.0)
      }
    }
  }

  /// The box widened by half its size on each side (clamped to finite numbers): a Newton
  /// run that leaves it would not end inside the box.
  @usableFromInline
  static func widened(_ box: [(Double, Double)]) -> [(Double, Double)] {
    box.map { r in
      let half = SafeArithmetic.halfWidth(r.0, r.1)
      return (Swift.max(r.0 - half, -.greatestFiniteMagnitude), Swift.min(r.1 + half, .greatestFiniteMagnitude))
    }
  }

  /// Damped Newton on ∇f = 0 from `start`; the analysis of where it stopped, or nil if it
  /// reached an undefined point or left `outer` (the search box `widened`, computed once per
  /// search rather than per start).
  @inlinable
  static func newton<F: ScalarFunction>(_ f: F, from start: [Double], within outer: [(Double, Double)])
    -> PointAnalysis?
  {
    var x = start
    for _ in 0..<60 {
      let d = Derivatives.hessian(f, at: x)
      let merit = Vector(d.gradient).norm
      guard merit.isFinite, d.hessian.allSatisfy(\.isFinite) else { return nil }
      guard let step = pseudoNewtonStep(d), let next = lineSearch(f, x, step, merit) else { break }
      let moved = distance(next, x)
      x = next
      if !inside(x, outer) { return nil }
      // The largest |xᵢ| (0 for no coordinates), without an array per step.
      if moved <= 1e-15 * (1 + x.reduce(0) { Swift.max($0, Swift.abs($1)) }) { break }
    }
    return try? PointAnalysis.analyze(f, at: snapped(f, x))
  }

  /// `x` with coordinates below 1e-12 set to exactly 0 when that does not make ‖∇f‖ larger,
  /// so a saddle at the origin shows as [0, 0] rather than [5.6e-45, 1.4e-45].
  @inlinable
  static func snapped<F: ScalarFunction>(_ f: F, _ x: [Double]) -> [Double] {
    let candidate = x.map { Swift.abs($0) < 1e-12 ? 0 : $0 }
    guard candidate != x else { return x }
    let norm = { (p: [Double]) in Vector(Derivatives.gradient(f, at: p).gradient).norm }
    return norm(candidate) <= norm(x) ? candidate : x
  }

  /// −H⁺g, dropping eigen-directions whose eigenvalue is below 1e-12 · max |λ|.
  @usableFromInline
  static func pseudoNewtonStep(_ d: SecondOrder) -> [Double]? {
    let n = d.gradient.count
    guard let eigen = try? DenseLinearAlgebra.symmetricEigen(d.hessian, n: n) else { return nil }
    let cutoff = 1e-12 * eigen.values.reduce(0) { Swift.max($0, Swift.abs($1)) }
    var step = [Double](repeating: 0, count: n)
    for k in 0..<n where Swift.abs(eigen.values[k]) > cutoff {
      var projection = 0.0
      for i in 0..<n { projection += eigen.vectors[i * n + k] * d.gradient[i] }
      let scale = -projection / eigen.values[k]
      for i in 0..<n { step[i] += scale * eigen.vectors[i * n + k] }
    }
    return step
  }

  /// Halves the step until ‖∇f‖ (scaled, so it does not overflow) decreases; nil when no step of length ≥ 2⁻³⁰ helps.
  @inlinable
  static func lineSearch<F: ScalarFunction>(
    _ f: F, _ x: [Double], _ step: [Double], _ merit: Double
  ) -> [Double]? {
    var t = 1.0
    for _ in 0..<30 {
      let trial = zip(x, step).map { $0 + t * $1 }
      let g = Derivatives.gradient(f, at: trial).gradient
      let m = Vector(g).norm
      if m.isFinite, m < merit { return trial }
      t /= 2
    }
    return nil
  }

  @usableFromInline
  static func inside(_ x: [Double], _ box: [(Double, Double)]) -> Bool {
    zip(x, box).allSatisfy { v, r in
      let slack = 1e-9 * Swift.max(1, 2 * SafeArithmetic.halfWidth(r.0, r.1))
      return v >= r.0 - slack && v <= r.1 + slack
    }
  }

  @usableFromInline
  static func distance(_ a: [Double], _ b: [Double]) -> Double {
    SafeArithmetic.distance(a, b)
  }
}
