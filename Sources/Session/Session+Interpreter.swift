import JupyterKernel
import JupyterProtocol

/// Makes the language session the kernel's interpreter.
///
/// A thin translation between the two vocabularies, so that the language never depends on
/// Jupyter and `JupyterKernel` never depends on the language: the kernel's sink is wrapped
/// as the session's `OutputSink`, and results and errors are renamed (completion and
/// is_complete answers already are the kernel's types).
extension Session: JupyterKernel.Interpreter {
  public var languageInfo: LanguageInfo {
    let info = Session.languageInfo
    return LanguageInfo(
      name: info.name, version: info.version, mimetype: info.mimetype, fileExtension: info.fileExtension,
      pygmentsLexer: info.pygmentsLexer, codemirrorMode: info.codemirrorMode)
  }

  public var banner: String { Session.banner }

  public func execute(_ code: String, sink: any ExecutionSink) throws(InterpreterError) -> DisplayBundle? {
    do {
      return try execute(code, output: KernelOutput(sink)).map(DisplayBundle.init)
    } catch {
      throw InterpreterError(name: error.name, message: error.message, traceback: error.traceback)
    }
  }

  public func completions(for code: String, cursor: Int) -> CompletionResult {
    complete(code, cursor: cursor)
  }

  public func help(for code: String, cursor: Int, detailLevel: Int) -> DisplayBundle? {
    inspect(code, cursor: cursor, detailLevel: detailLevel).map(DisplayBundle.init)
  }

  public func completeness(of code: String) -> CodeCompleteness {
    isComplete(code)
  }
}

extension DisplayBundle {
  init(_ bundle: MimeBundle) {
    self.init(data: bundle.data, metadata: bundle.metadata)
  }
}

extension MimeBundle {
  init(_ bundle: DisplayBundle) {
    self.init(data: bundle.data, metadata: bundle.metadata)
  }
}

/// The kernel's `ExecutionSink` seen as the session's `OutputSink`.
private final class KernelOutput: OutputSink {
  private let sink: any ExecutionSink

  init(_ sink: any ExecutionSink) { self.sink = sink }

  func stream(_ name: StreamName, _ text: String) { sink.stream(name == .stderr ? .stderr : .stdout, text) }

  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {
    sink.display(DisplayBundle(bundle), displayID: displayID, update: update)
  }

  func clearOutput(wait: Bool) { sink.clearOutput(wait: wait) }

  func page(_ bundle: MimeBundle) { sink.page(DisplayBundle(bundle)) }

  func input(prompt: String, password: Bool) throws -> String {
    do {
      return try sink.input(prompt: prompt, password: password)
    } catch {
      throw ExecutionError(name: error.name, message: error.message, traceback: error.traceback)
    }
  }
}
