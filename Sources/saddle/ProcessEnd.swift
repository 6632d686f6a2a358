import Foundation

/// Ends the process at once, skipping exit handlers, after the output is out.
///
/// Why: a computation the user interrupted may still be running on a detached thread inside
/// OpenBLAS (a large `eig` is left to finish in the background), and OpenBLAS's exit handler
/// joins its worker threads, which can then wait forever. The kernel ends this way at
/// shutdown; `repl` and `run` do too.
func endProcess(status: Int32) -> Never {
  fflush(nil)  // every C output stream (print's stdout among them)
  _exit(status)
}
