import MathCore

/// What kind of targets `Dataset.make` builds from a vector.
public enum TargetKind: Sendable {
  /// Class labels when every target is a whole number ≥ 0, real targets otherwise.
  case automatic
  /// Class labels 0, 1, …; anything else is an error.
  case classes
  /// Real-valued targets (regression).
  case regression
}

/// A per-feature affine map x ↦ (x − mean) / std, learnt on one set and applied to others.
public struct Standardization: Sendable, Equatable {
  /// The mean of each feature on the set it was learnt from.
  public let means: [Double]
  /// The standard deviation of each feature (population, as scikit-learn); 1 where it is 0.
  public let deviations: [Double]
}

extension Dataset {
  /// A data set from an N×D matrix and N targets (`dataset(X, y)`).
  public static func make(
    features: Matrix, targets: Vector, kind: TargetKind = .automatic, name: String = "dataset"
  ) throws -> Dataset {
    guard features.rows == targets.count else {
      throw DatasetError.shapeMismatch(
        "X has \(features.rows) rows (examples) but y has \(targets.count) entries; they must agree")
    }
    guard features.rows > 0, features.columns > 0 else {
      throw DatasetError.shapeMismatch(
        "a data set needs at least one example and one feature, X is \(features.rows)×\(features.columns)")
    }
    if let bad = features.elements.firstIndex(where: { !$0.isFinite }) {
      throw DatasetError.shapeMismatch(
        "X[\(bad / features.columns), \(bad % features.columns)] is \(features.elements[bad]); features must be finite")
    }
    return Dataset(
      name: name, featureCount: features.columns, storage: .float64(features.elements),
      targets: try makeTargets(targets.elements, kind: kind))
  }

  /// Targets from numbers: labels need whole numbers in 0…1,000,000.
  static func makeTargets(_ values: [Double], kind: TargetKind) throws -> Targets {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw DatasetError.shapeMismatch("y[\(bad)] is \(values[bad]); targets must be finite")
    }
    let whole = values.allSatisfy { $0 >= 0 && $0 <= 1_000_000 && $0.rounded() == $0 }
    switch kind {
    case .regression: return .regression(values)
    case .automatic where !whole: return .regression(values)
    case .classes where !whole:
      let bad = values.firstIndex { !($0 >= 0 && $0 <= 1_000_000 && $0.rounded() == $0) } ?? 0
      throw DatasetError.shapeMismatch("y[\(bad)] = \(values[bad]) is not a class label (a whole number ≥ 0)")
    default:
      let labels = values.map { Int($0) }
      return .classes(labels: labels, classCount: (labels.max() ?? 0) + 1)
    }
  }

  /// The examples at `indices`, in that order (indices must be valid).
  func subset(_ indices: [Int], name: String) -> Dataset {
    Dataset(
      name: name, featureCount: featureCount, storage: storage.gatheredRows(indices, width: featureCount),
      targets: targets.gathered(indices), imageShape: imageShape, classNames: classNames)
  }

  /// The first `n` examples (`first(data, n)`).
  public func first(_ n: Int) throws -> Dataset {
    guard n >= 1, n <= count else { throw DatasetError.badSubset(name: "first", requested: n, available: count) }
    return subset(Array(0..<n), name: name)
  }

  /// A seeded random split into a training part and a test part holding round(fraction·N)
  /// examples (`split(data, test: 0.2, seed:)`); both parts keep the original order.
  public func split(testFraction: Double, seed: UInt64) throws -> (train: Dataset, test: Dataset) {
    guard testFraction > 0, testFraction < 1 else {
      throw DatasetError.badOption("test must be a fraction strictly between 0 and 1, got \(testFraction)")
    }
    let testCount = Int((testFraction * Double(count)).rounded())
    guard testCount >= 1, testCount < count else {
      throw DatasetError.badOption(
        "a test fraction of \(testFraction) of \(count) examples leaves one part empty")
    }
    var rng = SeededGenerator(seed: seed)
    var order = Array(0..<count)
    rng.permute(&order)
    let testIndices = order[0..<testCount].sorted()
    let trainIndices = order[testCount...].sorted()
    return (subset(trainIndices, name: name + " (train)"), subset(testIndices, name: name + " (test)"))
  }

  /// The mean and standard deviation of each feature over this set.
  public var standardization: Standardization {
    let x = features(as: Double.self)
    var means = [Double](repeating: 0, count: featureCount)
    var deviations = [Double](repeating: 0, count: featureCount)
    for i in 0..<count { for j in 0..<featureCount { means[j] += x[i * featureCount + j] } }
    for j in 0..<featureCount { means[j] /= Double(count) }
    for i in 0..<count {
      for j in 0..<featureCount {
        let d = x[i * featureCount + j] - means[j]
        deviations[j] += d * d
      }
    }
    for j in 0..<featureCount {
      let s = (deviations[j] / Double(count)).squareRoot()
      deviations[j] = s > 0 ? s : 1
    }
    return Standardization(means: means, deviations: deviations)
  }

  /// Features mapped by `transform` (its own statistics when nil), as `Float64`.
  public func standardized(using transform: Standardization? = nil) throws -> Dataset {
    let t = transform ?? standardization
    guard t.means.count == featureCount else {
      throw DatasetError.shapeMismatch(
        "the standardization was learnt on \(t.means.count) features, this set has \(featureCount)")
    }
    var x = features(as: Double.self)
    for i in 0..<count {
      for j in 0..<featureCount { x[i * featureCount + j] = (x[i * featureCount + j] - t.means[j]) / t.deviations[j] }
    }
    return Dataset(
      name: name, featureCount: featureCount, storage: .float64(x), targets: targets,
      imageShape: imageShape, classNames: classNames)
  }
}
