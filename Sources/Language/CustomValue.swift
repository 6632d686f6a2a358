import MathCore

/// A value defined outside the language — a figure, an optimizer run — that describes
/// itself, so modules above the language add value kinds without touching `Value`.
///
/// Conformers are immutable snapshots (`Sendable`); member access (`run.final`) and
/// completion after `.` go through `member(_:)` and `memberNames`.
public protocol CustomValue: Sendable {
  /// The name users see in messages and as the record title ("figure", "run").
  var typeName: String { get }
  /// The `text/plain` form, always present in the bundle.
  var plainText: String { get }
  /// Further representations by MIME type (`text/html`, `image/png` as base64, …), with the
  /// reason each one that could not be made was left out (a figure that cannot be drawn):
  /// the display shows the reasons, nothing is dropped in silence. The default is none.
  ///
  /// `cancellation` is the stop flag of the host asking (the session's, nil when nobody can
  /// stop the drawing): a value that draws something costly (a figure of 10⁶ points, its own
  /// or a member's) polls it and leaves the drawing out when it is set, which is no failure
  /// (the host ends the cell as interrupted). Why the host hands it over and no value keeps
  /// one: every value the host shows is reached this way, also those made far from any
  /// builtin (`h.figure`, a run's loss curve), so the stop button reaches every drawing.
  func rendered(cancellation: CancellationFlag?) -> Rendering
  /// Per-MIME-type metadata, e.g. `["image/png": ["width": 400, "height": 300]]`.
  var metadata: [String: [String: Int]] { get }
  /// The names `value.` completes to.
  var memberNames: [String] { get }
  /// The member called `name`, or nil when there is none.
  func member(_ name: String) -> Value?
}

/// What a custom value made of itself: representations by MIME type, and why any it meant
/// to make is missing ("the loss curve could not be drawn: …").
public struct Rendering: Sendable, Equatable {
  public var data: [String: String]
  public var failures: [String]

  public init(data: [String: String], failures: [String] = []) {
    (self.data, self.failures) = (data, failures)
  }
}

extension CustomValue {
  /// The representations drawn to the end (no stop flag), for callers that no one can stop.
  public var representations: [String: String] { rendered(cancellation: nil).data }
  public func rendered(cancellation: CancellationFlag?) -> Rendering { Rendering(data: [:]) }
  public var metadata: [String: [String: Int]] { [:] }
  public var memberNames: [String] { [] }
  public func member(_ name: String) -> Value? { nil }
}
