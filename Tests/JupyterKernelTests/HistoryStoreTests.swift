import Foundation
import JupyterProtocol
import Testing

@testable import JupyterKernel

/// A fresh temporary directory for one test (never the user's home), removed afterwards.
final class TemporaryDirectory {
  let path: String

  init() {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("saddle-history-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// A history file path inside, in a subdirectory the store has to create.
  var historyFile: String { path + "/data/saddle/history.jsonl" }
}

private func request(_ content: JSONValue) throws -> HistoryRequest {
  try JSONDecoder().decode(HistoryRequest.self, from: JSONEncoder().encode(content))
}

/// `[session, line]` pairs of entries, for compact expectations.
private func positions(_ entries: [HistoryEntry]) -> [[Int]] { entries.map { [$0.session, $0.line] } }

private func fileLines(_ path: String) throws -> [String] {
  try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
}

@Suite struct HistoryStoreTests {
  @Test func eachStoreTakesTheNextSessionAfterTheLargestInTheFile() throws {
    let dir = TemporaryDirectory()
    #expect(try HistoryStore(path: dir.historyFile).claimSession() == 1)
    #expect(try HistoryStore(path: dir.historyFile).claimSession() == 2)
    // A cell of a later session (say, written by hand) counts too.
    let handWritten = HistoryRecord(HistoryEntry(session: 7, line: 1, input: "x", output: nil)).line
    let handle = try #require(FileHandle(forWritingAtPath: dir.historyFile))
    handle.seekToEndOfFile()
    handle.write(handWritten)
    handle.closeFile()
    #expect(try HistoryStore(path: dir.historyFile).claimSession() == 8)
    let starts = try fileLines(dir.historyFile).filter { $0.contains("\"start\"") }
    #expect(starts.count == 3)
  }

  @Test func sessionIsTakenLazilyAndFileIsUntouchedUntilThen() throws {
    let dir = TemporaryDirectory()
    let history = History(location: .file(dir.historyFile))
    #expect(!FileManager.default.fileExists(atPath: dir.historyFile))
    history.append(line: 1, input: "a", output: "1")
    #expect(history.session == 1)
    #expect(try fileLines(dir.historyFile).count == 2)  // session start + the cell
  }

  @Test func tailRangeAndSearchSpanSessions() throws {
    let dir = TemporaryDirectory()
    let first = History(location: .file(dir.historyFile))
    for (line, code) in ["value 1", "print x", "value 2"].enumerated() {
      first.append(line: line + 1, input: code, output: code.hasPrefix("value") ? String(code.last!) : nil)
    }
    let second = History(location: .file(dir.historyFile))
    second.append(line: 1, input: "value 1", output: "1")
    second.append(line: 2, input: "plot f", output: nil)
    let third = History(location: .file(dir.historyFile))
    #expect([first.session, second.session, third.session] == [1, 2, 3] as [Int])

    // Read-your-writes: a cell stored after the file was read still shows up.
    #expect(positions(third.select(try request(["hist_access_type": "tail", "n": 3]))) == [[1, 3], [2, 1], [2, 2]])
    third.append(line: 1, input: "value 3", output: "3")
    #expect(positions(third.select(try request(["hist_access_type": "tail", "n": 2]))) == [[2, 2], [3, 1]])
    let all = third.select(try request(["hist_access_type": "tail", "n": 100, "output": true]))
    #expect(all.map(\.input) == ["value 1", "print x", "value 2", "value 1", "plot f", "value 3"])
    #expect(all.map(\.output) == ["1", nil, "2", "1", nil, "3"])

    func range(_ session: Int, _ start: Int = 0, _ stop: Int? = nil) throws -> [[Int]] {
      var content: [String: JSONValue] = ["hist_access_type": "range", "session": .int(session), "start": .int(start)]
      if let stop { content["stop"] = .int(stop) }
      return positions(third.select(try request(.object(content))))
    }
    #expect(try range(0) == [[3, 1]])
    #expect(try range(-1) == [[2, 1], [2, 2]])
    #expect(try range(-2, 2) == [[1, 2], [1, 3]])
    #expect(try range(1, 1, 3) == [[1, 1], [1, 2]])
    #expect(try range(2, 2, nil) == [[2, 2]])
    #expect(try range(3) == [[3, 1]])
    #expect(try range(-3).isEmpty && range(9).isEmpty)

    func search(_ pattern: String, unique: Bool = false, n: Int? = nil) throws -> [[Int]] {
      var content: [String: JSONValue] = [
        "hist_access_type": "search", "pattern": .string(pattern), "unique": .bool(unique),
      ]
      if let n { content["n"] = .int(n) }
      return positions(third.select(try request(.object(content))))
    }
    #expect(try search("value ?") == [[1, 1], [1, 3], [2, 1], [3, 1]])
    #expect(try search("value 1", unique: true) == [[2, 1]])
    #expect(try search("value*", unique: true) == [[1, 3], [2, 1], [3, 1]])
    #expect(try search("*", n: 2) == [[2, 2], [3, 1]])
    #expect(try search("p*") == [[1, 2], [2, 2]])

    let encoded = History.encode(Array(all.suffix(1)), output: true)
    #expect(encoded == [[3, 1, ["value 3", "3"]]])
  }

  /// Regression: with two notebooks open, the console's up-arrow of the first recalled the
  /// second's cells, because tail ordered sessions by number and the second's is larger.
  @Test func tailWithTwoKernelsOnOneFileEndsWithTheOwnSession() throws {
    let dir = TemporaryDirectory()
    let older = History(location: .file(dir.historyFile))
    older.append(line: 1, input: "a = 1", output: nil)
    let newer = History(location: .file(dir.historyFile))
    newer.append(line: 1, input: "b = 2", output: nil)
    newer.append(line: 2, input: "b + 1", output: "3")
    older.append(line: 2, input: "a + 1", output: "2")
    #expect([older.session, newer.session] == [1, 2] as [Int])

    let tail = { (h: History, n: Int) throws -> [[Int]] in
      positions(h.select(try request(["hist_access_type": "tail", "n": .int(n)])))
    }
    #expect(try tail(older, 10) == [[2, 1], [2, 2], [1, 1], [1, 2]])
    #expect(try tail(older, 3) == [[2, 2], [1, 1], [1, 2]])
    #expect(try tail(older, 2) == [[1, 1], [1, 2]])
    #expect(try tail(newer, 10) == [[1, 1], [1, 2], [2, 1], [2, 2]])
    #expect(try tail(newer, 0).isEmpty)
    // Search keeps IPython's order by session number.
    let search = older.select(try request(["hist_access_type": "search", "pattern": "*"]))
    #expect(positions(search) == [[1, 1], [1, 2], [2, 1], [2, 2]])
  }

  @Test func tornAndGarbledLinesAreSkippedAndATornEndIsClosed() throws {
    let dir = TemporaryDirectory()
    let store = HistoryStore(path: dir.historyFile)
    let session = try store.claimSession()
    try store.append(HistoryEntry(session: session, line: 1, input: "kept 1", output: "1"))
    let handle = try #require(FileHandle(forWritingAtPath: dir.historyFile))
    handle.seekToEndOfFile()
    handle.write(Data("not json at all\n{\"session\": 1, \"line\": 2}\n\u{FF}\n{\"session\":1,\"line\":3,\"inp".utf8))
    handle.closeFile()
    try store.append(HistoryEntry(session: session, line: 4, input: "kept 4", output: nil))
    #expect(try store.readEntries().map(\.input) == ["kept 1", "kept 4"])
    // The next kernel still numbers past the torn line's session.
    #expect(try HistoryStore(path: dir.historyFile).claimSession() == session + 1)
  }

  @Test func twoStoresAppendingAtOnceNeverInterleaveLines() throws {
    let dir = TemporaryDirectory()
    let path = dir.historyFile
    let perWriter = 400
    // A long input makes a torn or interleaved write visible as an unparsable line.
    let filler = String(repeating: "x", count: 3000)
    DispatchQueue.concurrentPerform(iterations: 2) { writer in
      let store = HistoryStore(path: path)
      guard let session = try? store.claimSession() else { return }
      for line in 1...perWriter {
        try? store.append(HistoryEntry(session: session, line: line, input: "w\(writer) \(filler)", output: "\(line)"))
      }
    }
    let entries = try HistoryStore(path: path).readEntries()
    #expect(entries.count == 2 * perWriter)
    #expect(try fileLines(path).count == 2 * perWriter + 2)
    for session in Set(entries.map(\.session)) {
      #expect(entries.filter { $0.session == session }.map(\.line) == Array(1...perWriter))
    }
    #expect(Set(entries.map(\.session)) == [1, 2])
  }

  @Test func theFileIsCappedToItsNewestHalf() throws {
    let dir = TemporaryDirectory()
    let limits = HistoryStore.Limits(maxBytes: 1_000_000, maxLines: 100)
    let store = HistoryStore(path: dir.historyFile, limits: limits)
    let session = try store.claimSession()
    for line in 1...250 {
      try store.append(HistoryEntry(session: session, line: line, input: "cell \(line)", output: nil))
      #expect(try fileLines(dir.historyFile).count <= 100)
    }
    let lines = try store.readEntries().map(\.line)
    #expect(lines.last == 250)
    #expect(lines == Array(lines.first!...250))
    #expect(lines.count >= 50)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/data/saddle")
    #expect(leftovers == ["history.jsonl"])

    // The byte cap, and a rewrite at a session's start.
    let byBytes = HistoryStore.Limits(maxBytes: 2_000, maxLines: 100_000)
    let big = HistoryStore(path: dir.historyFile, limits: byBytes)
    let next = try big.claimSession()
    #expect(next == session + 1)
    let size = try #require(FileManager.default.attributesOfItem(atPath: dir.historyFile)[.size] as? Int)
    #expect(size <= 1_000)
    for line in 1...100 {
      try big.append(HistoryEntry(session: next, line: line, input: "second \(line)", output: nil))
    }
    let after = try #require(FileManager.default.attributesOfItem(atPath: dir.historyFile)[.size] as? Int)
    #expect(after <= 2_000)
    #expect(try big.readEntries().last?.input == "second 100")
  }

  @Test func storesKeepWritingWhileAnotherRewritesTheFile() throws {
    let dir = TemporaryDirectory()
    let path = dir.historyFile
    let limits = HistoryStore.Limits(maxBytes: 20_000, maxLines: 60)
    DispatchQueue.concurrentPerform(iterations: 2) { writer in
      let store = HistoryStore(path: path, limits: limits)
      guard let session = try? store.claimSession() else { return }
      for line in 1...300 {
        try? store.append(HistoryEntry(session: session, line: line, input: "w\(writer)", output: nil))
      }
    }
    let lines = try fileLines(path)
    // Each store counts only its own lines between recounts, so with two writers the line
    // cap may be passed by the other writer's share: at most twice over.
    #expect(lines.count <= 2 * 60)
    #expect(lines.allSatisfy { HistoryRecord(line: Data($0.utf8)) != nil })
    // A rewrite keeps a suffix of the file, so each session's surviving cells are a run of
    // consecutive lines ending at its last one; a cell written into a replaced file would
    // leave a gap (or lose the last writer's final cell).
    let entries = try HistoryStore(path: path).readEntries()
    for session in Set(entries.map(\.session)) {
      let lines = entries.filter { $0.session == session }.map(\.line)
      #expect(lines == Array(lines.first!...lines.last!))
    }
    #expect(entries.last?.line == 300)
  }

  @Test func aStoreWhoseFileWasReplacedByARewriteWritesToTheNewFile() throws {
    let dir = TemporaryDirectory()
    let limits = HistoryStore.Limits(maxBytes: 1_000_000, maxLines: 10)
    let a = HistoryStore(path: dir.historyFile, limits: limits)
    let b = HistoryStore(path: dir.historyFile, limits: limits)
    let sessionA = try a.claimSession()
    let sessionB = try b.claimSession()  // b's descriptor now names the original file
    for line in 1...12 { try a.append(HistoryEntry(session: sessionA, line: line, input: "a", output: nil)) }
    try b.append(HistoryEntry(session: sessionB, line: 1, input: "b", output: nil))
    let entries = try HistoryStore(path: dir.historyFile).readEntries()
    #expect(entries.last == HistoryEntry(session: sessionB, line: 1, input: "b", output: nil))
    #expect(try fileLines(dir.historyFile).count <= 10)
  }

  @Test func anUnwritablePathFallsBackToMemory() throws {
    let dir = TemporaryDirectory()
    // A regular file where a directory should be: fails even for root.
    let blocker = dir.path + "/blocker"
    #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
    let history = History(location: .file(blocker + "/saddle/history.jsonl"))
    history.append(line: 1, input: "a", output: "1")
    history.append(line: 2, input: "b", output: nil)
    #expect(!history.isFileBacked)
    #expect(history.session == 1)
    let tail = history.select(try request(["hist_access_type": "tail"]))
    #expect(positions(tail) == [[1, 1], [1, 2]])
    #expect(history.select(try request(["hist_access_type": "range", "session": -1])).isEmpty)
  }

  @Test func memoryHistoryNeverTouchesAFile() throws {
    let history = History(location: .memory)
    history.append(line: 1, input: "a", output: nil)
    #expect(!history.isFileBacked && history.session == 1)
    #expect(positions(history.select(try request(["hist_access_type": "range"]))) == [[1, 1]])
  }

  @Test func locationFromTheEnvironment() {
    #expect(HistoryLocation.fromEnvironment(["SADDLE_HISTORY": "off", "HOME": "/h"]) == .memory)
    #expect(HistoryLocation.fromEnvironment(["SADDLE_HISTORY": "", "HOME": "/h"]) == .memory)
    #expect(HistoryLocation.fromEnvironment(["SADDLE_HISTORY": "/tmp/h.jsonl"]) == .file("/tmp/h.jsonl"))
    #expect(
      HistoryLocation.fromEnvironment(["XDG_DATA_HOME": "/data", "HOME": "/h"]) == .file("/data/saddle/history.jsonl"))
    #expect(HistoryLocation.fromEnvironment(["HOME": "/h"]) == .file("/h/.local/share/saddle/history.jsonl"))
    #expect(
      HistoryLocation.fromEnvironment(["XDG_DATA_HOME": "relative", "HOME": "/h"])
        == .file("/h/.local/share/saddle/history.jsonl"))
  }

