import ArgumentParser
import Dispatch
import Foundation
import Session

/// `saddle repl`: a terminal prompt over the same Session the kernel uses.
///
/// Reads lines from standard input and keeps reading while the cell is incomplete
/// (unclosed brackets, a trailing operator), then runs it: results and printed text go to
/// standard output, rendered errors to standard error. Works with a pipe (prompts and the
/// banner are shown only on a terminal); exits at end of input. Ctrl-C stops a running cell.
struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl", abstract: "A terminal prompt for the Saddle cell language.")

  @Flag(name: .long, help: "Show prompts even when standard input is not a terminal.")
  var prompts = false

  func run() throws {
    let session = Session()
    let interactive = isatty(0) == 1
    let showPrompts = prompts || interactive
    if interactive { print(Session.banner) }
    signal(SIGINT, SIG_IGN)
    let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupts.setEventHandler { session.interrupt() }
    interrupts.resume()
    let sink = TerminalSink()
    var cell = ""
    while true {
      if showPrompts { TerminalSink.write(cell.isEmpty ? "saddle> " : "   ...> ", to: .out) }
      guard let line = readLine(strippingNewline: true) else { break }
      cell += cell.isEmpty ? line : "\n" + line
      if case .incomplete = session.isComplete(cell) { continue }
      run(cell, in: session, sink: sink)
      cell = ""
    }
    if !cell.isEmpty { run(cell, in: session, sink: sink) }
  }

  private func run(_ cell: String, in session: Session, sink: TerminalSink) {
    guard !cell.allSatisfy(\.isWhitespace) else { return }
    do {
      if let result = try session.execute(cell, output: sink), let text = result.data["text/plain"], !text.isEmpty {
        TerminalSink.write(text + "\n", to: .out)
      }
    } catch {
      TerminalSink.write(error.traceback.joined(separator: "\n") + "\n", to: .error)
    }
  }
}

/// Output of a cell on a terminal: streams as text, displays as their text/plain.
private final class TerminalSink: OutputSink {
  enum Stream { case out, error }

  static func write(_ text: String, to stream: Stream) {
    let handle = stream == .out ? FileHandle.standardOutput : FileHandle.standardError
    handle.write(Data(text.utf8))
  }

  func stream(_ name: StreamName, _ text: String) {
    TerminalSink.write(text, to: name == .stdout ? .out : .error)
  }

  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {
    TerminalSink.write((bundle.data["text/plain"] ?? "") + "\n", to: .out)
  }

  func clearOutput(wait: Bool) {}

  func page(_ bundle: MimeBundle) {
    TerminalSink.write((bundle.data["text/plain"] ?? "") + "\n", to: .out)
  }

  func input(prompt: String, password: Bool) throws -> String {
    TerminalSink.write(prompt, to: .out)
    guard let line = readLine(strippingNewline: true) else {
      throw ExecutionError(name: "EOFError", message: "end of input", traceback: ["EOFError: end of input"])
    }
    return line
  }
}
