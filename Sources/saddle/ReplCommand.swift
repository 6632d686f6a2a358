import ArgumentParser
import Dispatch
import Foundation
import Session

/// `saddle repl`: a terminal prompt over the same Session the kernel uses.
///
/// Multi-line input continues while the cell is incomplete; results go to standard output,
/// rendered errors to standard error. Works with a pipe (prompts and the banner are shown
/// only on a terminal, or with --prompts); exits at end of input. Ctrl-C stops a running cell.
struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl", abstract: "A terminal prompt for the Saddle cell language.")

  @Flag(name: .long, help: "Show prompts even when standard input is not a terminal.")
  var prompts = false

  func run() throws {
    let session = Session()
    let interactive = isatty(0) == 1
    if interactive { print(Session.banner) }
    signal(SIGINT, SIG_IGN)
    let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupts.setEventHandler { session.interrupt() }
    interrupts.resume()
    let repl = Repl(
      session: session, showPrompts: prompts || interactive,
      readLine: { Swift.readLine(strippingNewline: true) },
      write: { stream, text in
        let handle = stream == .stdout ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data(text.utf8))
      })
    repl.run()
    interrupts.cancel()
    endProcess(status: 0)
  }
}
