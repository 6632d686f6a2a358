import Foundation

/// Where a kernel keeps the cells it executed: only in this process, or appended to a
/// JSON-lines file that every Saddle kernel shares, so history survives restarts.
public enum HistoryLocation: Sendable, Equatable {
  /// In memory only: every kernel is session 1 and forgets its cells when it exits.
  case memory
  /// The history file at this path (created, with its directory, on first use).
  case file(String)

  /// The file name under `$XDG_DATA_HOME/saddle/`.
  static let defaultFileName = "history.jsonl"

  /// `SADDLE_HISTORY` if set (a path; `off` or empty means memory only), else
  /// `$XDG_DATA_HOME/saddle/history.jsonl`, XDG_DATA_HOME defaulting to `~/.local/share`.
  /// Only reads the environment: no file is touched here, so kernel startup stays fast.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> HistoryLocation {
    if let setting = environment["SADDLE_HISTORY"] {
      let path = setting.trimmingCharacters(in: .whitespaces)
      return path.isEmpty || path.lowercased() == "off" ? .memory : .file(path)
    }
    // The XDG spec ignores relative values.
    let dataHome: String
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      dataHome = xdg
    } else {
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      dataHome = home + "/.local/share"
    }
    return .file(dataHome + "/saddle/" + defaultFileName)
  }
}
