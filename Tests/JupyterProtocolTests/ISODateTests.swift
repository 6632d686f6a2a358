import Foundation
import JupyterProtocol
import Testing

@Suite struct ISODateTests {
  @Test func readsTheDatesClientsWrite() {
    #expect(ISODate.seconds("1970-01-01T00:00:00Z") == 0)
    #expect(ISODate.seconds("1969-12-31T23:59:59Z") == -1)
    #expect(ISODate.seconds("2000-03-01T00:00:00Z") == 951_868_800)
    // Python's isoformat with an offset, a browser's milliseconds, a naive date (UTC).
    #expect(ISODate.seconds("2026-12-02T09:47:24.500000+01:00") == 1_796_201_244.5)
    #expect(ISODate.seconds("2024-02-29T23:59:59.250-05:30") == 1_709_270_999.25)
    #expect(ISODate.seconds("2024-02-29T23:59:59.25-0530") == 1_709_270_999.25)
    #expect(ISODate.seconds("2026-12-02T10:00:00") == 1_796_205_600)
    #expect(ISODate.seconds("2026-12-02 10:00:00Z") == 1_796_205_600)
  }

  @Test func readsBackWhatTheKernelWrites() throws {
    let before = Date().timeIntervalSince1970
    let read = try #require(ISODate.seconds(ISODate.now()))
    let after = Date().timeIntervalSince1970
    // Written with microseconds, so read back within a microsecond (plus rounding).
    #expect(read >= before - 2e-6 && read <= after + 2e-6)
  }

  @Test func rejectsWhatIsNotADateTime() {
    for text in [
      "", "2026-12-02", "2026-12-02T10:00", "2026-13-02T10:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T10:00:00.Z",
      "2026-12-02T10:00:00Q", "2026-12-02T10:00:00+1", "2026-12-02T10:00:00Z trailing", "yesterday",
    ] {
      #expect(ISODate.seconds(text) == nil, "\(text)")
    }
  }
}
