import Foundation
import JupyterProtocol
import Testing

/// Frames a client would send: identities, delimiter, signature, four JSON dicts, buffers.
private func clientFrames(
  signer: MessageSigner, msgType: String = "kernel_info_request", id: String = "m1", content: String = "{}",
  extra: [Data] = []
) -> [Data] {
  let header = Data(
    #"{"msg_id":"\#(id)","msg_type":"\#(msgType)","session":"s","username":"u","date":"2026-01-01T00:00:00Z","version":"5.3","subshell_id":null}"#
      .utf8)
  let dicts = [header, Data("{}".utf8), Data("{}".utf8), Data(content.utf8)]
  return [Data("peer".utf8), WireCodec.delimiter, signer.sign(dicts)] + dicts + extra
}

@Suite struct WireCodecTests {
  let signer = try! MessageSigner(key: "secret-key")

  @Test func decodesSignedMessageAndKeepsIdentitiesAndExactHeaderBytes() throws {
    let codec = WireCodec(signer: signer)
    let frames = clientFrames(signer: signer, extra: [Data([1, 2, 3])])
    let message = try codec.decode(frames)
    #expect(message.identities == [Data("peer".utf8)])
    #expect(message.header.msgType == "kernel_info_request")
    #expect(message.headerBytes == frames[3])
    #expect(message.buffers == [Data([1, 2, 3])])
  }

  @Test func signatureMatchesPythonHMACSHA256() {
    // hmac.new(b"key", b"abcd", hashlib.sha256).hexdigest()
    let s = try! MessageSigner(key: "key")
    let sig = s.sign([Data("a".utf8), Data("b".utf8), Data("c".utf8), Data("d".utf8)])
    #expect(String(decoding: sig, as: UTF8.self) == "2a31ec0ee8d878c9eece9fb0df79b3b90b2256240163aa5ee50d176d3d1121f8")
  }

  @Test func rejectsBadUnsignedAndReplayedMessages() throws {
    let codec = WireCodec(signer: signer)
    var forged = clientFrames(signer: signer, id: "forged")
    forged[2] = Data(repeating: UInt8(ascii: "0"), count: 64)
    #expect(throws: ProtocolError.invalidSignature) { try codec.decode(forged) }
    var unsigned = clientFrames(signer: signer, id: "unsigned")
    unsigned[2] = Data()
    #expect(throws: ProtocolError.unsignedMessage) { try codec.decode(unsigned) }
    let good = clientFrames(signer: signer, id: "once")
    _ = try codec.decode(good)
    #expect(throws: ProtocolError.duplicateSignature) { try codec.decode(good) }
  }

