import ArgumentParser

/// `saddle install` (being built in this session).
struct InstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "install", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("saddle install is not built yet")
  }
}
