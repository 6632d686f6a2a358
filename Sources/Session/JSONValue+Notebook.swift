import JupyterProtocol

/// Notebooks are `JSONValue`s (JupyterProtocol's one JSON type); this is what nbformat adds:
/// multi-line strings, and the file layout nbformat writes.
///
/// The layout matters because notebooks are committed: `json.dumps(nb, sort_keys=True,
/// indent=1, ensure_ascii=False)`, so a notebook re-executed here diffs only where outputs changed.
extension JSONValue {
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
    case .string(let s): JSONValue.quote(s, into: &out)
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
        JSONValue.quote(key, into: &out)
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
