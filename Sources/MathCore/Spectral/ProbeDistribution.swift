/// The random vectors z with E[z zᵀ] = I that stochastic trace and density estimates
/// average over.
public enum ProbeDistribution: String, Sendable, CaseIterable {
  /// Entries ±1 with equal probability: the smallest variance for a trace estimate
  /// (Hutchinson 1990) and ‖z‖² = P exactly.
  case rademacher
  /// Standard normal entries.
  case gaussian

  /// `count` entries drawn from `generator`.
  func sample(_ count: Int, using generator: inout SeededGenerator) -> [Double] {
    switch self {
    case .gaussian:
      return (0..<count).map { _ in generator.nextNormal() }
    case .rademacher:
      var out = [Double](repeating: 0, count: count)
      var bits: UInt64 = 0
      for i in 0..<count {
        if i % 64 == 0 { bits = generator.next() }
        out[i] = bits & 1 == 0 ? 1 : -1
        bits >>= 1
      }
      return out
    }
  }
}
