/// Text and LaTeX layouts of vectors and matrices, aligned like numpy's array repr.
///
/// Every element is formatted with `NumberFormat.plain` and right-aligned to the widest
/// element, so columns line up: `[[ 0, -2],\n [-2,  0]]`. Arrays with more than
/// `summaryThreshold` elements show their first and last three entries around `...`.
public enum ArrayFormat {
  /// Arrays with more elements than this are summarised (numpy's threshold).
  public static let summaryThreshold = 1000
  static let edgeItems = 3

  /// `[1, 2, 3]`, right-aligned; summarised around `...` above `threshold` elements.
  public static func plain(_ v: Vector, threshold: Int = summaryThreshold) -> String {
    let shown = indices(v.count, threshold: threshold)
    let width = shown.map { NumberFormat.plain(v[$0]).count }.max() ?? 0
    let gap = gapIndex(v.count, threshold: threshold)
    return "[" + row(shown.map { v[$0] }, width: width, gapAfter: gap) + "]"
  }

  /// `[[1, 2],\n [3, 4]]`, right-aligned across the whole matrix; summarised around `...`
  /// above `threshold` elements.
  public static func plain(_ m: Matrix, threshold: Int = summaryThreshold) -> String {
    if m.rows == 0 { return "[]" }
    let summarise = m.rows * m.columns > threshold
    let rowIdx = summarise ? indices(m.rows, threshold: 0) : Array(0..<m.rows)
    let colIdx = summarise ? indices(m.columns, threshold: 0) : Array(0..<m.columns)
    var width = 0
    for i in rowIdx { for j in colIdx { width = max(width, NumberFormat.plain(m[i, j]).count) } }
    let gap = summarise ? gapIndex(m.columns, threshold: 0) : nil
    var lines: [String] = []
    for (k, i) in rowIdx.enumerated() {
      if summarise, m.rows > 2 * edgeItems, k == edgeItems { lines.append(" ...") }
      lines.append(
        (k == 0 ? "[[" : " [") + row(colIdx.map { m[i, $0] }, width: width, gapAfter: gap) + "]")
    }
    return lines.joined(separator: ",\n") + "]"
  }

  /// A column vector: `$$\begin{bmatrix}1 \\ 2\end{bmatrix}$$`.
  public static func latex(_ v: Vector) -> String {
    let shown = indices(v.count, threshold: summaryThreshold)
    var items = shown.map { NumberFormat.latex(v[$0]) }
    if let g = gapIndex(v.count, threshold: summaryThreshold) { items.insert("\\vdots", at: g) }
    return "$$\\begin{bmatrix}" + items.joined(separator: " \\\\ ") + "\\end{bmatrix}$$"
  }

  /// `$$\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}$$`.
  public static func latex(_ m: Matrix) -> String {
    let summarise = m.rows * m.columns > summaryThreshold
    let rowIdx = summarise ? indices(m.rows, threshold: 0) : Array(0..<m.rows)
    let colIdx = summarise ? indices(m.columns, threshold: 0) : Array(0..<m.columns)
    var rows = rowIdx.map { i in colIdx.map { NumberFormat.latex(m[i, $0]) } }
    if summarise, m.columns > 2 * edgeItems {
      for r in rows.indices { rows[r].insert("\\cdots", at: edgeItems) }
    }
    var lines = rows.map { $0.joined(separator: " & ") }
    if summarise, m.rows > 2 * edgeItems { lines.insert("\\vdots", at: edgeItems) }
    return "$$\\begin{bmatrix}" + lines.joined(separator: " \\\\ ") + "\\end{bmatrix}$$"
  }

  private static func row(_ values: [Double], width: Int, gapAfter: Int?) -> String {
    var items = values.map { pad(NumberFormat.plain($0), width) }
    if let g = gapAfter { items.insert("...", at: g) }
    return items.joined(separator: ", ")
  }

  private static func pad(_ s: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - s.count)) + s
  }

  /// The indices shown of `count` items: all, or the edge items when `count` exceeds `threshold`.
  private static func indices(_ count: Int, threshold: Int) -> [Int] {
    guard count > threshold, count > 2 * edgeItems else { return Array(0..<count) }
    return Array(0..<edgeItems) + Array((count - edgeItems)..<count)
  }

  /// Where `...` goes among the shown items, if anything is left out.
  private static func gapIndex(_ count: Int, threshold: Int) -> Int? {
    count > threshold && count > 2 * edgeItems ? edgeItems : nil
  }
}
