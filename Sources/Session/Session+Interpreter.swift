import JupyterKernel
import JupyterProtocol

/// The session is the kernel's interpreter as it stands: it already speaks the kernel's
/// vocabulary (`OutputSink`, `MimeBundle`, `ExecutionError`, `Completion`, `Completeness`), so
/// nothing is wrapped or renamed between the kernel and the language.
extension Session: Interpreter {
  public var languageInfo: LanguageInfo { Session.languageInfo }

  public var banner: String { Session.banner }

  /// Runs one cell for a frontend that shows figures: live values get their companions.
  public func execute(_ code: String, output: OutputSink) throws(ExecutionError) -> MimeBundle? {
    try execute(code, output: output, companions: true)
  }
}
