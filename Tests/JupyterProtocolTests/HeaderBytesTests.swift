import Foundation
import Testing

@testable import JupyterProtocol

@Suite struct HeaderBytesTests {
  @Test func digitsArePaddedToTheWidth() {
    for (value, width, text) in [
      (0, 1, "0"), (7, 2, "07"), (42, 2, "42"), (123, 2, "123"), (5, 6, "000005"), (999_999, 6, "999999"),
      (2026, 4, "2026"), (Int.max, 1, String(Int.max)), (-3, 2, "00"),
    ] {
      var bytes: [UInt8] = Array("x".utf8)
      ASCIIDigits.append(value, to: &bytes, width: width)
      #expect(String(decoding: bytes, as: UTF8.self) == "x" + text, "\(value) width \(width)")
    }
  }

  @Test func headerHasTheFixedKeyOrderAndFormats() throws {
    let codec = WireCodec(signer: try MessageSigner(key: ""), session: "sess-1")
    let header = String(decoding: codec.makeHeader(msgType: "execute_reply"), as: UTF8.self)
    let pattern =
      #/\{"msg_id":"sess-1_1","msg_type":"execute_reply","session":"sess-1","username":"saddle","date":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z","version":"5\.3"\}/#
    #expect(header.wholeMatch(of: pattern) != nil, "\(header)")
    let next = String(decoding: codec.makeHeader(msgType: "bad\"type"), as: UTF8.self)
    #expect(next.hasPrefix(#"{"msg_id":"sess-1_2","msg_type":"invalid","#))
    #expect(ISODate.now().wholeMatch(of: #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/#) != nil)
  }
}
