import Testing
@testable import JupyterKernel

@Test func JupyterKernelBuilds() {
  #expect(Bool(true))
}
