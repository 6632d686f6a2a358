import Foundation
import MathCore

/// How a table shows itself: aligned plain text (numbers right-aligned, text left-aligned,
/// the row number first) and an HTML table with the column names as its header. Long
/// tables show their first and last rows around a `…` row, as pandas does.
extension TableValue {
  /// Tables with more rows than this show only `shownEnds` rows at each end.
  static let fullDisplayLimit = 40
  static let shownEnds = 10

  /// The row numbers the display shows, with nil where rows are left out.
  private var shownRows: [Int?] {
    let n = rowCount
    guard n > TableValue.fullDisplayLimit else { return Array(0..<n) }
    let k = TableValue.shownEnds
    return Array(0..<k) + [nil] + Array((n - k)..<n)
  }

  /// The first line of the plain text and the HTML caption: "table: 3 rows".
  private var heading: String {
    "\(title): \(rowCount) row\(rowCount == 1 ? "" : "s")"
  }

  /// A number in a cell: to 10 significant digits, so `0.8100000000000001` reads `0.81`
  /// (the column itself keeps every digit).
  static func cellNumber(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return NumberFormat.plain(x) }
    return String(format: "%.10g", x)
  }

  /// A cell as short text: numbers to 10 digits, strings unquoted, short one-line
  /// vectors whole, anything larger by its kind ("run", "vector of 100").
  static func cellText(_ v: Value) -> String {
    switch v {
    case .number(let x): return cellNumber(x)
    case .string(let s): return s
    case .bool, .range: return v.plainText
    case .vector(let x) where x.count <= 6: return v.plainText
    case .vector(let x): return "vector of \(x.count)"
    case .matrix(let m): return "matrix \(m.rows)×\(m.columns)"
    default: return v.typeName
    }
  }

  private var rightAligned: [Bool] {
    columns.map { if case .numbers = $0 { true } else { false } }
  }

  /// The plain text: heading, then the header and one aligned line per shown row.
  public var plainText: String {
    let rows = shownRows
    let indexTexts = rows.map { $0.map(String.init) ?? "…" }
    var grid: [[String]] = [[""] + names]
    for (k, r) in rows.enumerated() {
      grid.append([indexTexts[k]] + columns.map { c in r.map { TableValue.cellText(c.cell($0)) } ?? "…" })
    }
    let widths = (0...names.count).map { j in grid.map { $0[j].count }.max() ?? 0 }
    let right = [true] + rightAligned
    let lines = grid.map { cells in
      cells.enumerated().map { j, text in
        let pad = String(repeating: " ", count: widths[j] - text.count)
        return right[j] ? pad + text : text + pad
      }.joined(separator: "  ")
    }
    return ([heading] + lines.map { String($0.reversed().drop { $0 == " " }.reversed()) })
      .joined(separator: "\n")
  }

  /// An HTML table: caption, a header row of column names, one row per shown row.
  public var html: String {
    let esc = Record.escape
    var out = "<table>\n<caption>\(esc(heading))</caption>\n<thead><tr><th></th>"
    out += names.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
    let align = rightAligned.map { $0 ? "right" : "left" }
    for r in shownRows {
      out += "<tr><th>\(r.map(String.init) ?? "…")</th>"
      for (j, c) in columns.enumerated() {
        let text = r.map { TableValue.cellText(c.cell($0)) } ?? "…"
        out += "<td style=\"text-align:\(align[j])\">\(esc(text))</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table>"
  }
}
