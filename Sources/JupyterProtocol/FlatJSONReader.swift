import Foundation

/// A member value `FlatJSONReader` understands.
public enum FlatJSONValue: Equatable, Sendable {
  case string(String)
  case bool(Bool)
  case null
  /// A JSON integer (no fraction or exponent) that fits in an `Int`.
  case int(Int)
  /// An object whose members are all strings (e.g. `user_expressions`), `{}` included.
  case stringMap([String: String])
}

/// Reads simple JSON objects without `JSONDecoder`, which costs several microseconds per
/// object in setup alone: the ones that arrive on every request (the header, the
/// execute_request content) and the lines of the kernel's history file.
///
/// It understands only a subset of strict JSON: one object with string keys, whose values
/// are strings, booleans, `null`, integers, or objects of strings. Anything else — other
/// numbers, arrays, deeper nesting, `\u` escapes, invalid UTF-8, duplicate keys, and every
/// syntax error — makes it return nil, so the caller falls back to `JSONDecoder`, which then
/// decides (and rejects invalid JSON with its usual error). So it never accepts what
/// `JSONDecoder` would reject, and for what it accepts it yields the same values.
public enum FlatJSONReader {
  /// At most this many members (a header has six); larger objects go to `JSONDecoder`.
  static let maxMembers = 32

  /// The members of `bytes` in order, or nil if they are not a simple flat object.
  public static func members(_ bytes: Data) -> [(key: String, value: FlatJSONValue)]? {
    bytes.withUnsafeBytes { members($0) }
  }

  /// The members of `bytes` in order, or nil if they are not a simple flat object.
  public static func members(_ bytes: UnsafeRawBufferPointer) -> [(key: String, value: FlatJSONValue)]? {
    var scanner = Scanner(bytes: bytes)
    guard let members = scanner.object(allowNested: true) else { return nil }
    scanner.skipWhitespace()
    return scanner.atEnd ? members : nil
  }

  private struct Scanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(bytes: UnsafeRawBufferPointer) {
      self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0a, 0x0d: index += 1
        default: return
        }
      }
    }

    /// Consumes `byte` (after whitespace) if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    /// `{ "key": value, … }`; with `allowNested`, values may be objects of strings.
    mutating func object(allowNested: Bool) -> [(key: String, value: FlatJSONValue)]? {
      guard take(UInt8(ascii: "{")) else { return nil }
      var members: [(key: String, value: FlatJSONValue)] = []
      if take(UInt8(ascii: "}")) { return members }
      while true {
        skipWhitespace()
        guard let key = string(), take(UInt8(ascii: ":")), let value = value(allowNested: allowNested) else {
          return nil
        }
        guard members.count < FlatJSONReader.maxMembers, !members.contains(where: { $0.key == key }) else {
          return nil
        }
        members.append((key, value))
        if take(UInt8(ascii: ",")) { continue }
        return take(UInt8(ascii: "}")) ? members : nil
      }
    }

    mutating func value(allowNested: Bool) -> FlatJSONValue? {
      skipWhitespace()
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "\""): return string().map(FlatJSONValue.string)
      case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
      case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
      case UInt8(ascii: "n"): return literal("null") ? .null : nil
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(FlatJSONValue.int)
      case UInt8(ascii: "{") where allowNested:
        guard let members = object(allowNested: false) else { return nil }
        var map: [String: String] = [:]
        for (key, value) in members {
          guard case .string(let s) = value else { return nil }
          map[key] = s
        }
        return .stringMap(map)
      default: return nil
      }
    }

    /// A strict JSON integer: `-?(0|[1-9][0-9]*)`, not followed by a fraction or exponent
    /// (those, and values beyond `Int`, are `JSONDecoder`'s job).
    mutating func integer() -> Int? {
      let negative = bytes[index] == UInt8(ascii: "-")
      if negative { index += 1 }
      let first = index
      var value = 0
      while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
        let (times, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times.addingReportingOverflow(Int(bytes[index] - 0x30))
        guard !o1, !o2 else { return nil }
        value = sum
        index += 1
      }
      let digits = index - first
      guard digits > 0, digits == 1 || bytes[first] != 0x30 else { return nil }
      if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
        return nil
      }
      return negative ? -value : value
    }

    mutating func literal(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard bytes.count - index >= count else { return false }
      for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return false }
      index += count
      return true
    }

    /// A string starting at the current `"`: plain text, or the escapes `\" \\ \/ \b \f \n \r \t`.
    mutating func string() -> String? {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      index += 1
      let start = index
      var ascii = true
      // The common case: no escapes, the string is a slice of the input.
      while index < bytes.count {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") {
          let text = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
          index += 1
          return makeString(text, ascii: ascii)
        }
        if b == UInt8(ascii: "\\") { break }
        if b < 0x20 { return nil }
        if b >= 0x80 { ascii = false }
        index += 1
      }
      guard index < bytes.count else { return nil }
      var unescaped = Array(bytes[start..<index])
      while index < bytes.count {
        let b = bytes[index]
        index += 1
        switch b {
        case UInt8(ascii: "\""):
          return unescaped.withUnsafeBytes { makeString($0, ascii: ascii) }
        case UInt8(ascii: "\\"):
          guard index < bytes.count else { return nil }
          let escape = bytes[index]
          index += 1
          switch escape {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
          case UInt8(ascii: "b"): unescaped.append(0x08)
          case UInt8(ascii: "f"): unescaped.append(0x0c)
          case UInt8(ascii: "n"): unescaped.append(0x0a)
          case UInt8(ascii: "r"): unescaped.append(0x0d)
          case UInt8(ascii: "t"): unescaped.append(0x09)
          default: return nil  // \u (and invalid escapes): JSONDecoder's job
          }
        default:
          if b < 0x20 { return nil }
          if b >= 0x80 { ascii = false }
          unescaped.append(b)
        }
      }
      return nil
    }

    /// The text of UTF-8 bytes; nil for invalid UTF-8 (left to JSONDecoder).
    private func makeString(_ text: UnsafeRawBufferPointer, ascii: Bool) -> String? {
      if ascii { return String(decoding: text, as: UTF8.self) }
      return String(validating: text, as: UTF8.self)
    }
  }
}

