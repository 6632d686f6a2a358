import Dispatch
import Language
import MathCore
import Synchronization

/// Draws the companions of live values (a long run's live figure beside its progress line) on
/// a background queue, so neither the work nor the stop button ever waits for a drawing.
///
/// A live value shows as two displays: itself (every report, under its display id) and its
/// companion (under the id + `-figure`), so frontends that prefer images still show the
/// line. What a companion shows is the value's business (`LiveValue.companion`); this class
/// only decides when to draw and what to send. Why in the background: reports come up to five times a second, and
/// a 2× figure costs tens of milliseconds (hundreds in a debug build). Drawn on the run's
/// own thread, that slowed long runs by up to half and delayed an interrupt by a whole
/// drawing. One drawing at a time runs here, from the latest report; a new one starts only
/// after a pause of `pauseFactor` times the last drawing's time, so drawing takes at most a
/// quarter of one core. A figure is sent once, with the next report after it is finished;
/// a report that `drawsCompanionNow` (a run's final report) is drawn at once, so the figure left in the notebook shows the
/// whole run. Displays are still sent from the run's thread, so the output sink is never
/// called concurrently; a drawing that finishes after its run ended is dropped.
final class LiveFigureDrawer: Sendable {
  /// A display to send: its bundle, and whether it replaces an earlier one.
  struct Update {
    var bundle: MimeBundle
    var replaces: Bool
  }

  private struct Drawn: Sendable {
    var bundle: MimeBundle
    /// Whether an update has carried this figure yet.
    var sent = false
  }
  private struct State: Sendable {
    var newest: [String: Drawn] = [:]
    /// Display ids whose figure display exists (a later figure replaces it).
    var shown: Set<String> = []
    /// Display ids whose run has ended: later background drawings for them are dropped.
    var finished: Set<String> = []
    /// What each display's last drawing returned for the next to reuse (a run's landscape).
    var caches: [String: any Sendable] = [:]
    var drawing = false
    /// Uptime (ns) before which no new drawing starts.
    var nextStart: UInt64 = 0
  }
  private let state = Mutex(State())
  /// The session's stop flag: a drawing in progress when the user presses stop ends early
  /// (its figure is left out, as one finished after its run ended would be).
  private let cancellation: CancellationFlag?
  /// Pause after a drawing, in multiples of its time: 3 keeps drawing to a quarter of a core.
  static let pauseFactor: UInt64 = 3
  private let queue = DispatchQueue(label: "saddle.live-figures", qos: .utility)

  init(cancellation: CancellationFlag?) { self.cancellation = cancellation }

  /// The id of the figure display that goes with the progress line shown under `id`.
  static func figureID(_ id: String) -> String { id + "-figure" }

  /// The companion display for `progress`, shown under `id`: a drawing finished since the
  /// last update, or nil. Starts a background drawing when the budget allows. A report that
  /// `drawsCompanionNow` is drawn now, on the caller's thread.
  func figure(_ progress: any LiveValue, id: String) -> Update? {
    if progress.drawsCompanionNow {
      let bundle = render(progress, id: id).bundle
      guard Self.drew(bundle) else { return nil }
      let replaces = state.withLock { s in
        s.finished.insert(id)
        s.newest[id] = Drawn(bundle: bundle, sent: true)
        return !s.shown.insert(id).inserted
      }
      return Update(bundle: bundle, replaces: replaces)
    }
    let now = DispatchTime.now().uptimeNanoseconds
    let (update, start) = state.withLock { s -> (Update?, Bool) in
      let start = !s.drawing && now >= s.nextStart
      if start { s.drawing = true }
      guard let drawn = s.newest[id], !drawn.sent else { return (nil, start) }
      s.newest[id]?.sent = true
      return (Update(bundle: drawn.bundle, replaces: !s.shown.insert(id).inserted), start)
    }
    if start { draw(progress, id: id) }
    return update
  }

  /// Waits until no drawing is in progress (for tests).
  func waitUntilIdle() {
    queue.sync {}
  }

  /// The companion of `progress` as a bundle, given what the display's last drawing left to reuse.
  private func render(_ progress: any LiveValue, id: String) -> (bundle: MimeBundle, cache: (any Sendable)?) {
    let cached = state.withLock { $0.caches[id] }
    let (value, cache) = progress.companion(reusing: cached)
    return (MimeBundle(value: .custom(value), cancellation: cancellation), cache)
  }

  /// Whether a drawing produced more than its text (a figure that failed to render has none).
  private static func drew(_ bundle: MimeBundle) -> Bool { bundle.data.count > 1 }

  private func draw(_ progress: any LiveValue, id: String) {
    queue.async { [self] in
      let began = DispatchTime.now().uptimeNanoseconds
      let (bundle, cache) = render(progress, id: id)
      let ended = DispatchTime.now().uptimeNanoseconds
      state.withLock { s in
        if Self.drew(bundle), !s.finished.contains(id) {
          s.newest[id] = Drawn(bundle: bundle)
        }
        s.caches[id] = cache
        s.drawing = false
        s.nextStart = ended + Self.pauseFactor * (ended - began)
      }
    }
  }
}
