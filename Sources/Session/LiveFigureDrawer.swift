import Dispatch
import Language
import Synchronization

/// Draws the live figure of a long run's progress reports on a background queue, so neither
/// the run nor the stop button ever waits for a drawing.
///
/// Why: reports come up to five times a second, and a 2× figure costs tens of milliseconds
/// (hundreds in a debug build). Drawn on the run's own thread, that slowed long runs by up to
/// half and delayed an interrupt by a whole drawing. Here each report is answered at once with
/// its new text line and a figure finished since the last update (text alone before the first
/// figure; no update when there is no newer figure);
/// one drawing at a time runs in the background, from the latest report, and a new one starts
/// only after a pause of `pauseFactor` times the last drawing's time, so drawing takes at most
/// a quarter of one core (on two cores, the run itself keeps most of the machine).
/// The bundles are still sent from the run's thread, so the output sink is never called
/// concurrently; a drawing that finishes after its run ended is dropped.
final class LiveFigureDrawer: Sendable {
  private struct Drawn: Sendable {
    var png: String
    var metadata: [String: Int]
    /// Whether an update has carried this figure yet.
    var sent = false
  }
  private struct State: Sendable {
    var newest: [String: Drawn] = [:]
    /// The landscape each display's last drawing used, reused while the path stays inside it.
    var landscapes: [String: RunFigures.Landscape] = [:]
    var drawing = false
    /// Uptime (ns) before which no new drawing starts.
    var nextStart: UInt64 = 0
  }
  private let state = Mutex(State())
  /// Pause after a drawing, in multiples of its time: 3 keeps drawing to a quarter of a core.
  static let pauseFactor: UInt64 = 3
  private let queue = DispatchQueue(label: "saddle.live-figures", qos: .utility)

  /// The bundle for `progress` shown under `id`: its line and the newest figure drawn since
  /// the last update; text alone until the first figure is ready. Nil once there is a figure
  /// and no newer one: resending the same image would only make the frontend decode it again.
  func bundle(_ progress: RunProgressValue, id: String?) -> MimeBundle? {
    let key = id ?? ""
    let now = DispatchTime.now().uptimeNanoseconds
    let (drawn, start) = state.withLock { s -> (Drawn??, Bool) in
      let start = !s.drawing && now >= s.nextStart
      if start { s.drawing = true }
      guard let drawn = s.newest[key] else { return (.some(nil), start) }
      if drawn.sent { return (nil, start) }
      s.newest[key]?.sent = true
      return (.some(drawn), start)
    }
    if start { draw(progress, key: key) }
    guard let drawn else { return nil }
    var bundle = MimeBundle(plainText: progress.line)
    if let drawn {
      bundle.data["image/png"] = drawn.png
      bundle.metadata["image/png"] = drawn.metadata
    }
    return bundle
  }

  /// Waits until no drawing is in progress (for tests).
  func waitUntilIdle() {
    queue.sync {}
  }

  private func draw(_ progress: RunProgressValue, key: String) {
    queue.async { [self] in
      let began = DispatchTime.now().uptimeNanoseconds
      let cached = state.withLock { $0.landscapes[key] }
      let (figure, landscape) = RunFigures.liveFigure(progress, reusing: cached)
      var bundle = MimeBundle(plainText: "")
      RunFigures.attach(figure, to: &bundle)
      let ended = DispatchTime.now().uptimeNanoseconds
      state.withLock { s in
        if let png = bundle.data["image/png"], let metadata = bundle.metadata["image/png"] {
          s.newest[key] = Drawn(png: png, metadata: metadata)
        }
        s.landscapes[key] = landscape
        s.drawing = false
        s.nextStart = ended + Self.pauseFactor * (ended - began)
      }
    }
  }
}
