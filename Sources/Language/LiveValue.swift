/// A value that reports on work in progress and keeps a second, costly display up to date
/// beside its own (a long run's progress line and its live figure).
///
/// Shown under a display id, the host shows the value itself under that id (unless
/// `showsItself` is false) and its companion under a display of its own, drawn by
/// `companion(reusing:)` off the running thread at a bounded rate (the newest report
/// wins), or at once when `drawsCompanionNow` (the last report, so the display left in the
/// notebook shows the whole work). Hosts that cannot show companions (a terminal) skip them.
/// Why a protocol here: the language knows no figures, and the host needs no knowledge of
/// what a report is about, so any pack can publish live displays the same way.
public protocol LiveValue: CustomValue {
  /// Whether the host shows this report itself (false for a last report that only completes
  /// the companion, when a status line follows it).
  var showsItself: Bool { get }
  /// Whether the companion is drawn now, on the caller's thread, and always sent.
  var drawsCompanionNow: Bool { get }
  /// The companion display for this report, and what the next drawing of the same display
  /// may reuse (`cache` is what the previous drawing returned, nil at first).
  func companion(reusing cache: (any Sendable)?) -> (value: any CustomValue, cache: (any Sendable)?)
}
