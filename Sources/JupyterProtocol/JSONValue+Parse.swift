/// A strict JSON parser (RFC 8259) reporting the line and column of the first problem.
///
/// Why not `JSONDecoder`: a notebook must read back exactly (integers apart from floats, as
/// `1.0` stays `1.0`), and a user who edited one by hand needs the place of a mistake.
extension JSONValue {
  /// A parse failure with its 1-based line and column.
  public struct ParseError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var description: String { "line \(line), column \(column): \(message)" }
  }

  /// Parses `text` as one JSON value.
  public static func parse(_ text: String) throws(ParseError) -> JSONValue {
    var p = JSONParser(Array(text.utf8))
    p.skipSpace()
    let value = try p.value(depth: 0)
    p.skipSpace()
    guard p.index == p.bytes.count else { throw p.failure("unexpected text after the JSON value") }
    return value
  }
}

private struct JSONParser {
  let bytes: [UInt8]
  var index = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  func failure(_ message: String) -> JSONValue.ParseError {
    var line = 1
    var column = 1
    for b in bytes[0..<min(index, bytes.count)] {
      if b == 10 { (line, column) = (line + 1, 1) } else { column += 1 }
    }
    return JSONValue.ParseError(message: message, line: line, column: column)
  }

  mutating func skipSpace() {
    while index < bytes.count, [9, 10, 13, 32].contains(bytes[index]) { index += 1 }
  }

  mutating func expect(_ literal: String) throws(JSONValue.ParseError) {
    for b in literal.utf8 {
      guard index < bytes.count, bytes[index] == b else { throw failure("expected \(literal)") }
      index += 1
    }
  }

  mutating func value(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
    guard depth < 512 else { throw failure("nested too deeply") }
    guard index < bytes.count else { throw failure("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try expect("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expect("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expect("null")
      return .null
    default: return try number()
    }
  }

  mutating func object(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
    index += 1
    var members: [String: JSONValue] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw failure("expected a string key")
      }
      let key = try string()
      skipSpace()
      try expect(":")
      skipSpace()
      members[key] = try value(depth: depth + 1)
      skipSpace()
      guard index < bytes.count else { throw failure("unterminated object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      try expect("}")
      return .object(members)
    }
  }

  mutating func array(depth: Int) throws(JSONValue.ParseError) -> JSONValue {
    index += 1
    var items: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw failure("unterminated array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      try expect("]")
      return .array(items)
    }
  }

  mutating func number() throws(JSONValue.ParseError) -> JSONValue {
    let start = index
    while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if let i = Int(text), !text.contains(".") { return .int(i) }
    guard !text.isEmpty, let d = Double(text) else {
      index = start
      throw failure("invalid value")
    }
    return .double(d)
  }

  mutating func string() throws(JSONValue.ParseError) -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
      raw.removeAll()
    }
    while index < bytes.count {
      let b = bytes[index]
      index += 1
      if b == UInt8(ascii: "\"") {
        flush()
        return String(scalars)
      }
      guard b == UInt8(ascii: "\\") else {
        raw.append(b)
        continue
      }
      flush()
      guard index < bytes.count else { break }
      let e = bytes[index]
      index += 1
      switch e {
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
      default: scalars.append(Unicode.Scalar(e))
      }
    }
    throw failure("unterminated string")
  }

  /// \uXXXX, combining a surrogate pair when one follows.
  mutating func unicodeEscape() throws(JSONValue.ParseError) -> Unicode.Scalar {
    let high = try hex4()
    if (0xD800..<0xDC00).contains(high), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
      bytes[index + 1] == UInt8(ascii: "u")
    {
      index += 2
      let low = try hex4()
      if let s = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) { return s }
    }
    return Unicode.Scalar(high) ?? "\u{FFFD}"
  }

  mutating func hex4() throws(JSONValue.ParseError) -> UInt32 {
    guard index + 4 <= bytes.count,
      let v = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
    else { throw failure("invalid \\u escape") }
    index += 4
    return v
  }
}
