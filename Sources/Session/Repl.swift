/// The read–eval–print loop behind `saddle repl`, independent of the terminal so tests can
/// drive it with lines in and text out.
///
/// Lines accumulate while `Session.isComplete` says the cell is incomplete (unclosed
/// brackets, a trailing operator); then the cell runs. Values are written as their
/// text/plain to stdout, displays and pages as text, errors as the rendered traceback to
/// stderr. The loop ends at end of input (a pending incomplete cell is still run, so its
/// error is reported).
public final class Repl {
  public static let prompt = "saddle> "
  public static let continuationPrompt = "   ...> "

  private let session: Session
  private let readLine: () -> String?
  private let write: (StreamName, String) -> Void
  private let showPrompts: Bool

  /// - Parameters:
  ///   - readLine: the next input line without its line break, nil at end of input.
  ///   - write: where text goes (prompts go to stdout).
  ///   - showPrompts: whether to print `saddle> ` and `   ...> ` (on a terminal).
  public init(
    session: Session, showPrompts: Bool, readLine: @escaping () -> String?,
    write: @escaping (StreamName, String) -> Void
  ) {
    self.session = session
    self.showPrompts = showPrompts
    self.readLine = readLine
    self.write = write
  }

  /// Runs until end of input.
  public func run() {
    let sink = ReplSink(write: write, readLine: readLine)
    var cell = ""
    while true {
      if showPrompts { write(.stdout, cell.isEmpty ? Repl.prompt : Repl.continuationPrompt) }
      guard let line = readLine() else { break }
      cell += cell.isEmpty ? line : "\n" + line
      if case .incomplete = session.isComplete(cell) { continue }
      execute(cell, sink)
      cell = ""
    }
    if !cell.isEmpty { execute(cell, sink) }
  }

  private func execute(_ cell: String, _ sink: ReplSink) {
    guard !cell.allSatisfy(\.isWhitespace) else { return }
    do {
      if let text = try session.execute(cell, output: sink)?.data["text/plain"], !text.isEmpty {
        write(.stdout, text + "\n")
      }
    } catch {
      write(.stderr, error.traceback.joined(separator: "\n") + "\n")
    }
  }
}

/// Side effects of a cell in the REPL: streams as text, displays and pages as their text/plain.
private final class ReplSink: OutputSink {
  let write: (StreamName, String) -> Void
  let readLine: () -> String?

  init(write: @escaping (StreamName, String) -> Void, readLine: @escaping () -> String?) {
    self.write = write
    self.readLine = readLine
  }

  func stream(_ name: StreamName, _ text: String) { write(name, text) }

  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {
    write(.stdout, (bundle.data["text/plain"] ?? "") + "\n")
  }

  func clearOutput(wait: Bool) {}

  func page(_ bundle: MimeBundle) { write(.stdout, (bundle.data["text/plain"] ?? "") + "\n") }

  func input(prompt: String, password: Bool) throws -> String {
    write(.stdout, prompt)
    guard let line = readLine() else {
      throw ExecutionError(
        name: "EOFError", message: "end of input", traceback: ["EOFError: end of input"])
    }
    return line
  }
}
