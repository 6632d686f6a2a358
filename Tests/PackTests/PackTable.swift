import CalculusPack
import DescentPack
import Language
import NetworksPack

extension BuiltinTable {
  /// The language's builtins plus the calculus, descent and networks packs': the table the corpus and
  /// the docs page were written for (plots are tested with the session).
  static let withPacks = BuiltinTable.shared.adding(CalculusPack.entries + DescentPack.entries + NetworksPack.entries)
}
