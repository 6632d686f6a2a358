import JupyterProtocol

/// The cells executed with `store_history`, with the plain-text result of each, across
/// kernel restarts: IPython-style numbered sessions kept in a `HistoryStore` file.
///
/// This kernel's own cells are always kept in memory too, so they answer requests right
/// after their execute whatever happens to the file. The file is touched lazily: the first
/// stored cell or history request takes a session number (the next after the largest in the
/// file), and the first request reads the other sessions' cells, so kernel startup costs
/// nothing. Any file error is logged once and history goes on in memory (session 1 if no
/// number was taken yet). Shell thread only.
final class History {
  typealias Entry = HistoryEntry

  private var store: HistoryStore?
  private var writesFailed = false
  private var reportedFailure = false
  private var claimedSession: Int?
  /// This session's cells, in execution order.
  private(set) var entries: [Entry] = []
  /// Every other session's cells from the file, ordered by session; nil until read.
  private var otherSessions: [Entry]?

  init(location: HistoryLocation, limits: HistoryStore.Limits = HistoryStore.Limits()) {
    if case .file(let path) = location { store = HistoryStore(path: path, limits: limits) }
  }

  /// This kernel's session number (taken from the file on first use).
  var session: Int {
    if let claimedSession { return claimedSession }
    var number = 1
    if let store {
      do throws(HistoryFileError) {
        number = try store.claimSession()
      } catch {
        // Without a number of its own this kernel cannot tell its cells from the file's.
        report(error)
        self.store = nil
      }
    }
    claimedSession = number
    return number
  }

  /// Whether cells still go to the history file (false after a file error, or when off).
  var isFileBacked: Bool { store != nil && !writesFailed }

  func append(line: Int, input: String, output: String?) {
    let entry = Entry(session: session, line: line, input: input, output: output)
    entries.append(entry)
    guard let store, !writesFailed else { return }
    do throws(HistoryFileError) {
      try store.append(entry)
    } catch {
      // Disk full, permissions: stop writing, but the other sessions may still be read.
      report(error)
      writesFailed = true
    }
  }

  /// The entries a request asks for, ordered by session, then as executed.
  func select(_ request: HistoryRequest) -> [Entry] {
    let current = session
    switch request.histAccessType {
    case "range":
      // IPython: 0 is this session, negative counts back from it, positive is absolute.
      let wanted = request.session > 0 ? request.session : current + request.session
      let stop = request.stop ?? Int.max
      let pool = wanted == current ? entries : others().filter { $0.session == wanted }
      return pool.filter { $0.line >= request.start && $0.line < stop }
    case "search":
      let glob = Glob(request.pattern)
      var found = all(current: current).filter { glob.matches($0.input) }
      if request.unique { found = Self.lastOccurrences(found) }
      return Self.last(request.n, of: found)
    default:
      return tail(request.n ?? 10)
    }
  }

  /// Encodes entries as `[session, line, input]` or `[session, line, [input, output]]`.
  static func encode(_ entries: [Entry], output: Bool) -> [JSONValue] {
    entries.map { e in
      let text: JSONValue =
        output ? .array([.string(e.input), e.output.map(JSONValue.string) ?? .null]) : .string(e.input)
      return .array([.int(e.session), .int(e.line), text])
    }
  }

  /// Other sessions' cells, read from the file once.
  private func others() -> [Entry] {
    if let otherSessions { return otherSessions }
    var read: [Entry] = []
    if let store {
      do throws(HistoryFileError) {
        let own = session
        read = try store.readEntries().filter { $0.session != own }
      } catch {
        report(error)
      }
    }
    // Grouped by session (sessions written at once interleave in the file); within a
    // session, file order is execution order. Linear: the file may hold 100,000 cells.
    let bySession = Dictionary(grouping: read, by: \.session)
    let sorted = bySession.keys.sorted().flatMap { bySession[$0]! }
    otherSessions = sorted
    return sorted
  }

  /// The last `n` cells in IPython's tail order: the other sessions by number, then this
  /// session's cells last, so a console's up-arrow recalls this kernel's own cells first even
  /// when a kernel started later (a larger session number) shares the file.
  private func tail(_ n: Int) -> [Entry] {
    guard entries.count < n else { return Array(entries.suffix(max(0, n))) }
    return Array(others().suffix(n - entries.count)) + entries
  }

  /// Every session's cells, this one in its place among the others (by number), as IPython's
  /// search orders them.
  private func all(current: Int) -> [Entry] {
    let others = others()
    let split = others.firstIndex { $0.session > current } ?? others.endIndex
    return Array(others[..<split]) + entries + Array(others[split...])
  }

  /// Logs the first file error only: a kernel whose disk is full should not flood its log.
  private func report(_ error: HistoryFileError) {
    guard !reportedFailure else { return }
    reportedFailure = true
    KernelLog.warning("history: \(error); this session's history is kept in memory only")
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

/// Shell-style glob matching over whole strings: `*` is any run, `?` one code point (as
/// SQLite's GLOB, which IPython's search uses). Matches UTF-8 bytes in place, compiled once
/// per search: a search runs it over every stored input (up to 100,000).
struct Glob {
  private let pattern: [UInt8]

  init(_ pattern: String) { self.pattern = Array(pattern.utf8) }

  static func matches(_ pattern: String, _ text: String) -> Bool { Glob(pattern).matches(text) }

  func matches(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { match($0) }
  }

  /// Iterative, with backtracking on the last `*`; positions in the text stay on code point
  /// boundaries (a literal matches its whole UTF-8 sequence, `?` and backtracking skip one).
  private func match(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
    let p = pattern
    func next(_ k: Int) -> Int {
      var k = k + 1
      while k < t.count, t[k] & 0xC0 == 0x80 { k += 1 }
      return k
    }
    var i = 0
    var j = 0
    var star = -1
    var mark = 0
    while j < t.count {
      if i < p.count, p[i] == UInt8(ascii: "*") {
        star = i
        mark = j
        i += 1
      } else if i < p.count, p[i] == UInt8(ascii: "?") {
        i += 1
        j = next(j)
      } else if i < p.count, p[i] == t[j] {
        i += 1
        j += 1
      } else if star >= 0 {
        i = star + 1
        mark = next(mark)
        j = mark
      } else {
        return false
      }
    }
    while i < p.count, p[i] == UInt8(ascii: "*") { i += 1 }
    return i == p.count
  }
}
