import Foundation
import JupyterProtocol
import Testing

/// Parses `data` as JSON with Foundation's own parser (which rejects invalid JSON).
private func parse(_ data: Data) throws -> NSDictionary {
  try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
}

/// The hand-written JSON must parse to exactly what `JSONEncoder` produces.
private func expectSameAsEncoder<T: Encodable & JSONWritable>(_ value: T) throws {
  let fast = try parse(value.jsonBytes)
  let reference = try parse(try JSONEncoder().encode(value))
  #expect(fast == reference, "\(String(decoding: value.jsonBytes, as: UTF8.self))")
}

@Suite struct JSONWriterTests {
  /// Quotes, backslashes, every control character, DEL, non-BMP and combining characters.
  static let hardText =
    "quote \" backslash \\ slash / tab\t nl\n cr\r "
    + String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7f} é 𝔽🙂 e\u{301} end"

  @Test func stringsEscapeLikeJSONSerializationExpects() throws {
    try expectSameAsEncoder(ExecuteInput(code: Self.hardText, executionCount: 7))
    try expectSameAsEncoder(StreamContent(name: "stdout", text: Self.hardText))
    let parsed = try parse(ExecuteInput(code: Self.hardText, executionCount: 7).jsonBytes)
    #expect(parsed["code"] as? String == Self.hardText)
  }

  @Test func controlCharactersAreEscapedNotRaw() throws {
    let bytes = StreamContent(name: "stdout", text: "\u{01}\u{1f}\n").jsonBytes
    #expect(!bytes.contains { $0 < 0x20 })
    #expect(String(decoding: bytes, as: UTF8.self).contains(#"\u0001\u001f\n"#))
  }

  @Test func displayContentMatchesEncoderWithAndWithoutOptionals() throws {
    let data = ["text/plain": "2", "text/latex": "$2$ \\frac{1}{2}"]
    try expectSameAsEncoder(DisplayContent(data: data, metadata: [:], executionCount: 3))
    try expectSameAsEncoder(
      DisplayContent(
        data: data, metadata: ["image/png": ["width": 640, "height": 480]], transient: ["display_id": "d\"1"]))
    let parsed = try parse(DisplayContent(data: data, metadata: [:]).jsonBytes)
    #expect(parsed["execution_count"] == nil)
    #expect(parsed["transient"] == nil)
  }

  @Test func executeReplyMatchesEncoderIncludingNestedValues() throws {
    let expressions: [String: JSONValue] = [
      "a": ["status": "ok", "data": ["text/plain": "1"], "metadata": [:]],
      "b": [
        "n": nil, "t": true, "f": false, "i": -42, "d": .double(0.25), "big": .double(1e300),
        "list": [1, "x", [], [:]],
      ],
    ]
    let payload: [JSONValue] = [["source": "page", "data": ["text/plain": .string(Self.hardText)], "start": 0]]
    try expectSameAsEncoder(ExecuteOkReply(executionCount: 12, payload: payload, userExpressions: expressions))
    try expectSameAsEncoder(ExecuteOkReply(executionCount: 1, payload: [], userExpressions: [:]))
  }

  @Test func numbersKeepTheirKindAndNonFiniteBecomesNull() throws {
    let reply = ExecuteOkReply(
      executionCount: 1, payload: [.int(3), .double(3.5), .double(.nan), .double(-.infinity)], userExpressions: [:])
    let text = String(decoding: reply.jsonBytes, as: UTF8.self)
    #expect(text.contains(#""payload":[3,3.5,null,null]"#))
    #expect(!text.contains("nan") && !text.contains("inf"))
  }
}
