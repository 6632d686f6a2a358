import Foundation
import JupyterKernel
import JupyterProtocol
import Synchronization

/// A tiny scripted interpreter for kernel tests: each cell is a list of commands, one per line.
///
/// `print TEXT` (stdout), `eprint TEXT` (stderr), `value TEXT` (result), `display TEXT [ID] [update]`,
/// `clear [wait]`, `page TEXT`, `input PROMPT` (echoes the answer to stdout), `fail NAME`,
/// `wait` (spins until interrupted, then throws Interrupted), `spam N` (N stdout writes).
/// Anything else is a SyntaxError. Completion offers builtins that start with the word at the cursor.
public final class MockInterpreter: Interpreter, @unchecked Sendable {
  private let interrupted = Atomic<Bool>(false)
  /// True while a `wait` command is spinning, so a test can interrupt at the right moment.
  public let isWaiting = Atomic<Bool>(false)
  /// The cells executed, in order (shell thread only).
  public private(set) var executed: [String] = []
  public static let builtins = [
    "print", "eprint", "value", "display", "clear", "page", "input", "fail", "wait", "spam",
  ]

  public init() {}

  public var languageInfo: LanguageInfo {
    LanguageInfo(
      name: "mock", version: "1.0", mimetype: "text/x-mock", fileExtension: ".mock", pygmentsLexer: "text",
      codemirrorMode: "null")
  }
  public var banner: String { "Mock interpreter" }

  public func execute(_ code: String, output sink: any OutputSink) throws(ExecutionError) -> MimeBundle? {
    interrupted.store(false, ordering: .sequentiallyConsistent)
    executed.append(code)
    var result: MimeBundle?
    for line in code.split(separator: "\n") {
      result = try run(String(line), sink: sink)
    }
    return result
  }

  private func run(_ line: String, sink: any OutputSink) throws(ExecutionError) -> MimeBundle? {
    let words = line.split(separator: " ", maxSplits: 1).map(String.init)
    let arg = words.count > 1 ? words[1] : ""
    switch words.first ?? "" {
    case "print": sink.stream(.stdout, arg + "\n")
    case "eprint": sink.stream(.stderr, arg + "\n")
    case "value": return MimeBundle(data: ["text/plain": arg, "text/latex": "$\(arg)$"])
    case "display":
      let parts = arg.split(separator: " ").map(String.init)
      let id = parts.count > 1 ? parts[1] : nil
      sink.display(MimeBundle(plainText: parts.first ?? ""), displayID: id, update: parts.count > 2)
    case "clear": sink.clearOutput(wait: arg == "wait")
    case "page": sink.page(MimeBundle(plainText: arg))
    case "input":
      let answer = try sink.input(prompt: arg, password: false)
      sink.stream(.stdout, "got \(answer)\n")
    case "fail":
      throw ExecutionError(
        name: arg, message: "failed on purpose", traceback: [line, "^", "\(arg): failed on purpose"])
    case "wait":
      // Spins until interrupted; gives up after 30 s so a broken test fails instead of hanging.
      isWaiting.store(true, ordering: .sequentiallyConsistent)
      defer { isWaiting.store(false, ordering: .sequentiallyConsistent) }
      let deadline = ContinuousClock.now + .seconds(30)
      while !interrupted.load(ordering: .sequentiallyConsistent) {
        if ContinuousClock.now > deadline { throw ExecutionError(name: "MockTimeout", message: "never interrupted") }
        usleep(1000)
      }
      throw .interrupted
    case "spam":
      for i in 0..<(Int(arg) ?? 0) { sink.stream(.stdout, "\(i)\n") }
    case "": break
    default: throw ExecutionError(name: "SyntaxError", message: "unknown command '\(words[0])'")
    }
    return nil
  }

  public func complete(_ code: String, cursor: Int) -> Completion {
    let scalars = Array(code.unicodeScalars)
    var start = cursor
    while start > 0, CharacterSet.letters.contains(scalars[start - 1]) { start -= 1 }
    let word = String(String.UnicodeScalarView(scalars[start..<cursor]))
    return Completion(matches: Self.builtins.filter { $0.hasPrefix(word) }, cursorStart: start, cursorEnd: cursor)
  }

  public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
    let word = code.trimmingCharacters(in: .whitespaces)
    return Self.builtins.contains(word) ? MimeBundle(plainText: "\(word): a mock builtin") : nil
  }

  public func isComplete(_ code: String) -> Completeness {
    if code.hasSuffix("\\") { return .incomplete(indent: "  ") }
    if code.hasPrefix(")") { return .invalid }
    return .complete
  }

  public func interrupt() {
    interrupted.store(true, ordering: .sequentiallyConsistent)
  }
}
