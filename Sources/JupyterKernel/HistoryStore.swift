import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The history file: append-only JSON lines (`HistoryRecord`) shared by every kernel.
///
/// Concurrency: each operation holds an exclusive `flock` on the open file, and every line
/// goes out in one O_APPEND `write(2)`, so two kernels never interleave inside a line. The
/// cap rewrites the file into a temp file and renames it over the old one; a writer that
/// was waiting for the lock on the old file notices the new inode and reopens. A line that
/// does not parse (torn by a crash, edited by hand) is skipped when reading, and a line
/// that was left without its newline is closed before the next one is written.
///
/// Not thread-safe: one store belongs to one kernel's shell thread.
final class HistoryStore {
  /// When the file is rewritten to its newest half. The byte limit is exact (the size is
  /// checked under the lock at every write); lines are counted at a session's start and at
  /// each rewrite, and in between each kernel adds only its own, so with several kernels
  /// writing at once the file can pass `maxLines` by the others' share until a recount.
  struct Limits: Sendable {
    var maxBytes = 10_000_000
    var maxLines = 100_000
  }

  let path: String
  let limits: Limits
  private var fd: Int32 = -1
  /// Lines in the file as last counted, plus those this store appended since.
  private var approximateLines = 0

  init(path: String, limits: Limits = Limits()) {
    self.path = path
    self.limits = limits
  }

  deinit {
    if fd >= 0 { close(fd) }
  }

  /// Takes the next session number after the largest in the file and records its start.
  func claimSession(now: Date = Date()) throws(HistoryFileError) -> Int {
    try createDirectory()
    return try withLockedFile { fd, size throws(HistoryFileError) in
      let contents = try readAll(fd, size: size)
      let (largest, lines) = Self.scan(contents)
      let session = largest + 1
      let start = HistoryRecord.sessionStart(
        session: session, start: now.ISO8601Format(), pid: Int(getpid()))
      approximateLines = lines
      if Int(size) > limits.maxBytes || lines > limits.maxLines {
        try rewrite(keepingNewestHalfOf: contents, appending: start.line)
      } else {
        try appendLine(start.line, to: fd, size: size)
      }
      return session
    }
  }

  /// Appends one cell; rewrites the file first when it has outgrown the limits.
  func append(_ entry: HistoryEntry) throws(HistoryFileError) {
    let line = HistoryRecord(entry).line
    try withLockedFile { fd, size throws(HistoryFileError) in
      if Int(size) + line.count > limits.maxBytes || approximateLines + 1 > limits.maxLines {
        let contents = try readAll(fd, size: size)
        approximateLines = Self.scan(contents).lines
        if Int(size) + line.count > limits.maxBytes || approximateLines + 1 > limits.maxLines {
          try rewrite(keepingNewestHalfOf: contents, appending: line)
          return
        }
      }
      try appendLine(line, to: fd, size: size)
    }
  }

  /// Every cell in the file, in file order; unparsable lines are skipped.
  func readEntries() throws(HistoryFileError) -> [HistoryEntry] {
    try createDirectory()
    let contents = try withLockedFile { fd, size throws(HistoryFileError) in try readAll(fd, size: size) }
    var entries: [HistoryEntry] = []
    let decoder = JSONDecoder()
    contents.withUnsafeBytes { buffer in
      Self.forEachLine(buffer) { line in
        if case .cell(let entry)? = HistoryRecord(line: line, decoder: decoder) { entries.append(entry) }
      }
    }
    return entries
  }

  // MARK: - File operations

