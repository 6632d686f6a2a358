import Foundation
import MathCore

/// How values show themselves: MIME type → content, `text/plain` always present.
extension Value {
  /// The value's representations keyed by MIME type (`text/plain`, `text/latex`, `text/html`),
  /// drawn to the end (no stop flag).
  public var representations: [String: String] { rendering(cancellation: nil).data }

  /// The representations, plus why any a custom value meant to make is missing: each reason
  /// is also a line of `text/plain` ("(not drawn: …)"), so every frontend shows it. A host
  /// passes its stop flag as `cancellation`: a custom value's drawing polls it and is left
  /// out once it is set (see `CustomValue.rendered(cancellation:)`).
  public func rendering(cancellation: CancellationFlag?) -> Rendering {
    var data = ["text/plain": plainText]
    if let latex { data["text/latex"] = latex }
    if case .record(let r) = self { data["text/html"] = r.html }
    if case .table(let t) = self { data["text/html"] = t.html }
    guard case .custom(let c) = self else { return Rendering(data: data) }
    let made = c.rendered(cancellation: cancellation)
    data.merge(made.data) { mine, _ in mine }
    for failure in made.failures { data["text/plain", default: ""] += "\n(not drawn: \(failure))" }
    return Rendering(data: data, failures: made.failures)
  }

  /// Per-MIME-type metadata of the representations (image sizes); empty for built-in kinds.
  public var displayMetadata: [String: [String: Int]] {
    if case .custom(let c) = self { return c.metadata }
    return [:]
  }

  /// The `text/plain` form.
  public var plainText: String {
    switch self {
    case .number(let x): return NumberFormat.plain(x)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return Value.quoted(s)
    case .vector(let v): return ArrayFormat.plain(v)
    case .matrix(let m): return ArrayFormat.plain(m)
    case .range(let lo, let hi): return "\(NumberFormat.plain(lo))...\(NumberFormat.plain(hi))"
    case .tuple(let items):
      return "(" + items.map(\.plainText).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    case .record(let r): return r.plainText
    case .table(let t): return t.plainText
    case .function(let f): return f.plainText
    case .builtin(let b): return b.helpText
    case .closure(let c): return c.plainText
    case .custom(let c): return c.plainText
    case .text(let t): return t
    case .none: return ""
    }
  }

  /// The `text/latex` form (`$$…$$`) for numbers, vectors, matrices, ranges and functions.
  public var latex: String? {
    switch self {
    case .number(let x): return "$$\(NumberFormat.latex(x))$$"
    case .vector(let v): return ArrayFormat.latex(v)
    case .matrix(let m): return ArrayFormat.latex(m)
    case .range(let lo, let hi):
      return "$$\\left[\(NumberFormat.latex(lo)), \(NumberFormat.latex(hi))\\right]$$"
    case .function(let f): return "$$\(f.latexText)$$"
    default: return nil
    }
  }

  /// A string in source syntax: `"a\"b"`.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for c in s {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(c)
      }
    }
    return out + "\""
  }
}

extension Value {
  /// Arrays longer than this are summarised inside records (`run.points` shows them whole).
  static let recordFieldThreshold = 20

  /// The plain text of a record field: long vectors and matrices show their first and last
  /// items around `...`, so a run's 10,000 points stay a few lines.
  var fieldText: String {
    switch self {
    case .vector(let v): return ArrayFormat.plain(v, threshold: Value.recordFieldThreshold)
    case .matrix(let m): return ArrayFormat.plain(m, threshold: Value.recordFieldThreshold)
    default: return plainText
    }
  }
}

extension Record {
  /// The fields the display shows, and (when some are unlisted) an "also" line naming the rest.
  private var listing: (shown: [Field], also: String?) {
    guard !unlisted.isEmpty else { return (fields, nil) }
    let rest = fields.filter { unlisted.contains($0.name) }.map(\.name)
    return (fields.filter { !unlisted.contains($0.name) }, rest.joined(separator: ", "))
  }

  /// A two-column plain table: the title, then `name: value` with multi-line values aligned.
  var plainText: String {
    let (shown, also) = listing
    let names = shown.map(\.name) + (also == nil ? [] : ["also"])
    let width = (names.map(\.count).max() ?? 0) + 2
    var lines = [typeName]
    if fields.isEmpty { lines.append("  (empty)") }
    func head(_ name: String) -> String {
      "  " + name + ":" + String(repeating: " ", count: width - name.count - 1)
    }
    for field in shown {
      let h = head(field.name)
      let body = field.value.fieldText.split(separator: "\n", omittingEmptySubsequences: false)
      for (i, line) in body.enumerated() {
        lines.append((i == 0 ? h : String(repeating: " ", count: h.count)) + line)
      }
    }
    if let also { lines.append(head("also") + also) }
    return lines.joined(separator: "\n")
  }

  /// An HTML table with the record type as caption.
  var html: String {
    let (shown, also) = listing
    var out = "<table>\n<caption>\(Record.escape(typeName))</caption>\n"
    for field in shown {
      out += "<tr><th style=\"text-align:left\">\(Record.escape(field.name))</th>"
      out +=
        "<td style=\"text-align:left\"><pre>\(Record.escape(field.value.fieldText))</pre></td></tr>\n"
    }
    if let also {
      out +=
        "<tr><th style=\"text-align:left\">also</th><td style=\"text-align:left\">\(Record.escape(also))</td></tr>\n"
    }
    return out + "</table>"
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
