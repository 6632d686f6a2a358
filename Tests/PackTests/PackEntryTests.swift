import Language
import Testing
import _LanguageTestSupport

/// Every entry of the packs' table (with the language's core) has a summary, a signature
/// starting with its name and an example that runs.
@Test func everyBuiltinHasSummaryExampleAndRunnableExample() throws {
  for b in BuiltinTable.withPacks.entries {
    #expect(!b.summary.isEmpty, "\(b.name)")
    #expect(b.signature.hasPrefix(b.name + "("))
    // input needs a user, sleep takes time, load_csv a file (tested on one it writes).
    if b.name == "input" || b.name == "sleep" || b.name == "load_csv" { continue }
    let i = Runtime(builtins: .withPacks)
    #expect(throws: Never.self, "example of \(b.name)") {
      try i.run(b.example, host: RecordingHost())
    }
  }
}