  @Test func rejectsMalformedFramesWithAReason() {
    let codec = WireCodec(signer: try! MessageSigner(key: ""))
    #expect(throws: ProtocolError.missingDelimiter) { try codec.decode([Data("x".utf8)]) }
    #expect(throws: ProtocolError.tooFewFrames(2)) { try codec.decode([WireCodec.delimiter, Data(), Data("{}".utf8)]) }
    let noType = [
      WireCodec.delimiter, Data(), Data(#"{"msg_id":"1"}"#.utf8), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8),
    ]
    #expect(throws: (any Error).self) { try codec.decode(noType) }
    let badJSON = clientFrames(signer: try! MessageSigner(key: ""), content: "{not json")
    #expect(throws: (any Error).self) { try codec.decode(badJSON) }
    let notObject = clientFrames(signer: try! MessageSigner(key: ""), content: "[1]")
    #expect(throws: (any Error).self) { try codec.decode(notObject) }
  }

  @Test func encodesSignedFramesWithCompleteHeader() throws {
    let codec = WireCodec(signer: signer, session: "sess-1")
    let out = OutgoingMessage(
      channel: .shell, identities: [Data("peer".utf8)], msgType: "kernel_info_reply",
      contentBytes: Data(#"{"a":1}"#.utf8))
    let frames = codec.encode(out)
    #expect(frames[0] == Data("peer".utf8))
    #expect(frames[1] == WireCodec.delimiter)
    #expect(signer.isValid(signature: frames[2], for: Array(frames[3...6])))
    let header = try JSONDecoder().decode(JSONValue.self, from: frames[3])
    #expect(header["version"] == "5.3")
    #expect(header["session"] == "sess-1")
    #expect(header["msg_type"] == "kernel_info_reply")
    let date = try #require(header["date"]?.stringValue)
    #expect(date.hasSuffix("Z") && date.contains("T") && date.count == 27)
    let second = codec.encode(out)
    #expect(second[2] != frames[2], "two messages must never be byte-identical")
  }

  @Test func iopubMessagesGetATopicFrame() {
    let codec = WireCodec(signer: signer)
    let frames = codec.encode(OutgoingMessage(channel: .iopub, msgType: "status", contentBytes: Data("{}".utf8)))
    #expect(String(decoding: frames[0], as: UTF8.self).hasSuffix(".status"))
    #expect(frames[1] == WireCodec.delimiter)
  }

  @Test func unsupportedSignatureSchemeIsRejected() {
    #expect(throws: ProtocolError.unsupportedSignatureScheme("hmac-md5")) {
      try MessageSigner(key: "k", scheme: "hmac-md5")
    }
    #expect((try? MessageSigner(key: "k", scheme: "hmac-sha512")) != nil)
  }
}

@Suite struct ReplayGuardTests {
  @Test func memoryStaysBoundedAndRecentDigestsAreRemembered() {
    let guardian = ReplayGuard(capacity: 100)
    for i in 0..<1000 { #expect(guardian.admit(Data("d\(i)".utf8))) }
    #expect(guardian.count <= 100)
    #expect(!guardian.admit(Data("d999".utf8)))
    #expect(guardian.admit(Data("d0".utf8)), "old digests are culled")
  }
}

@Suite struct JSONValueTests {
  @Test func keepsIntsAndBoolsTypedAndWritesNonFiniteAsNull() throws {
    let value: JSONValue = ["n": 1, "b": false, "x": .double(.nan), "y": .double(.infinity), "f": .double(0.5)]
    let text = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    #expect(text.contains(#""n":1"#) && text.contains(#""b":false"#))
    #expect(text.contains(#""x":null"#) && text.contains(#""y":null"#) && text.contains("0.5"))
    let back = try JSONDecoder().decode(
      JSONValue.self, from: Data(#"{"i":3,"t":true,"d":2.5,"s":"x","a":[null]}"#.utf8))
    #expect(back == ["i": 3, "t": true, "d": .double(2.5), "s": "x", "a": [nil]])
  }
}

@Suite struct ConnectionInfoTests {
  @Test func loadsLenientlyAndBuildsEndpoints() throws {
    let path = NSTemporaryDirectory() + "conn-\(UUID()).json"
    let json =
      #"{"shell_port":5001,"iopub_port":5002,"stdin_port":5003,"control_port":5004,"hb_port":5005,"ip":"127.0.0.1","key":"k","transport":"tcp","signature_scheme":"hmac-sha256","kernel_name":"saddle","extra":[1]}"#
    _ = FileManager.default.createFile(atPath: path, contents: Data(json.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let info = try ConnectionInfo.load(path: path)
    #expect(info.endpoint(port: info.shellPort) == "tcp://127.0.0.1:5001")
    var ipc = info
    ipc.transport = "ipc"
    ipc.ip = "/tmp/k"
    #expect(ipc.endpoint(port: 7) == "ipc:///tmp/k-7")
  }

  @Test func badFilesGetClearErrors() throws {
    #expect(throws: (any Error).self) { try ConnectionInfo.load(path: "/nonexistent/conn.json") }
    let path = NSTemporaryDirectory() + "conn-\(UUID()).json"
    _ = FileManager.default.createFile(
      atPath: path, contents: Data(#"{"key":"k","signature_scheme":"hmac-md5","shell_port":1}"#.utf8))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: ProtocolError.unsupportedSignatureScheme("hmac-md5")) { try ConnectionInfo.load(path: path) }
  }
}
