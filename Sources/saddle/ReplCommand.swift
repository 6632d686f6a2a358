import ArgumentParser

/// `saddle repl` (being built in this session).
struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "repl", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("saddle repl is not built yet")
  }
}