  @Test func recordsRoundTripThroughTheirLines() {
    let entry = HistoryEntry(session: 3, line: 4, input: "f(x) = \"q\"\n\tx^2 ∂ 😀", output: nil)
    let line = HistoryRecord(entry).line
    #expect(line.last == 0x0a)
    #expect(HistoryRecord(line: line.dropLast()) == .cell(entry))
    let start = HistoryRecord.sessionStart(session: 2, start: "2026-11-29T06:00:00Z", pid: 42)
    #expect(HistoryRecord(line: start.line.dropLast()) == start)
  }
}

/// History lines through the fast path (`FlatJSONReader` members → `HistoryRecord`) and the
/// `JSONDecoder` fallback.
@Suite struct HistoryLineReadingTests {
  /// The fast path alone: nil when it leaves the line to `JSONDecoder`.
  private func fast(_ bytes: [UInt8]) -> HistoryRecord? {
    bytes.withUnsafeBytes { FlatJSONReader.members($0) }.flatMap { HistoryRecord(members: $0) }
  }
  private func fast(_ text: String) -> HistoryRecord? { fast(Array(text.utf8)) }

  @Test func theFastPathReadsWhatTheWriterWrites() {
    let entry = HistoryEntry(session: 12, line: 3, input: "a \"b\" \\ é 😀\n\t/", output: "x")
    #expect(fast(Array(HistoryRecord(entry).line.dropLast())) == .cell(entry))
    #expect(
      fast(#"{ "session" : 1, "line": 2, "input": "\/\t", "output": null, "extra": true }"#)
        == .cell(HistoryEntry(session: 1, line: 2, input: "/\t", output: nil)))
    #expect(
      fast(#"{"session":4,"start":"2026-11-29T06:00:00Z","pid":7}"#)
        == .sessionStart(session: 4, start: "2026-11-29T06:00:00Z", pid: 7))
  }

