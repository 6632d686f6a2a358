import ArgumentParser

/// The `saddle` command-line tool: one binary for the Jupyter kernel, its installer,
/// the terminal prompt and the headless notebook runner.
@main
struct SaddleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "saddle",
    abstract: "A Jupyter kernel for exploring loss landscapes.",
    version: SaddleVersion.string,
    subcommands: [KernelCommand.self, InstallCommand.self, ReplCommand.self, RunCommand.self]
  )
}

/// The version shown by `saddle --version`, in kernel_info and in the REPL banner.
enum SaddleVersion {
  static let string = "0.1.0"
}
