/// A dense vector of doubles: the value of `[1, 2]`, a point in parameter space, a gradient.
public struct Vector: Sendable, Equatable {
  /// The components, in order.
  public var elements: [Double]

  public init(_ elements: [Double]) { self.elements = elements }

  /// A vector of `count` copies of `value`.
  public init(repeating value: Double, count: Int) {
    elements = Array(repeating: value, count: count)
  }

  public var count: Int { elements.count }

  public subscript(index: Int) -> Double {
    get { elements[index] }
    set { elements[index] = newValue }
  }

  /// Applies `transform` to every component.
  public func map(_ transform: (Double) -> Double) -> Vector {
    Vector(elements.map(transform))
  }

  /// Combines two vectors of equal length component by component.
  public func zip(_ other: Vector, _ combine: (Double, Double) -> Double) -> Vector {
    precondition(count == other.count, "Vector.zip needs equal lengths")
    var out = [Double](repeating: 0, count: count)
    for i in 0..<count { out[i] = combine(elements[i], other.elements[i]) }
    return Vector(out)
  }

  /// The inner product Σ aᵢbᵢ (lengths must agree).
  public func dot(_ other: Vector) -> Double {
    precondition(count == other.count, "Vector.dot needs equal lengths")
    var s = 0.0
    for i in 0..<count { s += elements[i] * other.elements[i] }
    return s
  }

  /// The Euclidean length √(Σ xᵢ²).
  public var norm: Double { dot(self).squareRoot() }

  /// `count` evenly spaced values from `start` to `stop`, both included (numpy's `linspace`).
  public static func linspace(_ start: Double, _ stop: Double, count: Int) -> Vector {
    if count <= 0 { return Vector([]) }
    if count == 1 { return Vector([start]) }
    let step = (stop - start) / Double(count - 1)
    var out = (0..<count).map { start + Double($0) * step }
    out[count - 1] = stop
    return Vector(out)
  }
}
