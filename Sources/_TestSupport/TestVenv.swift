import Foundation

/// The Python of the test venv that `scripts/setup` creates: `$SADDLE_VENV`, else the
/// repository's `.venv`; nil when neither exists (tests that need an independent Python
/// checker then skip that check).
public func testVenvPython() -> String? {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let venvs: [String?] = [
    ProcessInfo.processInfo.environment["SADDLE_VENV"], root.appendingPathComponent(".venv").path,
  ]
  return venvs.compactMap { $0 }.map { "\($0)/bin/python" }.first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