  private func createDirectory() throws(HistoryFileError) {
    let directory = (path as NSString).deletingLastPathComponent
    guard !directory.isEmpty else { return }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw HistoryFileError(operation: "create the directory \(directory)", path: path, detail: "\(error)")
    }
  }

  /// Runs `body` with the file open and exclusively locked, reopening when the path
  /// meanwhile names another file (a rewrite by another kernel renamed a new one over it).
  private func withLockedFile<T>(
    _ body: (Int32, off_t) throws(HistoryFileError) -> T
  ) throws(HistoryFileError) -> T {
    for _ in 0..<8 {
      if fd < 0 {
        fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HistoryFileError(operation: "open", path: path) }
      }
      var result: Int32
      repeat { result = flock(fd, LOCK_EX) } while result != 0 && errno == EINTR
      guard result == 0 else { throw HistoryFileError(operation: "lock", path: path) }
      var opened = stat()
      var named = stat()
      if fstat(fd, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino,
        opened.st_dev == named.st_dev
      {
        // A rewrite inside `body` leaves `fd` at -1: this descriptor names the old file then.
        let locked = fd
        defer {
          flock(locked, LOCK_UN)
          if fd != locked { close(locked) }
        }
        return try body(locked, opened.st_size)
      }
      flock(fd, LOCK_UN)
      close(fd)
      fd = -1
    }
    throw HistoryFileError(operation: "open (the file keeps being replaced)", path: path, detail: "")
  }

  private func readAll(_ fd: Int32, size: off_t) throws(HistoryFileError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: Int(size))
    var done = 0
    while done < buffer.count {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
      if n < 0, errno == EINTR { continue }
      guard n >= 0 else { throw HistoryFileError(operation: "read", path: path) }
      if n == 0 { break }
      done += n
    }
    buffer.removeSubrange(done...)
    return buffer
  }

  /// Appends one line in a single write, first closing a line a crashed writer left open.
  private func appendLine(_ line: Data, to fd: Int32, size: off_t) throws(HistoryFileError) {
    var bytes = line
    if size > 0 {
      var last: UInt8 = 0
      if pread(fd, &last, 1, size - 1) == 1, last != 0x0a { bytes.insert(0x0a, at: 0) }
    }
    try writeAll(bytes, to: fd, operation: "append to")
    approximateLines += 1
  }

  private func writeAll(_ bytes: Data, to fd: Int32, operation: String) throws(HistoryFileError) {
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { throw HistoryFileError(operation: operation, path: path) }
      done += n
    }
  }

  /// Replaces the file, atomically, by its newest lines (at most half of each limit) and
  /// `line`; the caller holds the lock on the old file until the rename is done.
  private func rewrite(keepingNewestHalfOf contents: [UInt8], appending line: Data) throws(HistoryFileError) {
    var lines: [Range<Int>] = []
    contents.withUnsafeBytes { buffer in
      Self.forEachLine(buffer) { line in
        let offset = buffer.baseAddress!.distance(to: line.baseAddress!)
        lines.append(offset..<offset + line.count)
      }
    }
    var kept = 0
    var keptBytes = line.count
    for candidate in lines.reversed() {
      guard kept + 2 <= limits.maxLines / 2, keptBytes + candidate.count + 1 <= limits.maxBytes / 2 else { break }
      kept += 1
      keptBytes += candidate.count + 1
    }
    var replacement = Data(capacity: keptBytes)
    for range in lines.suffix(kept) {
      replacement.append(contentsOf: contents[range])
      replacement.append(0x0a)
    }
    replacement.append(line)

    let temporary = "\(path).tmp-\(getpid())"
    let out = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard out >= 0 else { throw HistoryFileError(operation: "create", path: temporary) }
    do throws(HistoryFileError) {
      try writeAll(replacement, to: out, operation: "write")
      guard fsync(out) == 0 else { throw HistoryFileError(operation: "sync", path: temporary) }
    } catch {
      close(out)
      unlink(temporary)
      throw error
    }
    close(out)
    guard rename(temporary, path) == 0 else {
      let failure = HistoryFileError(operation: "rename \(temporary) over", path: path)
      unlink(temporary)
      throw failure
    }
    approximateLines = kept + 1
    // The open descriptor names the old file now: the next operation opens the new one.
    fd = -1
  }

  // MARK: - Scanning

  /// The largest session number in `contents` (0 if none) and the number of lines.
  static func scan(_ contents: [UInt8]) -> (largestSession: Int, lines: Int) {
    var largest = 0
    var lines = 0
    contents.withUnsafeBytes { buffer in
      forEachLine(buffer) { line in
        lines += 1
        if let session = HistoryRecord.session(ofLine: line) { largest = max(largest, session) }
      }
    }
    return (largest, lines)
  }

  /// Calls `body` with each non-empty line (without its newline), a last unterminated one included.
  static func forEachLine(_ contents: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
    guard let base = contents.baseAddress else { return }
    var start = 0
    while start < contents.count {
      let found = memchr(base + start, 0x0a, contents.count - start)
      let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? contents.count
      if end > start { body(UnsafeRawBufferPointer(start: base + start, count: end - start)) }
      start = end + 1
    }
  }
}

/// A history file operation that failed, with the system's reason.
struct HistoryFileError: Error, CustomStringConvertible {
  var operation: String
  var path: String
  var detail: String

  /// Describes the current `errno`.
  init(operation: String, path: String) {
    self.init(operation: operation, path: path, detail: String(cString: strerror(errno)))
  }

  init(operation: String, path: String, detail: String) {
    self.operation = operation
    self.path = path
    self.detail = detail
  }

  var description: String { detail.isEmpty ? "cannot \(operation) \(path)" : "cannot \(operation) \(path): \(detail)" }
}
