import Foundation
import JupyterProtocol
import Testing

/// Digests from Python's `hmac.new(key, digestmod=hashlib.sha256/512)` over the same frames,
/// for keys shorter than, equal to, and longer than each hash's block (64 and 128 bytes).
private let vectors: [(key: String, sha256: String, sha512: String)] = [
  (
    "k", "5140b8ad39a66490dedca9ef1362b2a8d88dacce966b9611bd7ea8b50fd56cb4",
    "5392f7f704defc7cdff669d7ddd23deb5324eab42c35be314bb7dbbcbb7746a2773112a338c8c16ca7e893fffe9a4f6cad0473ebd8e8aa0de950ffe14da6445b"
  ),
  (
    String(repeating: "a", count: 64), "3b1e75c96a27f06b8234f1ab2ccc8b180c503b54e0f413729a97474fec6ac1a1",
    "5bb8ee0f05d5fe4300aa40071b4cfd1242fc6ec1fc254c853caaa2651f406cabf91991e1ba896de40711b3291ba7915c4fc3983c4be241d1cab23223ce8d92e9"
  ),
  (
    String(repeating: "b", count: 100), "5410b40cc6baf67905c06dace7d9b4fc60d41918983d535e80926fca5ec01566",
    "6bd8bfc35859a3a2e1d3272788adb6d29d0f0c918a71985e35e30bf3e9cec1df088246700525052e5c75a65070ee676900ed24eb5a66e72018b1c4b78777c74e"
  ),
  (
    String(repeating: "c", count: 128), "d9f13d1bb28bd19dc2f06597b1fbb7a6bb32239f7581e0d92b16768ad287dc8a",
    "1b1fe8a66972c529a239a558e58770b3287856a89eed281a1ce778b9977ac78b97f6954d10dc00ad08a333a86eb667715d77ebc815fff15471fc7baa1dc6a4e2"
  ),
  (
    String(repeating: "d", count: 200), "b5991dfde792c7ca4b88dd51ddd6b68f5f26f6e7d4646e73061cd28940c774bc",
    "ba590aad481a61ae17d0e14666422c452ef8b727363f02088f224ca5e3585ad3f6c6eb034646a6116ee9932d55c7f1e243e64410fe34499c5c644a72ea129316"
  ),
  (
    "θ-key", "13cc02531211fd35bc7dadc84b76c8959e851e144dff25237791c51f88259987",
    "8106807c21fab085648010d7d76c80833b0bddc5c94db06079b70ce036bb68966824fe915f60261f032bb473ac0c1c809598a905cf4cac139bd6556808a346e2"
  ),
]

private let frames = [
  Data(#"{"msg_id":"1"}"#.utf8), Data(), Data(repeating: UInt8(ascii: "x"), count: 130), Data("é ünïcode".utf8),
]

@Suite struct MessageSignerTests {
  @Test(arguments: vectors)
  func signaturesMatchPythonHMAC(key: String, sha256: String, sha512: String) throws {
    for (scheme, expected) in [("hmac-sha256", sha256), ("hmac-sha512", sha512)] {
      let signer = try MessageSigner(key: key, scheme: scheme)
      let signature = signer.sign(frames)
      #expect(String(decoding: signature, as: UTF8.self) == expected, "\(scheme)")
      #expect(signer.isValid(signature: Data(expected.utf8), for: frames))
      // Every single changed character, a wrong length and uppercase hex are rejected.
      for i in [0, expected.count / 2, expected.count - 1] {
        var forged = Array(expected.utf8)
        forged[i] = forged[i] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(!signer.isValid(signature: Data(forged), for: frames))
      }
      #expect(!signer.isValid(signature: Data(expected.dropLast().utf8), for: frames))
      #expect(
        !signer.isValid(signature: Data(expected.uppercased().utf8), for: frames) || expected == expected.uppercased())
      #expect(!signer.isValid(signature: Data(expected.utf8), for: Array(frames.dropLast())))
    }
  }

  @Test func signingTwiceGivesTheSameDigest() throws {
    let signer = try MessageSigner(key: "secret")
    #expect(signer.sign(frames) == signer.sign(frames))
    #expect(signer.sign(frames) != signer.sign(Array(frames.reversed())))
  }
}
