import DescentPack
import Language

extension BuiltinTable {
  /// The language's builtins plus the descent pack's: the table the corpus and the docs page
  /// were written for (plots are the session's, tested there).
  static let withPacks = BuiltinTable.shared.adding(DescentPack.entries)
}
