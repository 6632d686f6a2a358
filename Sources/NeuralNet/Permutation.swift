import MathCore

extension SeededGenerator {
  /// A uniformly random permutation of 0..<n (Fisher–Yates, written here rather than the
  /// standard library's `shuffle` so the order for a seed never changes with the toolchain).
  mutating func permutation(_ n: Int) -> [Int] {
    var order = Array(0..<n)
    permute(&order)
    return order
  }

  /// Shuffles `values` in place (Fisher–Yates with Lemire's unbiased bounded draws).
  mutating func permute<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(i, below(i + 1))
    }
  }

  /// A uniform integer in 0..<bound (bound ≥ 1), without modulo bias.
  mutating func below(_ bound: Int) -> Int {
    let b = UInt64(bound)
    var product = next().multipliedFullWidth(by: b)
    if product.low < b {
      let threshold = (0 &- b) % b
      while product.low < threshold { product = next().multipliedFullWidth(by: b) }
    }
    return Int(product.high)
  }
}
