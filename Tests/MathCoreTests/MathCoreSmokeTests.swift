import Testing
@testable import MathCore

@Test func MathCoreBuilds() {
  #expect(Bool(true))
}
