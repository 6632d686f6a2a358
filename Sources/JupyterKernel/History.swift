import JupyterProtocol

/// The cells executed with `store_history`, with the plain-text result of each.
///
/// Kept in memory for this kernel process, which is history session 1 (session 0 and
/// negative numbers in requests also mean "this session"). Answers the three access types
/// of history_request: tail, range (stop exclusive) and search (glob over the whole input).
struct History {
  struct Entry: Equatable {
    var line: Int
    var input: String
    var output: String?
  }

  static let session = 1
  private(set) var entries: [Entry] = []

  mutating func append(line: Int, input: String, output: String?) {
    entries.append(Entry(line: line, input: input, output: output))
  }

  /// The entries a request asks for, in chronological order.
  func select(_ request: HistoryRequest) -> [Entry] {
    switch request.histAccessType {
    case "range":
      guard request.session <= 0 || request.session == Self.session else { return [] }
      let stop = request.stop ?? Int.max
      return entries.filter { $0.line >= request.start && $0.line < stop }
    case "search":
      var found = entries.filter { Glob.matches(request.pattern, $0.input) }
      if request.unique { found = Self.lastOccurrences(found) }
      return Self.last(request.n, of: found)
    default:
      return Self.last(request.n ?? 10, of: entries)
    }
  }

  /// Encodes entries as `[session, line, input]` or `[session, line, [input, output]]`.
  static func encode(_ entries: [Entry], output: Bool) -> [JSONValue] {
    entries.map { e in
      let text: JSONValue =
        output ? .array([.string(e.input), e.output.map(JSONValue.string) ?? .null]) : .string(e.input)
      return .array([.int(session), .int(e.line), text])
    }
  }

  private static func last(_ n: Int?, of entries: [Entry]) -> [Entry] {
    guard let n else { return entries }
    return Array(entries.suffix(max(0, n)))
  }

  /// Keeps the latest entry for each distinct input, in chronological order.
  private static func lastOccurrences(_ entries: [Entry]) -> [Entry] {
    var seen = Set<String>()
    var kept: [Entry] = []
    for e in entries.reversed() where seen.insert(e.input).inserted { kept.append(e) }
    return kept.reversed()
  }
}

/// Shell-style glob matching over whole strings: `*` is any run, `?` one character.
enum Glob {
  /// Whether `text` matches `pattern` entirely (iterative, with backtracking on the last `*`).
  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern)
    let t = Array(text)
    var i = 0
    var j = 0
    var star = -1
    var mark = 0
    while j < t.count {
      if i < p.count, p[i] == "*" {
        star = i
        mark = j
        i += 1
      } else if i < p.count, p[i] == "?" || p[i] == t[j] {
        i += 1
        j += 1
      } else if star >= 0 {
        i = star + 1
        mark += 1
        j = mark
      } else {
        return false
      }
    }
    while i < p.count, p[i] == "*" { i += 1 }
    return i == p.count
  }
}