  @Test func everythingElseIsLeftToJSONDecoder() {
    for text in [
      #"{"session":1.5,"line":2,"input":"x"}"#, #"{"session":1e2,"line":2,"input":"x"}"#,
      #"{"session":01,"line":2,"input":"x"}"#, #"{"session":"1","line":2,"input":"x"}"#,
      #"{"session":1,"line":2,"input":"\u00e9"}"#, #"{"session":1,"line":2,"input":"\ud83d"}"#,
      #"{"session":1,"line":2,"input":"x"} trailing"#, #"{"session":1,"line":2,"input":"x""#,
      "{\"session\":1,\"line\":2,\"input\":\"\u{1}\"}", #"{"line":2,"input":"x"}"#,
      #"{"session":99999999999999999999,"line":2,"input":"x"}"#,
    ] {
      #expect(fast(text) == nil, "\(text)")
    }
    // The decoder accepts the valid ones among them, with the same meaning.
    #expect(
      HistoryRecord(line: Data(#"{"session":1,"line":2,"input":"\u00e9\ud83d\ude00"}"#.utf8))
        == .cell(HistoryEntry(session: 1, line: 2, input: "é😀", output: nil)))
    let control = HistoryEntry(session: 1, line: 2, input: "\u{1}", output: nil)
    #expect(HistoryRecord(line: HistoryRecord(control).line.dropLast()) == .cell(control))
    #expect(HistoryRecord(line: Data(#"{"session":1,"line":2,"input":"\ud83d"}"#.utf8)) == nil)
    #expect(HistoryRecord(line: Data(#"{"session":01,"line":2,"input":"x"}"#.utf8)) == nil)
  }

  @Test func invalidUTF8IsRejected() {
    let bytes: [UInt8] = Array(#"{"session":1,"line":2,"input":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
    #expect(fast(bytes) == nil)
    #expect(HistoryRecord(line: bytes) == nil)
  }
}

@Suite struct GlobTests {
  @Test func starsQuestionMarksAndCodePoints() {
    #expect(Glob.matches("*", "") && Glob.matches("*", "anything"))
    #expect(Glob.matches("a*b?d", "a long bcd") && !Glob.matches("a*b?d", "a long bd"))
    #expect(Glob.matches("f(?) = *", "f(é) = x^2") && Glob.matches("?", "😀") && !Glob.matches("??", "😀"))
    #expect(Glob.matches("*è*", "é è") && !Glob.matches("*è*", "é e"))
    #expect(Glob.matches("*x*y", "x y xx yy") && !Glob.matches("*x*y", "x y x"))
    #expect(!Glob.matches("value 1", "value 12") && Glob.matches("value 1*", "value 12"))
  }
}
