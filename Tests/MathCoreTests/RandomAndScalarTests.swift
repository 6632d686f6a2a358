import MathCore
import Testing

@Test func seededGeneratorIsReproducibleAndSeedSensitive() {
  var a = SeededGenerator(seed: 42)
  var b = SeededGenerator(seed: 42)
  var c = SeededGenerator(seed: 43)
  let xs = (0..<100).map { _ in a.next() }
  #expect(xs == (0..<100).map { _ in b.next() })
  #expect(xs != (0..<100).map { _ in c.next() })
}

@Test func seededGeneratorMatchesTheReferenceAlgorithm() {
  // Values from an independent transcription of splitmix64 seeding + xoshiro256** (Python),
  // pinned so the stream never changes silently (notebooks depend on it).
  var g = SeededGenerator(seed: 0)
  #expect(g.next() == 11_091_344_671_253_066_420)
  #expect(g.next() == 13_793_997_310_169_335_082)
  var h = SeededGenerator(seed: 0)
  #expect(h.nextUniform() == 0.6012629994179048)
}

@Test func uniformAndNormalSamplesHaveTheRightMoments() {
  var g = SeededGenerator(seed: 1)
  let u = (0..<100_000).map { _ in g.nextUniform() }
  #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
  #expect(Swift.abs(u.reduce(0, +) / 1e5 - 0.5) < 0.01)
  let n = (0..<100_000).map { _ in g.nextNormal() }
  let mean = n.reduce(0, +) / 1e5
  let variance = n.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1e5
  #expect(Swift.abs(mean) < 0.02)
  #expect(Swift.abs(variance - 1) < 0.02)
}

@Test func doubleScalarFunctions() {
  #expect(Double.pow(-2, 3) == -8)
  #expect(Double.pow(3, 2) == 9)
  #expect(Double.sigmoid(0) == 0.5)
  #expect(Double.sigmoid(-1000) == 0)
  #expect(Double.sigmoid(1000) == 1)
  #expect(Double.relu(-1) == 0)
  #expect(Double.relu(2) == 2)
  #expect(Double.sqrt(-1).isNaN)
}

@Test func cancellationFlagIsVisibleAcrossThreads() async {
  let flag = CancellationFlag()
  #expect(!flag.isSet)
  await Task.detached { flag.set() }.value
  #expect(flag.isSet)
  flag.reset()
  #expect(!flag.isSet)
}
