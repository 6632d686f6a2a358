import Foundation
import JupyterProtocol
import Testing
import _TestSupport

@testable import Session

/// `saddle run` end to end: the built binary on notebook files, validated by nbformat when
/// the Python venv is available (`testVenvPython()`).
private let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  .appendingPathComponent("saddle")

private func saddleRun(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
  let process = Process()
  process.executableURL = binary
  process.arguments = ["run"] + arguments
  let errors = Pipe()
  process.standardError = errors
  process.standardOutput = Pipe()
  try process.run()
  let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, err)
}

private func scratch() throws -> URL {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("saddle-run-\(UUID())")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir
}

@Test func saddleRunWritesAValidNotebookToTheOutputDirectory() throws {
  try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build saddle first")
  let dir = try scratch()
  defer { try? FileManager.default.removeItem(at: dir) }
  let input = dir.appendingPathComponent("small.ipynb")
  try notebook(["print(\"hi\")\nL(w1, w2) = (1 - w1*w2)^2\ngd(L, from: [0.5, -0.3], lr: 0.05, steps: 3).steps"])
    .serialized().write(to: input, atomically: true, encoding: .utf8)
  let before = try String(contentsOf: input, encoding: .utf8)
  let (status, err) = try saddleRun([input.path, "--output", dir.appendingPathComponent("out").path])
  #expect(status == 0, "\(err)")
  #expect(try String(contentsOf: input, encoding: .utf8) == before, "input untouched")
  let written = dir.appendingPathComponent("out/small.ipynb")
  let nb = try JSONValue.parse(try String(contentsOf: written, encoding: .utf8))
  guard case .array(let cells)? = nb["cells"], case .array(let outs)? = cells[1]["outputs"] else {
    Issue.record("no cells")
    return
  }
  #expect(outs.count == 2)
  #expect(outs[1]["data"]?["text/plain"] == .string("3"))
  guard let python = testVenvPython().map(URL.init(fileURLWithPath:)) else { return }
  let check = Process()
  check.executableURL = python
  check.arguments = [
    "-c",
    "import json, sys, nbformat; s = open(sys.argv[1]).read(); nb = nbformat.reads(s, as_version=4); nbformat.validate(nb); "
      + "assert s == json.dumps(json.loads(s), sort_keys=True, indent=1, ensure_ascii=False) + '\\n'",
    written.path,
  ]
  try check.run()
  check.waitUntilExit()
  #expect(check.terminationStatus == 0, "nbformat.validate rejected \(written.path)")
}

@Test func saddleRunInplaceStopsAtAnErrorWithNonZeroStatus() throws {
  try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build saddle first")
  let dir = try scratch()
  defer { try? FileManager.default.removeItem(at: dir) }
  let input = dir.appendingPathComponent("bad.ipynb")
  try notebook(["1", "1 +* 2", "3"]).serialized().write(to: input, atomically: true, encoding: .utf8)
  let (status, err) = try saddleRun([input.path, "--inplace", "--export-plots", dir.path])
  #expect(status == 1)
  #expect(err.contains("bad.ipynb: cell 3 (In [2]) failed:"))
  #expect(err.contains("SyntaxError"))
  let nb = try JSONValue.parse(try String(contentsOf: input, encoding: .utf8))
  guard case .array(let cells)? = nb["cells"], case .array(let outs)? = cells[2]["outputs"] else {
    Issue.record("no cells")
    return
  }
  #expect(outs.first?["output_type"] == .string("error"))
  #expect(cells[1]["execution_count"] == .int(1))
}

@Test func saddleRunRejectsBadInputClearly() throws {
  try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build saddle first")
  let dir = try scratch()
  defer { try? FileManager.default.removeItem(at: dir) }
  let input = dir.appendingPathComponent("broken.ipynb")
  try "{\"cells\": [".write(to: input, atomically: true, encoding: .utf8)
  let (status, err) = try saddleRun([input.path])
  #expect(status != 0)
  #expect(err.contains("is not valid JSON: line 1, column 12"))
  let both = try saddleRun([input.path, "--inplace", "--output", dir.path])
  #expect(both.status != 0 && both.stderr.contains("either --inplace or --output"))
}
