import Testing
@testable import JupyterProtocol

@Test func JupyterProtocolBuilds() {
  #expect(Bool(true))
}
