import JupyterKernel

/// The server's diagnostics go through the kernel's logger, so `SADDLE_LOG=debug` covers both.
enum JupyterServerLog {
  static func warning(_ text: @autoclosure () -> String) { KernelLog.warning(text()) }
  static func debug(_ text: @autoclosure () -> String) { KernelLog.debug(text()) }
}
