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

  /// The Euclidean length √(Σ xᵢ²), without overflow or underflow in between and
  /// correctly rounded in all but rare ties.
  ///
  /// Like BLAS `dnrm2` and Python's `math.hypot`, the squares are summed on the vector
  /// scaled by a power of two that puts the largest magnitude in [1, 2), so
  /// `norm([3e200, 4e200])` is 5e200, not ∞, and `norm([3e-200, 4e-200])` is 5e-200, not 0
  /// (powers of two scale exactly). Each square's rounding error (from `fma`) and the sum's
  /// (Neumaier) are carried along, and one Newton step corrects the square root, so
  /// Pythagorean triples come out exact at any scale. NaN anywhere gives NaN; otherwise ∞
  /// anywhere gives ∞.
  public var norm: Double { elements.withUnsafeBufferPointer { Vector.norm(of: $0) } }

  /// `norm` of any run of doubles (`SafeArithmetic.distance` passes a stack buffer, so the
  /// critical-point search measures steps without allocating).
  static func norm(of values: UnsafeBufferPointer<Double>) -> Double {
    var largest = 0.0
    var sawNaN = false
    for x in values {
      if x.isNaN { sawNaN = true }
      largest = Swift.max(largest, x.magnitude)
    }
    if sawNaN { return .nan }
    guard largest > 0, largest.isFinite else { return largest }
    // Tiny vectors are scaled up by at most 2^1000 (2^1074 itself would overflow).
    // The exponent of a normal `largest` from its bits (it is positive, so no sign bit);
    // subnormals take `exponent`, a call.
    let biased = Int(largest.bitPattern >> 52)
    let e = Swift.max(biased > 0 ? biased - 1023 : Int(largest.exponent), -1000)
    let scale = powerOfTwo(-e)
    var (high, low) = (0.0, 0.0)
    for x in values {
      let y = x * scale
      let square = y * y
      low += (-square).addingProduct(y, y)  // the square's rounding error, exactly
      let sum = high + square
      low += high.magnitude >= square ? (high - sum) + square : (square - sum) + high
      high = sum
    }
    var root = (high + low).squareRoot()
    // Newton step on the exact residual (high + low) − root².
    let exactResidual = high.addingProduct(-root, root) + low
    root += exactResidual / (2 * root)
    // root ≥ 1 (the largest scaled square is), so for |e| ≤ 1000 the product is normal and
    // exact: the same double as `Double(sign:exponent:significand:)`, without its call.
    return abs(e) <= 1000 ? root * powerOfTwo(e) : Double(sign: .plus, exponent: e, significand: root)
  }

  /// 2^k exactly; built from its bits while 2^k is a normal double (the norm's scale factors).
  @inline(__always)
  private static func powerOfTwo(_ k: Int) -> Double {
    guard k >= -1022, k <= 1023 else {  // the exponents of normal doubles
      return Double(sign: .plus, exponent: k, significand: 1)
    }
    return Double(bitPattern: UInt64(k + 1023) << 52)
  }

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
