import ArgumentParser
import Foundation
import JupyterKernel

/// The interpreter `saddle kernel` serves: the Saddle language session.
///
/// The language target is being built on another branch; until it is merged this binary
/// has no interpreter, and says so instead of starting a kernel that cannot run cells.
func makeKernelInterpreter() throws -> any Interpreter {
  FileHandle.standardError.write(Data("saddle kernel: the Saddle language is not built into this binary yet\n".utf8))
  throw ExitCode(1)
}
