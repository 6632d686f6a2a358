import Foundation

/// Content structs that write their own JSON, bypassing `JSONEncoder` on the hot path.
///
/// Why: every execute sends execute_input, a result and a reply, and Foundation's encoder
/// (reflection-driven containers, a fresh encoder per message) was a large part of the
/// kernel's own share of a trivial round trip. The output must parse to exactly what
/// `JSONEncoder` produces; `JSONWriterTests` checks that with `JSONSerialization`.
public protocol JSONWritable {
  /// Appends this value's JSON object to `writer`.
  func write(to writer: inout JSONWriter)
}

extension JSONWritable {
  /// The value's JSON as bytes.
  public var jsonBytes: Data {
    var writer = JSONWriter()
    write(to: &writer)
    return Data(writer.bytes)
  }
}

/// A minimal append-only JSON writer (RFC 8259): strings escaped, integers as integers,
/// non-finite doubles as `null`. Callers write the structure; member separators are
/// handled by `key(_:)`, which must be called inside `object { }`.
public struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  /// Whether the innermost open object or array already has a member (needs a comma).
  private var needsComma: [Bool] = []

  public init() { bytes.reserveCapacity(256) }

  /// Writes `{ … }` around `body`.
  public mutating func object(_ body: (inout JSONWriter) -> Void) {
    open(UInt8(ascii: "{"))
    body(&self)
    close(UInt8(ascii: "}"))
  }

  /// Writes `[ … ]` around `body`; call `element()` before each element.
  public mutating func array(_ body: (inout JSONWriter) -> Void) {
    open(UInt8(ascii: "["))
    body(&self)
    close(UInt8(ascii: "]"))
  }

  /// Starts an object member: a separating comma if needed, then `"name":`.
  public mutating func key(_ name: String) {
    element()
    string(name)
    bytes.append(UInt8(ascii: ":"))
  }

  /// Starts an array element (writes the separating comma if needed).
  public mutating func element() {
    if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    needsComma[needsComma.count - 1] = true
  }

  /// Writes an integer.
  public mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

  /// Writes `true` or `false`.
  public mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

  /// Writes `null`.
  public mutating func null() { bytes.append(contentsOf: "null".utf8) }

  /// Writes a double; NaN and ±∞ become `null` (JSON has neither).
  public mutating func double(_ value: Double) {
    guard value.isFinite else { return null() }
    bytes.append(contentsOf: "\(value)".utf8)
  }

  /// Writes a quoted string, escaping `"`, `\` and control characters; everything else,
  /// including non-BMP characters, is copied as UTF-8 (valid JSON).
  public mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    for b in value.utf8 {
      switch b {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5c, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5c, 0x5c])
      case 0x0a: bytes.append(contentsOf: [0x5c, UInt8(ascii: "n")])
      case 0x0d: bytes.append(contentsOf: [0x5c, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5c, UInt8(ascii: "t")])
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xf)]])
      default: bytes.append(b)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Writes any `JSONValue` (objects' keys in sorted order, for stable output).
  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let b): bool(b)
    case .int(let i): int(i)
    case .double(let d): double(d)
    case .string(let s): string(s)
    case .array(let items):
      array { w in
        for item in items {
          w.element()
          w.value(item)
        }
      }
    case .object(let members): stringKeyed(members) { w, v in w.value(v) }
    }
  }

  /// Writes a dictionary as an object, keys sorted, values by `write`.
  public mutating func stringKeyed<V>(_ members: [String: V], _ write: (inout JSONWriter, V) -> Void) {
    object { w in
      for name in members.keys.sorted() {
        w.key(name)
        write(&w, members[name]!)
      }
    }
  }

  private mutating func open(_ byte: UInt8) {
    bytes.append(byte)
    needsComma.append(false)
  }

  private mutating func close(_ byte: UInt8) {
    needsComma.removeLast()
    bytes.append(byte)
  }
}
