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
  ///   - showPrompts: whether to print `saddle> ` and `   ...> ` and rewrite progress lines in
  ///     place (on a terminal).
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
    let sink = ReplSink(write: write, readLine: readLine, inPlace: showPrompts)
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
    sink.startCell()
    do {
      if let text = try session.execute(cell, output: sink, companions: false)?.data["text/plain"], !text.isEmpty {
        write(.stdout, text + "\n")
      }
    } catch {
      write(.stderr, error.traceback.joined(separator: "\n") + "\n")
    }
  }
}

/// Side effects of a cell in the REPL: streams as text, displays and pages as their text/plain.
///
/// On a terminal, an update of the one-line display printed last (a long run's progress
/// line) rewrites that line in place instead of adding one; a long run's live figure, which a
/// terminal cannot show, is left out.
private final class ReplSink: OutputSink {
  let write: (StreamName, String) -> Void
  let readLine: () -> String?
  let inPlace: Bool
  /// The display id of the single line written last, which an update may overwrite.
  private var lastLine: String?

  init(write: @escaping (StreamName, String) -> Void, readLine: @escaping () -> String?, inPlace: Bool) {
    self.write = write
    self.readLine = readLine
    self.inPlace = inPlace
  }

  /// A new cell: the prompt and the typed lines now stand below anything printed before.
  func startCell() { lastLine = nil }

  func stream(_ name: StreamName, _ text: String) {
    lastLine = nil
    write(name, text)
  }

  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {
    let text = bundle.data["text/plain"] ?? ""
    let oneLine = !text.contains("\n")
    if inPlace, update, oneLine, let id = displayID, id == lastLine {
      write(.stdout, "\u{1B}[1A\u{1B}[2K" + text + "\n")  // up one line, clear it, rewrite
    } else {
      write(.stdout, text + "\n")
    }
    lastLine = oneLine ? displayID : nil
  }

  func clearOutput(wait: Bool) {}

  func page(_ bundle: MimeBundle) {
    lastLine = nil
    write(.stdout, (bundle.data["text/plain"] ?? "") + "\n")
  }

  func input(prompt: String, password: Bool) throws(ExecutionError) -> String {
    lastLine = nil
    write(.stdout, prompt)
    guard let line = readLine() else {
      throw ExecutionError(
        name: "EOFError", message: "end of input", traceback: ["EOFError: end of input"])
    }
    return line
  }
}
