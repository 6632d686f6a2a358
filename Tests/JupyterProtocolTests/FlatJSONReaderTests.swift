import Foundation
import Testing

@testable import JupyterProtocol

/// What `JSONDecoder` makes of `text`: the value, or nil when it throws.
private func decoded<T: Decodable>(_ type: T.Type, _ bytes: Data) -> T? {
  try? JSONDecoder().decode(T.self, from: bytes)
}

/// The fast reader must agree with `JSONDecoder` whenever it answers at all.
private func expectAgreement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
  expectAgreement(Data(text.utf8), sourceLocation: sourceLocation)
}

private func expectAgreement(_ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) {
  if let fast = MessageHeader(flatJSON: bytes) {
    #expect(
      fast == decoded(MessageHeader.self, bytes), "header \(String(decoding: bytes, as: UTF8.self))",
      sourceLocation: sourceLocation)
  }
  if let fast = ExecuteRequest(flatJSON: bytes) {
    #expect(
      fast == decoded(ExecuteRequest.self, bytes), "execute \(String(decoding: bytes, as: UTF8.self))",
      sourceLocation: sourceLocation)
  }
}

private let header =
  #"{"msg_id": "a-1", "msg_type": "execute_request", "session": "s", "username": "u", "date": "2026-01-01T00:00:00.000000Z", "version": "5.3"}"#
private let execute =
  #"{"code": "1 + 1", "silent": false, "store_history": true, "user_expressions": {}, "allow_stdin": false, "stop_on_error": true}"#

