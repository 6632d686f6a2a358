import Foundation
import Language
import Testing
import _LanguageTestSupport

/// The annotated cell corpus (Corpus/, format in `_LanguageTestSupport`'s `Corpus`): every
/// file is a sequence of cells run in order in one runtime with the packs' table
/// (definitions carry over, failing cells must not disturb later ones).
@Test func corpusCellsBehaveAsAnnotated() throws {
  let cells = try Corpus.load(from: try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil)))
  #expect(cells.count >= 200, "the corpus should hold at least 200 cells, found \(cells.count)")
  var runtimes: [String: Runtime] = [:]
  var failures: [String] = []
  for cell in cells {
    let runtime = runtimes[cell.file] ?? Runtime(builtins: .withPacks)
    runtimes[cell.file] = runtime
    if !cell.hasExpectation {
      failures.append("\(cell.file):\(cell.line): cell has no expectation")
    }
    for problem in Corpus.check(cell, runtime) {
      failures.append("\(cell.file):\(cell.line): \(problem)")
    }
  }
  #expect(
    failures.isEmpty,
    "\(failures.count) of \(cells.count) corpus cells failed:\n\(failures.joined(separator: "\n\n"))"
  )
}
