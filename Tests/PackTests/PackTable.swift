import CalculusPack
import CurvaturePack
import DescentPack
import Language
import NetworksPack
import StudiesPack

extension BuiltinTable {
  /// The language's builtins plus the calculus, descent, networks, curvature and studies packs': the table the
  /// corpus and the docs page were written for (plots are tested with the session).
  static let withPacks = BuiltinTable.shared.adding(
    CalculusPack.entries + DescentPack.entries + NetworksPack.entries
      + CurvaturePack.entries + StudiesPack.entries)
}
