import JupyterKernel
import Session

/// The interpreter `saddle kernel` serves: a fresh Saddle language session.
func makeKernelInterpreter() throws -> any Interpreter {
  Session()
}