/// Request contents that can be read by `FlatJSONReader`; `IncomingMessage.decodeContent`
/// tries this first and uses `JSONDecoder` when it returns nil.
protocol FlatJSONDecodable {
  /// The value read from `bytes`, or nil when the reader cannot prove `JSONDecoder`'s result.
  init?(flatJSON bytes: Data)
}

extension MessageHeader: FlatJSONDecodable {
  /// A header read without `JSONDecoder`: `msg_id` and `msg_type` must be strings, the other
  /// known keys strings or null, unknown keys anything the reader understands.
  init?(flatJSON bytes: Data) {
    guard let members = FlatJSONReader.members(bytes) else { return nil }
    var msgID: String?
    var msgType: String?
    var optionals: [String?] = [nil, nil, nil, nil]
    for (key, value) in members {
      let slot: Int
      switch key {
      case "msg_id":
        guard case .string(let s) = value else { return nil }
        msgID = s
        continue
      case "msg_type":
        guard case .string(let s) = value else { return nil }
        msgType = s
        continue
      case "session": slot = 0
      case "username": slot = 1
      case "date": slot = 2
      case "version": slot = 3
      default: continue
      }
      switch value {
      case .string(let s): optionals[slot] = s
      case .null: optionals[slot] = nil
      default: return nil
      }
    }
    guard let msgID, let msgType else { return nil }
    self.init(
      msgID: msgID, msgType: msgType, session: optionals[0], username: optionals[1], date: optionals[2],
      version: optionals[3])
  }
}

extension ExecuteRequest: FlatJSONDecodable {
  /// An execute_request read without `JSONDecoder`, with the same defaults as `init(from:)`.
  init?(flatJSON bytes: Data) {
    guard let members = FlatJSONReader.members(bytes) else { return nil }
    var code: String?
    var flags: [Bool?] = [nil, nil, nil, nil]
    var expressions: [String: String]?
    for (key, value) in members {
      let slot: Int
      switch key {
      case "code":
        guard case .string(let s) = value else { return nil }
        code = s
        continue
      case "user_expressions":
        switch value {
        case .stringMap(let map): expressions = map
        case .null: expressions = nil
        default: return nil
        }
        continue
      case "silent": slot = 0
      case "store_history": slot = 1
      case "allow_stdin": slot = 2
      case "stop_on_error": slot = 3
      default: continue
      }
      switch value {
      case .bool(let b): flags[slot] = b
      case .null: flags[slot] = nil
      default: return nil
      }
    }
    guard let code else { return nil }
    self.init(
      code: code, silent: flags[0] ?? false, storeHistory: flags[1] ?? true, userExpressions: expressions ?? [:],
      allowStdin: flags[2] ?? true, stopOnError: flags[3] ?? true)
  }
}
