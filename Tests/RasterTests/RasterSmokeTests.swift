import Testing
@testable import Raster

@Test func RasterBuilds() {
  #expect(Bool(true))
}
