import Foundation
import Language

/// The annotated cell corpus: every file in Corpus/ is a sequence of cells run in order in
/// one runtime (definitions carry over, failing cells must not disturb later ones).
///
/// Format: cells are separated by lines starting with `---`. Annotations are comments:
/// `// expect: <text/plain>` (repeat the line for multi-line output), `// expect none`,
/// `// expect error: <Kind>: <message> @ <line>:<column>`, `// expect latex: <text/latex>`,
/// `// expect stdout: <line>` / `// expect stderr: <line>` (each adds one line),
/// `// expect display: <text/plain>`, `// expect page: <first line of the page>`,
/// `// input: <line>` feeds `input()`, `// interrupt` runs the cell with the stop flag set.
public struct CorpusCell {
  public var file: String
  public var line: Int
  public var source = ""
  public var expect: [String] = []
  public var expectNone = false
  public var error: String?
  public var latex: String?
  public var stdout: [String] = []
  public var stderr: [String] = []
  public var displays: [String] = []
  public var page: String?
  public var inputs: [String] = []
  public var interrupted = false

  public var hasExpectation: Bool {
    !expect.isEmpty || expectNone || error != nil || latex != nil || !stdout.isEmpty
      || !stderr.isEmpty
      || !displays.isEmpty || page != nil
  }
}

public enum Corpus {
  /// The cells of every `.saddle` file in `dir`, in file-name order.
  public static func load(from dir: URL) throws -> [CorpusCell] {
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
      $0.hasSuffix(".saddle")
    }.sorted()
    return try files.flatMap {
      try parse(String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8), file: $0)
    }
  }

  /// The cells of one corpus file.
  public static func parse(_ text: String, file: String) -> [CorpusCell] {
    var cells: [CorpusCell] = []
    var cell = CorpusCell(file: file, line: 1)
    var lines: [String] = []
    func finish(next: Int) {
      cell.source = lines.joined(separator: "\n")
      if !cell.source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { cells.append(cell) }
      cell = CorpusCell(file: file, line: next)
      lines = []
    }
    for (i, raw) in text.components(separatedBy: "\n").enumerated() {
      if raw.hasPrefix("---") {
        finish(next: i + 2)
        continue
      }
      annotate(&cell, String(raw.drop { $0 == " " }))
      lines.append(raw)
    }
    finish(next: 0)
    return cells
  }

  private static func annotate(_ cell: inout CorpusCell, _ line: String) {
    func value(_ prefix: String) -> String? {
      line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
    }
    if let v = value("// expect: ") { cell.expect.append(v) }
    if line == "// expect none" { cell.expectNone = true }
    if let v = value("// expect error: ") { cell.error = v }
    if let v = value("// expect latex: ") { cell.latex = v }
    if let v = value("// expect stdout: ") { cell.stdout.append(v) }
    if let v = value("// expect stderr: ") { cell.stderr.append(v) }
    if let v = value("// expect display: ") { cell.displays.append(v) }
    if let v = value("// expect page: ") { cell.page = v }
    if let v = value("// input: ") { cell.inputs.append(v) }
    if line == "// interrupt" { cell.interrupted = true }
  }

  /// Runs the cell and returns the mismatches (empty when it behaves as annotated).
  public static func check(_ cell: CorpusCell, _ runtime: Runtime) -> [String] {
    let host = RecordingHost()
    host.inputs = cell.inputs
    var problems: [String] = []
    if cell.interrupted { runtime.cancellation.set() }
    defer { runtime.cancellation.reset() }
    do {
      let value = try runtime.run(cell.source, host: host)
      if let e = cell.error { problems.append("expected error \(e) but the cell succeeded") }
      let plain = value?.plainText
      if !cell.expect.isEmpty, plain != cell.expect.joined(separator: "\n") {
        problems.append(
          "expected:\n\(cell.expect.joined(separator: "\n"))\ngot:\n\(plain ?? "<no value>")")
      }
      if cell.expectNone, let plain { problems.append("expected no value, got \(plain)") }
      if let l = cell.latex, value?.representations["text/latex"] != l {
        problems.append(
          "expected latex \(l), got \(value?.representations["text/latex"] ?? "<none>")")
      }
    } catch {
      let loc = error.location(in: cell.source).map { " @ \($0.line):\($0.column)" } ?? ""
      let got = "\(error.kind.rawValue): \(error.message)\(loc)"
      if got != cell.error {
        problems.append("expected \(cell.error ?? "success"), got error \(got)")
      }
    }
    let out = cell.stdout.map { $0 + "\n" }.joined()
    if !cell.stdout.isEmpty, host.stdout != out {
      problems.append(
        "stdout: expected \(out.debugDescription), got \(host.stdout.debugDescription)")
    }
    if cell.stdout.isEmpty, !host.stdout.isEmpty {
      problems.append("unexpected stdout \(host.stdout.debugDescription)")
    }
    let err = cell.stderr.map { $0 + "\n" }.joined()
    if host.stderr != err {
      problems.append(
        "stderr: expected \(err.debugDescription), got \(host.stderr.debugDescription)")
    }
    let shown = host.displays.map { $0.0.plainText }
    if shown != cell.displays {
      problems.append("displays: expected \(cell.displays), got \(shown)")
    }
    if let p = cell.page, host.pages.first?.components(separatedBy: "\n").first != p {
      problems.append("page: expected \(p), got \(host.pages)")
    }
    return problems
  }
}
