/// Reads a history line without `JSONDecoder`, which costs several microseconds per line:
/// a full 10 MB file took close to a second, and `jupyter console` waits for that at start.
///
/// It understands one JSON object whose members are the record's known keys, with integer,
/// string or `null` values, standard escapes included. Anything else (unknown keys, other
/// number forms, nesting, invalid UTF-8, syntax errors) returns nil, and the caller falls
/// back to `JSONDecoder`, which then accepts or rejects the line.
struct HistoryLineParser {
  private let bytes: UnsafeRawBufferPointer
  private var index = 0

  private init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  static func record(_ line: UnsafeRawBufferPointer) -> HistoryRecord? {
    var parser = HistoryLineParser(line)
    return parser.record()
  }

  private mutating func record() -> HistoryRecord? {
    var session: Int?
    var line: Int?
    var pid: Int?
    var input: String?
    var output: String?
    var start: String?
    guard take(UInt8(ascii: "{")) else { return nil }
    if !take(UInt8(ascii: "}")) {
      repeat {
        skipWhitespace()
        if key("session") {
          guard let v = int() else { return nil }
          session = v
        } else if key("line") {
          guard let v = int() else { return nil }
          line = v
        } else if key("input") {
          guard let v = string() else { return nil }
          input = v
        } else if key("output") {
          if literal("null") { output = nil } else if let v = string() { output = v } else { return nil }
        } else if key("start") {
          guard let v = string() else { return nil }
          start = v
        } else if key("pid") {
          guard let v = int() else { return nil }
          pid = v
        } else {
          return nil
        }
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return nil }
    }
    skipWhitespace()
    guard index == bytes.count, let session else { return nil }
    if let input, let line {
      return .cell(HistoryEntry(session: session, line: line, input: input, output: output))
    }
    if let start { return .sessionStart(session: session, start: start, pid: pid ?? 0) }
    return nil
  }

  private mutating func skipWhitespace() {
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0d {
      index += 1
    }
  }

  /// Consumes `byte` (after whitespace) if it is next.
  private mutating func take(_ byte: UInt8) -> Bool {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  /// Consumes `"name":` if it is next (keys are compared as bytes: no String per key).
  private mutating func key(_ name: StaticString) -> Bool {
    let start = index
    guard literal("\""), literal(name), literal("\""), take(UInt8(ascii: ":")) else {
      index = start
      return false
    }
    skipWhitespace()
    return true
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return false }
    index += count
    return true
  }

  /// An optional minus and up to 18 digits, not followed by a fraction or exponent.
  private mutating func int() -> Int? {
    let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    var value = 0
    var digits = 0
    while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 18 {
      value = value * 10 + Int(bytes[index] - 0x30)
      index += 1
      digits += 1
    }
    guard digits > 0, index == bytes.count || !Self.numberContinues(bytes[index]) else { return nil }
    return negative ? -value : value
  }

  private static func numberContinues(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
      || byte == UInt8(ascii: "E")
  }

  /// A quoted string; without escapes its bytes are validated as UTF-8 in one go.
  private mutating func string() -> String? {
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
    index += 1
    let begin = index
    while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
      guard bytes[index] >= 0x20 else { return nil }
      index += 1
    }
    guard index < bytes.count else { return nil }
    if bytes[index] == UInt8(ascii: "\"") {
      defer { index += 1 }
      return String(validating: UnsafeRawBufferPointer(rebasing: bytes[begin..<index]), as: UTF8.self)
    }
    var decoded = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[begin..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""): return String(validating: decoded, as: UTF8.self)
      case UInt8(ascii: "\\"): guard escape(into: &decoded) else { return nil }
      case 0..<0x20: return nil
      default: decoded.append(byte)
      }
    }
    return nil
  }

  /// The escape after a backslash, appended as UTF-8.
  private mutating func escape(into decoded: inout [UInt8]) -> Bool {
    guard index < bytes.count else { return false }
    let kind = bytes[index]
    index += 1
    switch kind {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(kind)
    case UInt8(ascii: "n"): decoded.append(0x0a)
    case UInt8(ascii: "r"): decoded.append(0x0d)
    case UInt8(ascii: "t"): decoded.append(0x09)
    case UInt8(ascii: "b"): decoded.append(0x08)
    case UInt8(ascii: "f"): decoded.append(0x0c)
    case UInt8(ascii: "u"):
      guard var code = hex4() else { return false }
      if (0xD800..<0xDC00).contains(code) {
        // A high surrogate must be followed by an escaped low one.
        guard literal("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return false }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let scalar = Unicode.Scalar(code) else { return false }
      decoded.append(contentsOf: String(Character(scalar)).utf8)
    default: return false
    }
    return true
  }

  private mutating func hex4() -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      default: return nil
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }
}
