import Foundation

/// Which CSV column holds the targets.
public enum LabelColumn: Sendable, Equatable {
  /// By position from 0; negative counts from the end (−1 is the last column).
  case index(Int)
  /// By the header's name for it.
  case name(String)
}

extension Dataset {
  /// A data set from a comma-separated file (`load_csv(path, label: column)`).
  ///
  /// The first line is a header when any of its fields is not a number. Every other
  /// column is a feature and must be numeric. The label column may hold numbers (classes
  /// when all are whole numbers ≥ 0, else regression, as `make`) or words (classes named
  /// by them, numbered in sorted order). Blank lines are skipped; quoting is not supported.
  public static func loadCSV(path: String, label: LabelColumn, kind: TargetKind = .automatic) throws -> Dataset {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw DatasetError.unreadable(path: path, reason: "the file cannot be opened or is not UTF-8 text")
    }
    var rows = [(line: Int, fields: [Substring])]()
    // `isNewline` splits "\r\n" too (one Character in Swift, so "\n" alone would not).
    for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      if line.allSatisfy(\.isWhitespace) { continue }
      rows.append((i + 1, line.split(separator: ",", omittingEmptySubsequences: false)))
    }
    guard let first = rows.first else { throw DatasetError.badCSV(path: path, line: 1, reason: "the file has no rows") }
    let hasHeader = first.fields.contains { Double($0.trimmingCharacters(in: .whitespaces)) == nil }
    let header = hasHeader ? first.fields.map { $0.trimmingCharacters(in: .whitespaces) } : nil
    let body = hasHeader ? Array(rows.dropFirst()) : rows
    let width = first.fields.count
    let column = try labelIndex(label, header: header, width: width, path: path)
    guard width >= 2 else {
      throw DatasetError.badCSV(path: path, line: first.line, reason: "need a label and at least one feature column")
    }
    guard !body.isEmpty else {
      throw DatasetError.badCSV(path: path, line: first.line, reason: "the file has a header but no data rows")
    }
    var features = [Double]()
    var raw = [String]()
    for row in body {
      guard row.fields.count == width else {
        throw DatasetError.badCSV(
          path: path, line: row.line, reason: "\(row.fields.count) fields where the first row has \(width)")
      }
      for (j, field) in row.fields.enumerated() {
        let s = field.trimmingCharacters(in: .whitespaces)
        if j == column {
          raw.append(s)
          continue
        }
        guard let v = Double(s), v.isFinite else {
          throw DatasetError.badCSV(
            path: path, line: row.line, reason: "column \(j + 1) holds \"\(s)\", not a finite number")
        }
        features.append(v)
      }
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let numbers = raw.compactMap { Double($0) }
    if numbers.count == raw.count {
      return Dataset(
        name: name, featureCount: width - 1, storage: .float64(features), targets: try makeTargets(numbers, kind: kind))
    }
    guard kind != .regression else {
      throw DatasetError.badCSV(path: path, line: body[0].line, reason: "the label column holds words, not numbers")
    }
    let names = Array(Set(raw)).sorted()
    let number = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    return Dataset(
      name: name, featureCount: width - 1, storage: .float64(features),
      targets: .classes(labels: raw.map { number[$0] ?? 0 }, classCount: names.count), classNames: names)
  }

  private static func labelIndex(_ label: LabelColumn, header: [String]?, width: Int, path: String) throws -> Int {
    switch label {
    case .index(let i):
      let j = i < 0 ? width + i : i
      guard j >= 0, j < width else {
        throw DatasetError.badOption("label column \(i) is outside the \(width) columns of \(path)")
      }
      return j
    case .name(let name):
      guard let header else {
        throw DatasetError.badOption("\(path) has no header row, so give the label column by number")
      }
      guard let j = header.firstIndex(of: name) else {
        throw DatasetError.badOption(
          "\(path) has no column \"\(name)\"; its columns are \(header.joined(separator: ", "))")
      }
      return j
    }
  }
}
