import CalculusPack
import CurvaturePack
import DescentPack
import JupyterKernel
import JupyterProtocol
import Language
import MathCore
import NetworksPack
import PlotPack
import StudiesPack
import Synchronization

/// One interactive session of the Saddle language: what the kernel, `saddle run` and the
/// REPL drive.
///
/// `execute`, `complete`, `inspect` and `isComplete` are called from one thread at a time
/// and run their work on the session's own thread with a large stack (see `Session+Stack`), so the
/// output sink is called from that thread while the caller waits;
/// `interrupt` may be called from any thread while `execute` runs (it only sets an atomic
/// flag), which is why the class is `@unchecked Sendable`.
public final class Session: @unchecked Sendable {
  private let holder: RuntimeHolder
  private let cancellation = CancellationFlag()
  let worker = LargeStackWorker(stackSize: Session.stackSize)

  /// The language's core builtins and every pack's, in documentation order: the one place
  /// where packs are assembled. A new pack adds its `entries` here (and its target to
  /// Session's dependencies in Package.swift).
  public static let builtins = BuiltinTable.shared.adding(
    CalculusPack.entries + DescentPack.entries + PlotPack.entries + NetworksPack.entries + CurvaturePack.entries
      + StudiesPack.entries)

  /// A fresh session with the language's builtins and every pack's.
  public convenience init() {
    self.init(builtins: Session.builtins)
  }

  /// A fresh session whose cells can also call the embedding's own builtins
  /// (`Session.builtins.adding(…)`).
  public init(builtins: BuiltinTable) {
    holder = RuntimeHolder(Runtime(builtins: builtins, cancellation: cancellation))
  }

  /// Tears the variables down on the large stack too (function bodies are deep trees).
  deinit {
    let holder = self.holder
    onLargeStack { holder.runtime = nil }
    worker.stop()
  }

  private var runtime: Runtime { holder.runtime! }

  /// Runs one cell. Returns the bundle of the last expression's value (nil when the cell
  /// ends with `;` or has no value) or throws the rendered error. `companions: false` leaves
  /// out the companion displays of live values (a run's live figure), for terminals.
  public func execute(_ code: String, output: OutputSink, companions: Bool) throws(ExecutionError)
    -> MimeBundle?
  {
    cancellation.reset()
    let host = SinkHost(output, cancellation: cancellation, companions: companions)
    let (runtime, cancellation) = (self.runtime, self.cancellation)
    let outcome = onLargeStack { () -> Result<MimeBundle?, LanguageError> in
      do throws(LanguageError) {
        let bundle = try runtime.run(code, host: host).map(host.bundle(of:))
        // A stop during the value's drawing (a figure of millions of points) ends the cell
        // as any interrupt does, instead of showing it without its image.
        if cancellation.isSet { throw LanguageError(.interrupted, "interrupted by the user") }
        return .success(bundle)
      } catch {
        return .failure(error)
      }
    }
    switch outcome {
    case .success(let bundle): return bundle
    case .failure(let error):
      throw ExecutionError(
        name: error.kind.rawValue, message: error.message, traceback: error.render(source: code))
    }
  }

  /// Completions at `cursor` (code points).
  public func complete(_ code: String, cursor: Int) -> Completion {
    let runtime = self.runtime
    let c = onLargeStack { runtime.completions(code, cursor: cursor) }
    return Completion(matches: c.matches, cursorStart: c.start, cursorEnd: c.end)
  }

  /// Help text of the name at or left of `cursor`, or nil when there is nothing to show.
  public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
    let runtime = self.runtime
    return onLargeStack { runtime.inspection(code, cursor: cursor) }.map {
      MimeBundle(plainText: $0)
    }
  }

  public func isComplete(_ code: String) -> Completeness {
    switch onLargeStack({ Runtime.readiness(code) }) {
    case .complete: return .complete
    case .incomplete(let indent): return .incomplete(indent: indent)
    case .invalid: return .invalid
    }
  }

  /// Stops the running cell within milliseconds (it fails with `Interrupted`). Thread-safe.
  public func interrupt() {
    cancellation.set()
  }

  /// Name, version, MIME type and editor modes, for kernel_info and notebook metadata.
  public static let languageInfo = LanguageInfo(
    name: "saddle", version: "0.1.0", mimetype: "text/x-saddle", fileExtension: ".saddle",
    pygmentsLexer: "swift", codemirrorMode: "swift")

  public static let banner = """
    Saddle 0.1.0: a cell language for exploring loss landscapes.
    Define a loss with L(w1, w2) = (1 - w1*w2)^2; type help for the builtins, ?name for one of them.
    """
}

