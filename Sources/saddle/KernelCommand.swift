import ArgumentParser

/// `saddle kernel` (being built in this session).
struct KernelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "kernel", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("saddle kernel is not built yet")
  }
}