@Suite struct FlatJSONReaderTests {
  @Test func readsTheUsualHeaderAndExecuteRequest() throws {
    let h = try #require(MessageHeader(flatJSON: Data(header.utf8)))
    #expect(
      h
        == MessageHeader(
          msgID: "a-1", msgType: "execute_request", session: "s", username: "u",
          date: "2026-01-01T00:00:00.000000Z", version: "5.3"))
    let e = try #require(ExecuteRequest(flatJSON: Data(execute.utf8)))
    #expect(e == ExecuteRequest(code: "1 + 1", allowStdin: false))
    expectAgreement(header)
    expectAgreement(execute)
  }

  @Test func appliesTheSpecDefaultsLikeTheDecoder() throws {
    let silent = try #require(ExecuteRequest(flatJSON: Data(#"{"code":"x","silent":true}"#.utf8)))
    #expect(!silent.storeHistory)
    for text in [
      #"{"code":"x"}"#, #"{"code":"x","silent":null,"store_history":null,"user_expressions":null}"#,
      #"{"code":"x","silent":true,"store_history":true}"#, #"{"code":"x","user_expressions":{"a":"1","b":"y"}}"#,
      #"{"msg_id":"1","msg_type":"t"}"#, #"{"msg_id":"1","msg_type":"t","date":null,"subshell_id":null}"#,
      #"{"msg_id":"1","msg_type":"t","extra":{"k":"v"},"flag":true}"#,
    ] {
      expectAgreement(text)
    }
  }

  @Test func integersAreStrictJSONAndAnythingElseIsLeftToTheDecoder() {
    func value(_ text: String) -> FlatJSONValue? {
      FlatJSONReader.members(Data(#"{"n":\#(text)}"#.utf8))?.first?.value
    }
    #expect(value("0") == .int(0) && value("-0") == .int(0) && value("7") == .int(7))
    #expect(value("-120") == .int(-120) && value(String(Int.max)) == .int(Int.max))
    for refused in ["012", "-", "--1", "1.5", "1e3", "1E3", "-01", "99999999999999999999", "1x"] {
      #expect(value(refused) == nil, "\(refused)")
    }
    // An unknown key with an integer value is now read (and ignored, as the decoder does).
    for text in [#"{"msg_id":"1","msg_type":"t","seq":42}"#, #"{"code":"x","n":-3}"#] {
      #expect(MessageHeader(flatJSON: Data(text.utf8)) != nil || ExecuteRequest(flatJSON: Data(text.utf8)) != nil)
      expectAgreement(text)
    }
  }

  @Test func stringsWithEscapesAndUnicodeMatchTheDecoder() throws {
    let code = #"{"code":"a = \"q\"\\n\nb\t/\/\r\b\f θ → 😀","silent":false}"#
    let e = try #require(ExecuteRequest(flatJSON: Data(code.utf8)))
    #expect(e.code == "a = \"q\"\\n\nb\t//\r\u{08}\u{0C} θ → 😀")
    expectAgreement(code)
    // \u escapes are left to JSONDecoder.
    #expect(ExecuteRequest(flatJSON: Data(#"{"code":"\u0041"}"#.utf8)) == nil)
  }

  @Test func unusualShapesAndInvalidJSONAreLeftToTheDecoder() {
    let refused = [
      "", "{", "}", "[]", "null", #"{"code":"x""#, #"{"code":"x",}"#, #"{"code":"x"} x"#, #"{"code":'x'}"#,
      #"{code:"x"}"#, #"{"code":"x","code":"y"}"#, #"{"code":1}"#, #"{"code":"x","silent":0}"#,
      #"{"code":"x","silent":"true"}"#, #"{"code":"x","user_expressions":{"a":1}}"#,
      #"{"code":"x","user_expressions":{"a":{"b":"c"}}}"#, #"{"code":"x","n":[1]}"#, #"{"code":"x","n":1.5}"#,
      "{\"code\":\"a\u{01}b\"}", #"{"code":"x\q"}"#, #"{"code":"x"#, #"{"code":"x","silent":tru}"#,
      #"{"code":"x","silent":falsey}"#, #"{"code":"x" "silent":true}"#, #"{"code":null}"#, #"{"silent":true}"#,
      #"{"msg_id":1,"msg_type":"t"}"#, #"{"msg_id":"1","msg_type":"t","date":5}"#, #"{"msg_id":"1"}"#,
    ]
    for text in refused {
      #expect(ExecuteRequest(flatJSON: Data(text.utf8)) == nil, "\(text)")
      #expect(MessageHeader(flatJSON: Data(text.utf8)) == nil, "\(text)")
      expectAgreement(text)
    }
    let invalidUTF8 = Data(#"{"code":""#.utf8) + Data([0xff, 0xfe]) + Data(#""}"#.utf8)
    #expect(ExecuteRequest(flatJSON: invalidUTF8) == nil)
  }

  /// Garbled variants of real messages (bytes replaced, dropped, duplicated, inserted): the
  /// reader either refuses or agrees with `JSONDecoder`, so it never accepts what it rejects.
  @Test func garbledMessagesNeverDisagreeWithTheDecoder() {
    var rng = SplitMix(state: 1729)
    let alphabet = Array(#"{}[]":,\ tnfrue0123456789.-abcxyzθ"#.utf8) + [0x00, 0x0a, 0x1f, 0x80, 0xc3, 0xff]
    for source in [header, execute, #"{"code":"a\nb \"c\"","user_expressions":{"k":"v"}}"#] {
      let original = Array(source.utf8)
      for _ in 0..<20_000 {
        var bytes = original
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          let i = Int.random(in: 0..<bytes.count, using: &rng)
          switch Int.random(in: 0..<4, using: &rng) {
          case 0: bytes[i] = alphabet.randomElement(using: &rng)!
          case 1: bytes.remove(at: i)
          case 2: bytes.insert(bytes[i], at: i)
          default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
          }
          if bytes.isEmpty { bytes = [0x7b] }
        }
        expectAgreement(Data(bytes))
      }
    }
  }

  @Test func decodeContentFallsBackToTheDecoderForOtherShapes() throws {
    let message = IncomingMessage(
      identities: [], header: MessageHeader(msgID: "1", msgType: "execute_request"), headerBytes: Data("{}".utf8),
      contentBytes: Data(#"{"code":"\u0031 + 1","silent":false,"extra":[1,2]}"#.utf8))
    let request = try message.decodeContent(ExecuteRequest.self)
    #expect(request.code == "1 + 1")
    let broken = IncomingMessage(
      identities: [], header: MessageHeader(msgID: "1", msgType: "execute_request"), headerBytes: Data("{}".utf8),
      contentBytes: Data(#"{"code":"x","silent":nul}"#.utf8))
    #expect(throws: ProtocolError.self) { try broken.decodeContent(ExecuteRequest.self) }
  }
}

/// A small reproducible generator (splitmix64), so a failing garble can be replayed.
private struct SplitMix: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
