import Foundation
import Language
import Testing
import _LanguageTestSupport

/// docs/language.md: its ```saddle examples run as annotated, and its builtin list is the table's.
private let docsURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("docs/language.md")

/// The ```saddle blocks of the page, with the line each starts on.
private func saddleBlocks(_ text: String) -> [(line: Int, body: String)] {
  var blocks: [(Int, String)] = []
  var current: [String]?
  var start = 0
  for (i, line) in text.components(separatedBy: "\n").enumerated() {
    if current == nil, line == "```saddle" {
      current = []
      start = i + 2
    } else if current != nil, line == "```" {
      blocks.append((start, current!.joined(separator: "\n")))
      current = nil
    } else if current != nil {
      current!.append(line)
    }
  }
  return blocks
}

/// The markdown list of builtins generated from the table.
private func builtinList() -> String {
  BuiltinTable.withPacks.entries.map { "- `\($0.signature)`: \($0.summary)" }.joined(separator: "\n")
}

@Test func docsExamplesRunAsAnnotated() throws {
  let text = try String(contentsOf: docsURL, encoding: .utf8)
  let runtime = Runtime(builtins: .withPacks)
  var failures: [String] = []
  var count = 0
  for block in saddleBlocks(text) {
    for cell in Corpus.parse(block.body, file: "docs/language.md") {
      count += 1
      if !cell.hasExpectation {
        failures.append("line \(block.line + cell.line - 1): example has no expectation")
      }
      for problem in Corpus.check(cell, runtime) {
        failures.append("line \(block.line + cell.line - 1): \(problem)")
      }
    }
  }
  #expect(count >= 30)
  #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
}

/// Set SADDLE_RECORD_DOCS=1 to rewrite the list between the markers from the table.
@Test func docsListEveryBuiltinFromTheTable() throws {
  var text = try String(contentsOf: docsURL, encoding: .utf8)
  let begin = try #require(text.range(of: "<!-- builtins:begin -->\n"))
  let end = try #require(text.range(of: "<!-- builtins:end -->"))
  let expected = builtinList() + "\n"
  if ProcessInfo.processInfo.environment["SADDLE_RECORD_DOCS"] == "1" {
    text.replaceSubrange(begin.upperBound..<end.lowerBound, with: expected)
    try text.write(to: docsURL, atomically: true, encoding: .utf8)
  }
  let current = String(text[begin.upperBound..<end.lowerBound])
  #expect(
    current == expected,
    "docs/language.md's builtin list is out of date; run with SADDLE_RECORD_DOCS=1")
  for name in BuiltinTable.withPacks.names {
    #expect(current.contains("`\(name)("), "\(name) missing from docs")
  }
}
