/// The one table of builtins: dispatch, `help`, completion and inspection all read it.
///
/// Adding a builtin is adding one `Builtin` entry to one of the `BuiltinTable.*Entries`
/// lists; nothing else needs to change.
public struct BuiltinTable: Sendable {
  /// Every builtin, in documentation order.
  public let entries: [Builtin]
  private let byName: [String: Builtin]

  /// The table with the language's own builtins (packs above the language add theirs:
  /// `BuiltinTable.shared.adding(SomePack.entries)`; the session assembles them all).
  public static let shared = BuiltinTable(
    entries: elementwiseEntries + arrayEntries + strideEntries + tableEntries + linearAlgebraEntries + randomEntries
      + outputEntries + sessionEntries)

  /// A table of `entries`; names must be unique (a duplicate is a programmer error).
  public init(entries: [Builtin]) {
    self.entries = entries
    var map: [String: Builtin] = [:]
    for e in entries {
      precondition(map[e.name] == nil, "duplicate builtin \(e.name)")
      // Arguments are read by parameter identity (`ParameterKey`): each must be unique.
      precondition(
        Set(e.parameters.map(\.identity)).count == e.parameters.count, "\(e.name) repeats a parameter")
      map[e.name] = e
    }
    byName = map
  }

  /// This table plus `more` entries (for sessions that add their own builtins).
  public func adding(_ more: [Builtin]) -> BuiltinTable {
    BuiltinTable(entries: entries + more)
  }

  /// The builtin called `name`, if any.
  public func lookup(_ name: String) -> Builtin? { byName[name] }

  /// All builtin names, in table order.
  public var names: [String] { entries.map(\.name) }
}
