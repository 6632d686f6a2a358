import MathCore

/// A supervised data set: N examples of D features and one target each.
///
/// Features are stored once, in the precision they came in: images from IDX files as
/// `Float32` (pixel / 255, as torchvision's `ToTensor` gives them, at half the memory of
/// doubles), synthetic and user data as `Float64` (exact). `features(as:)` hands out either
/// precision, converting only when the stored one differs, so training runs in `Float32`
/// and exact work (gradient checks, Hessians) in `Float64` from the same value.
public struct Dataset: Sendable {
  /// A short name shown in summaries: "fashion-mnist train", "two_moons".
  public var name: String
  /// N, the number of examples.
  public let count: Int
  /// D, the number of features per example.
  public let featureCount: Int
  /// The features, N×D row-major, in their stored precision.
  public let storage: FeatureStorage
  /// Class labels or regression targets, one per example.
  public let targets: Targets
  /// Rows × columns of each example when the features are an image (row-major pixels).
  public let imageShape: ImageShape?
  /// Names of the classes, when known ("T-shirt/top", …); index = label.
  public let classNames: [String]?

  /// A data set from parts; callers check the shapes (`make` does it for user input).
  init(
    name: String, featureCount: Int, storage: FeatureStorage, targets: Targets,
    imageShape: ImageShape? = nil, classNames: [String]? = nil
  ) {
    precondition(storage.count == targets.count * featureCount, "Dataset storage size mismatch")
    self.name = name
    self.count = targets.count
    self.featureCount = featureCount
    self.storage = storage
    self.targets = targets
    self.imageShape = imageShape
    self.classNames = classNames
  }

  /// The number of classes, or nil for a regression set.
  public var classCount: Int? {
    if case .classes(_, let k) = targets { return k }
    return nil
  }

  /// The features N×D in the requested precision (no copy when it is the stored one).
  public func features<T: NetScalar>(as type: T.Type) -> [T] {
    storage.elements(as: type)
  }

  /// The features as a `Float64` matrix (N rows, D columns): `data.X`.
  public var featureMatrix: Matrix {
    Matrix(rows: count, columns: featureCount, elements: storage.elements(as: Double.self))
  }

  /// The targets as a vector of doubles (labels as 0, 1, …): `data.y`.
  public var targetVector: Vector {
    switch targets {
    case .classes(let labels, _): return Vector(labels.map(Double.init))
    case .regression(let values): return Vector(values)
    }
  }

  /// Examples per class, index = label (nil for regression).
  public var classCounts: [Int]? {
    guard case .classes(let labels, let k) = targets else { return nil }
    var counts = [Int](repeating: 0, count: k)
    for label in labels { counts[label] += 1 }
    return counts
  }
}

/// The height and width of an image example, in pixels.
public struct ImageShape: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
  }
}

/// What a data set predicts: class labels in 0..<classCount, or real numbers.
public enum Targets: Sendable, Equatable {
  case classes(labels: [Int], classCount: Int)
  case regression([Double])

  /// The number of examples.
  public var count: Int {
    switch self {
    case .classes(let labels, _): return labels.count
    case .regression(let values): return values.count
    }
  }

  /// The targets of the examples at `indices`, in that order.
  func gathered(_ indices: [Int]) -> Targets {
    switch self {
    case .classes(let labels, let k): return .classes(labels: indices.map { labels[$0] }, classCount: k)
    case .regression(let values): return .regression(indices.map { values[$0] })
    }
  }
}

/// Row-major features in the precision they were made in.
public enum FeatureStorage: Sendable {
  case float32([Float])
  case float64([Double])

  /// The number of stored numbers (N·D).
  public var count: Int {
    switch self {
    case .float32(let a): return a.count
    case .float64(let a): return a.count
    }
  }

  /// The elements in precision `T`: the stored array itself when it already is `[T]`.
  func elements<T: NetScalar>(as type: T.Type) -> [T] {
    switch self {
    case .float32(let a):
      if let same = a as? [T] { return same }
      return a.map { T($0) }
    case .float64(let a):
      if let same = a as? [T] { return same }
      return a.map { T($0) }
    }
  }

  /// The rows at `indices` (each `width` numbers long), in that order, same precision.
  func gatheredRows(_ indices: [Int], width: Int) -> FeatureStorage {
    func gather<T>(_ a: [T]) -> [T] {
      var out = [T]()
      out.reserveCapacity(indices.count * width)
      for i in indices { out.append(contentsOf: a[(i * width)..<((i + 1) * width)]) }
      return out
    }
    switch self {
    case .float32(let a): return .float32(gather(a))
    case .float64(let a): return .float64(gather(a))
    }
  }
}