/// Owns the runtime so `deinit` can release it on the large-stack thread.
private final class RuntimeHolder: @unchecked Sendable {
  var runtime: Runtime?
  init(_ runtime: Runtime) { self.runtime = runtime }
}

/// Adapts the kernel's `OutputSink` to the language's `EvaluationHost`.
///
/// The host hands the session's stop flag to every value it draws (the cell's result, a
/// `display`, a live companion): the value polls it while its figure is drawn, so the stop
/// button also reaches figures no builtin made (`h.figure`, a run's loss curve).
final class SinkHost: EvaluationHost {
  private let sink: OutputSink
  /// The session's stop flag, passed to every rendering.
  private let cancellation: CancellationFlag?
  let live: LiveFigureDrawer
  /// Whether live values' companion displays are drawn and sent.
  private let companions: Bool
  /// When each live display's line was last sent: a fit of a small net reports hundreds of
  /// epochs a second, and a browser handed that many updates falls behind (the stop button
  /// then seems to do nothing while it catches up). A line is replaced at most every
  /// `liveLineInterval`; the final status always goes out.
  private let lastLiveLine = Mutex<[String: ContinuousClock.Instant]>([:])
  private let liveLineInterval: Duration

  init(
    _ sink: OutputSink, cancellation: CancellationFlag?, companions: Bool = true,
    liveLineInterval: Duration = .milliseconds(100)
  ) {
    self.sink = sink
    self.cancellation = cancellation
    self.live = LiveFigureDrawer(cancellation: cancellation)
    self.companions = companions
    self.liveLineInterval = liveLineInterval
  }

  func write(_ text: String, error: Bool) { sink.stream(error ? .stderr : .stdout, text) }

  func display(_ value: Value, id: String?, update: Bool) {
    if case .custom(let c) = value, let report = c as? any LiveValue {
      showLive(report, id: id ?? "", update: update)
      return
    }
    sink.display(bundle(of: value), displayID: id, update: update)
  }

  /// The bundle of `value`; a representation it could not make (a figure that failed to
  /// draw) is named in its `text/plain` and, as an error line, on stderr.
  func bundle(of value: Value) -> MimeBundle {
    let rendering = value.rendering(cancellation: cancellation)
    for failure in rendering.failures { sink.stream(.stderr, "Error: \(failure)\n") }
    return MimeBundle(rendering, metadata: value.displayMetadata)
  }

  /// A live value (a long run's progress): itself under `id` (unless it says not to) and,
  /// under its companion id, the newest drawing of its companion.
  private func showLive(_ report: any LiveValue, id: String, update: Bool) {
    if report.showsItself, shouldSendLiveLine(id: id, update: update) {
      sink.display(MimeBundle(value: .custom(report), cancellation: cancellation), displayID: id, update: update)
    }
    if companions, let figure = live.figure(report, id: id) {
      sink.display(figure.bundle, displayID: LiveFigureDrawer.figureID(id), update: figure.replaces)
    }
  }

  /// Whether a live line goes out now: always the first, then one per `liveLineInterval`.
  private func shouldSendLiveLine(id: String, update: Bool) -> Bool {
    let now = ContinuousClock.now
    return lastLiveLine.withLock { sent in
      if update, let last = sent[id], now - last < liveLineInterval { return false }
      sent[id] = now
      return true
    }
  }

  func clearOutput(wait: Bool) { sink.clearOutput(wait: wait) }

  func page(_ text: String) { sink.page(MimeBundle(plainText: text)) }

  func readInput(prompt: String, password: Bool) throws -> String {
    do {
      return try sink.input(prompt: prompt, password: password)
    } catch {
      // The kernel ends a pending input with Interrupted when the user presses stop.
      let kind: ErrorKind = error.name == ErrorKind.interrupted.rawValue ? .interrupted : .stdin
      throw LanguageError(kind, error.message)
    }
  }
}
