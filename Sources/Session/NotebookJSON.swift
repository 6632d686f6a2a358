import Foundation

/// A JSON value, enough to read any notebook and write it back the way nbformat does.
///
/// Why our own: notebooks must round-trip unknown metadata exactly, keep integers apart from
/// floats and booleans apart from numbers (JSONSerialization on Linux blurs both), and be
/// written with sorted keys and a one-space indent like `json.dumps(nb, sort_keys=True,
/// indent=1, ensure_ascii=False)`.
public enum NotebookJSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([NotebookJSON])
  case object([String: NotebookJSON])

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> NotebookJSON? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  public var objectValue: [String: NotebookJSON]? {
    if case .object(let o) = self { return o }
    return nil
  }

  public var intValue: Int? {
    if case .int(let i) = self { return i }
    return nil
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// A string, or an array of strings joined (nbformat's "multiline string").
  public var multilineText: String? {
    switch self {
    case .string(let s): return s
    case .array(let items): return items.compactMap(\.stringValue).joined()
    default: return nil
    }
  }

  /// The text as nbformat writes it: sorted keys, one-space indent, non-ASCII kept, "\n" at the end.
  public func serialized() -> String {
    var out = ""
    write(to: &out, indent: 0)
    return out + "\n"
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += d.isFinite ? "\(d)" : "null"
    case .string(let s): NotebookJSON.quote(s, into: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += String(repeating: " ", count: indent + 1)
        item.write(to: &out, indent: indent + 1)
        out += i == items.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      let keys = members.keys.sorted()
      for (i, key) in keys.enumerated() {
        out += String(repeating: " ", count: indent + 1)
        NotebookJSON.quote(key, into: &out)
        out += ": "
        members[key]!.write(to: &out, indent: indent + 1)
        out += i == keys.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  /// A JSON string literal with Python's escapes (control characters as \u00XX).
  private static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
