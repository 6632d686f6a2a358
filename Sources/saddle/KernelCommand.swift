import ArgumentParser
import Foundation
import JupyterServer

/// `saddle kernel --connection-file F`: the Jupyter kernel process a frontend launches.
struct KernelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kernel",
    abstract: "Run the Jupyter kernel on the sockets of a connection file.",
    discussion:
      "Jupyter starts this through the kernelspec written by `saddle install`. Set SADDLE_LOG=debug to log every message on stderr."
  )

  @Option(
    name: [.customLong("connection-file"), .customShort("f")],
    help: "The connection file written by the Jupyter client.")
  var connectionFile: String

  func run() throws {
    let server: KernelServer
    do {
      server = try KernelServer(connectionFile: connectionFile)
    } catch {
      FileHandle.standardError.write(Data("saddle kernel: cannot start: \(error)\n".utf8))
      throw ExitCode(1)
    }
    server.run(interpreter: try makeKernelInterpreter(), implementationVersion: SaddleVersion.string)
  }
}
