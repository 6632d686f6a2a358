import Foundation
import JupyterProtocol

/// One line of the history file: a stored cell, or the start of a session.
///
/// Cells are `{"session": S, "line": N, "input": "…", "output": "…" | null}`; a session start
/// is `{"session": S, "start": "<ISO 8601 time>", "pid": P}`, written when a kernel takes its
/// number, so a session that stored nothing still counts when the next number is chosen.
enum HistoryRecord: Equatable {
  case cell(HistoryEntry)
  case sessionStart(session: Int, start: String, pid: Int)

  var session: Int {
    switch self {
    case .cell(let entry): entry.session
    case .sessionStart(let session, _, _): session
    }
  }

  /// The record as one JSON line, newline included.
  var line: Data {
    var data = Writable(record: self).jsonBytes
    data.append(0x0a)
    return data
  }

  /// Parses one line (without its newline); nil for anything torn, garbled or unknown.
  /// `FlatJSONReader` reads what this file writes (`JSONDecoder` costs several microseconds
  /// a line: a full file took close to a second); other spellings go to `decoder` (reading a
  /// whole file passes one for every line: making one per line costs more).
  init?(line: some DataProtocol, decoder: JSONDecoder = JSONDecoder()) {
    let members =
      line.withContiguousStorageIfAvailable { FlatJSONReader.members(UnsafeRawBufferPointer($0)) }
      ?? Data(line).withUnsafeBytes { FlatJSONReader.members($0) }
    if let members {
      if let fast = HistoryRecord(members: members) {
        self = fast
        return
      }
    }
    guard let decoded = try? decoder.decode(Decoded.self, from: Data(line)) else { return nil }
    if let input = decoded.input, let number = decoded.line {
      self = .cell(HistoryEntry(session: decoded.session, line: number, input: input, output: decoded.output))
    } else if let start = decoded.start {
      self = .sessionStart(session: decoded.session, start: start, pid: decoded.pid ?? 0)
    } else {
      return nil
    }
  }

  init(_ entry: HistoryEntry) { self = .cell(entry) }

  /// The record a flat object's members spell, with `Decoded`'s rules (unknown keys
  /// ignored); nil when a known key has another type, so `JSONDecoder` decides.
  init?(members: [(key: String, value: FlatJSONValue)]) {
    var session: Int?
    var line: Int?
    var pid: Int?
    var input: String?
    var output: String?
    var start: String?
    for (key, value) in members {
      switch (key, value) {
      case ("session", .int(let v)): session = v
      case ("line", .int(let v)): line = v
      case ("pid", .int(let v)): pid = v
      case ("input", .string(let v)): input = v
      case ("output", .string(let v)): output = v
      case ("start", .string(let v)): start = v
      case ("line", .null), ("pid", .null), ("input", .null), ("output", .null), ("start", .null): continue
      case ("session", _), ("line", _), ("pid", _), ("input", _), ("output", _), ("start", _): return nil
      default: continue
      }
    }
    guard let session else { return nil }
    if let input, let line {
      self = .cell(HistoryEntry(session: session, line: line, input: input, output: output))
    } else if let start {
      self = .sessionStart(session: session, start: start, pid: pid ?? 0)
    } else {
      return nil
    }
  }

  private struct Decoded: Decodable {
    var session: Int
    var line: Int?
    var input: String?
    var output: String?
    var start: String?
    var pid: Int?
  }

  private struct Writable: JSONWritable {
    let record: HistoryRecord

    func write(to writer: inout JSONWriter) {
      writer.object { w in
        switch record {
        case .cell(let entry):
          w.key("session")
          w.int(entry.session)
          w.key("line")
          w.int(entry.line)
          w.key("input")
          w.string(entry.input)
          w.key("output")
          if let output = entry.output { w.string(output) } else { w.null() }
        case .sessionStart(let session, let start, let pid):
          w.key("session")
          w.int(session)
          w.key("start")
          w.string(start)
          w.key("pid")
          w.int(pid)
        }
      }
    }
  }

  /// The session number of a line, read from the `{"session":N` prefix this file writes
  /// without decoding the whole line; other spellings fall back to a full parse.
  static func session(ofLine line: UnsafeRawBufferPointer) -> Int? {
    let prefix = #"{"session":"#.utf8
    if line.count > prefix.count, zip(prefix, line).allSatisfy({ $0 == $1 }) {
      var value = 0
      var digits = 0
      for byte in line[prefix.count...] {
        guard byte >= 0x30, byte <= 0x39, digits < 18 else { break }
        value = value * 10 + Int(byte - 0x30)
        digits += 1
      }
      if digits > 0 { return value }
    }
    return HistoryRecord(line: line)?.session
  }
}

/// A stored cell: its session, its execution count (line) and its plain-text result.
struct HistoryEntry: Equatable {
  var session: Int
  var line: Int
  var input: String
  var output: String?
}
