import Foundation
import MathCore

/// What every synthetic set takes: size, noise and the seed that fixes every random draw.
public struct SyntheticOptions: Sendable {
  /// The number of examples.
  public var count: Int
  /// Standard deviation of Gaussian noise added to each feature (to y for `curve`).
  public var noise: Double
  /// Fraction of labels replaced by a uniformly drawn *different* class, in [0, 1].
  public var labelNoise: Double
  /// The seed: the same seed gives the same set on every run and machine.
  public var seed: UInt64

  public init(count: Int, noise: Double = 0, labelNoise: Double = 0, seed: UInt64 = 0) {
    self.count = count
    self.noise = noise
    self.labelNoise = labelNoise
    self.seed = seed
  }

  /// Throws when a value is unusable (count < `minimum`, negative or non-finite noise…).
  func check(minimum: Int = 1) throws {
    guard count >= minimum else { throw DatasetError.badOption("n must be at least \(minimum), got \(count)") }
    guard count <= 10_000_000 else { throw DatasetError.badOption("n must be at most 10,000,000, got \(count)") }
    guard noise.isFinite, noise >= 0 else {
      throw DatasetError.badOption("noise must be a finite number ≥ 0, got \(noise)")
    }
    guard labelNoise >= 0, labelNoise <= 1 else {
      throw DatasetError.badOption("label_noise must be a fraction in [0, 1], got \(labelNoise)")
    }
  }
}

extension Dataset {
  /// Two interleaving half circles (scikit-learn's `make_moons` geometry): class 0 on
  /// (cos t, sin t), class 1 on (1 − cos t, 1/2 − sin t), t evenly spaced in [0, π];
  /// examples shuffled.
  public static func twoMoons(_ options: SyntheticOptions) throws -> Dataset {
    try options.check(minimum: 2)
    let outer = options.count / 2
    var points = [(Double, Double, Int)]()
    for (k, n) in [(0, outer), (1, options.count - outer)] {
      for i in 0..<n {
        let t = n == 1 ? 0 : Double.pi * Double(i) / Double(n - 1)
        points.append(k == 0 ? (cos(t), sin(t), 0) : (1 - cos(t), 0.5 - sin(t), 1))
      }
    }
    return synthesized("two_moons", points, classes: 2, options)
  }

  /// `classes` interleaved spiral arms: arm k at radius r ∈ (0, 1] has angle
  /// 2πk/classes + 3πr (one and a half turns).
  public static func spirals(_ options: SyntheticOptions, classes: Int = 2) throws -> Dataset {
    try options.check(minimum: classes)
    try checkClasses(classes)
    var points = [(Double, Double, Int)]()
    for k in 0..<classes {
      let n = share(options.count, of: classes, part: k)
      for i in 0..<n {
        let r = Double(i + 1) / Double(n)
        let angle = 2 * Double.pi * Double(k) / Double(classes) + 3 * Double.pi * r
        points.append((r * cos(angle), r * sin(angle), k))
      }
    }
    return synthesized("spirals", points, classes: classes, options)
  }

  /// Gaussian blobs: `classes` centres drawn uniformly in [−10, 10]², each example its
  /// centre plus N(0, σ²) with σ = `noise` (1 when `noise` is 0, scikit-learn's default).
  public static func blobs(_ options: SyntheticOptions, classes: Int = 3) throws -> Dataset {
    try options.check(minimum: classes)
    try checkClasses(classes)
    var rng = SeededGenerator(seed: options.seed ^ 0xB10B)
    let centres = (0..<classes).map { _ in (20 * rng.nextUniform() - 10, 20 * rng.nextUniform() - 10) }
    var spread = options
    spread.noise = options.noise == 0 ? 1 : options.noise
    var points = [(Double, Double, Int)]()
    for k in 0..<classes {
      for _ in 0..<share(options.count, of: classes, part: k) { points.append((centres[k].0, centres[k].1, k)) }
    }
    return synthesized("blobs", points, classes: classes, spread)
  }

  /// XOR: points uniform in [−1, 1]², class 1 where the signs of x₁ and x₂ differ.
  public static func xor(_ options: SyntheticOptions) throws -> Dataset {
    try options.check()
    var rng = SeededGenerator(seed: options.seed ^ 0x0A0B)
    let points = (0..<options.count).map { _ -> (Double, Double, Int) in
      let x = 2 * rng.nextUniform() - 1
      let y = 2 * rng.nextUniform() - 1
      return (x, y, (x > 0) != (y > 0) ? 1 : 0)
    }
    return synthesized("xor", points, classes: 2, options)
  }

  /// A 1-D regression set: n evenly spaced x in `range` (both ends included) and
  /// y = f(x) + N(0, noise²). `label_noise` does not apply (there are no labels).
  public static func curve(
    _ options: SyntheticOptions, range: ClosedRange<Double>, name: String = "curve", _ f: (Double) -> Double
  ) throws -> Dataset {
    try options.check()
    guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
      throw DatasetError.badOption("the x range must be finite with low < high, got \(range)")
    }
    guard options.labelNoise == 0 else {
      throw DatasetError.badOption("label_noise applies to classes; a curve has real targets (use noise:)")
    }
    var rng = SeededGenerator(seed: options.seed)
    let xs = Vector.linspace(range.lowerBound, range.upperBound, count: options.count).elements
    let ys = xs.map { f($0) + (options.noise > 0 ? options.noise * rng.nextNormal() : 0) }
    if let bad = ys.firstIndex(where: { !$0.isFinite }) {
      throw DatasetError.badOption("the curve is \(ys[bad]) at x = \(xs[bad]); targets must be finite")
    }
    return Dataset(name: name, featureCount: 1, storage: .float64(xs), targets: .regression(ys))
  }

  private static func checkClasses(_ classes: Int) throws {
    guard classes >= 2 else { throw DatasetError.badOption("classes must be at least 2, got \(classes)") }
  }

  /// How many of `n` examples go to `part` when split as evenly as possible in `parts`.
  private static func share(_ n: Int, of parts: Int, part: Int) -> Int {
    n / parts + (part < n % parts ? 1 : 0)
  }

  /// A 2-D classification set from clean points: shuffled, feature noise and label noise added.
  private static func synthesized(
    _ name: String, _ points: [(Double, Double, Int)], classes: Int, _ options: SyntheticOptions
  ) -> Dataset {
    var rng = SeededGenerator(seed: options.seed)
    // Label noise draws from its own stream, so the features do not depend on it.
    var flips = SeededGenerator(seed: options.seed ^ 0x1ABE1)
    var order = Array(points.indices)
    rng.permute(&order)
    var features = [Double]()
    var labels = [Int]()
    features.reserveCapacity(2 * points.count)
    for i in order {
      let (x, y, k) = points[i]
      features.append(x + (options.noise > 0 ? options.noise * rng.nextNormal() : 0))
      features.append(y + (options.noise > 0 ? options.noise * rng.nextNormal() : 0))
      var label = k
      if options.labelNoise > 0, flips.nextUniform() < options.labelNoise {
        label = (k + 1 + flips.below(classes - 1)) % classes
      }
      labels.append(label)
    }
    return Dataset(
      name: name, featureCount: 2, storage: .float64(features), targets: .classes(labels: labels, classCount: classes))
  }
}
