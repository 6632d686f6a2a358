import Foundation

/// Diagnostics on stderr: warnings always, every message at the boundary with `SADDLE_LOG=debug`.
///
/// stderr is what Jupyter servers keep in their logs; stdout is left alone.
public enum KernelLog {
  /// Whether `SADDLE_LOG=debug` is set (read once).
  public static let isDebug: Bool = ProcessInfo.processInfo.environment["SADDLE_LOG"]?.lowercased() == "debug"

  /// Logs a problem the kernel recovered from (a dropped message, an unknown type).
  public static func warning(_ text: @autoclosure () -> String) {
    write("[saddle] warning: \(text())\n")
  }

  /// Logs detail that only matters when debugging, such as each message in and out.
  public static func debug(_ text: @autoclosure () -> String) {
    guard isDebug else { return }
    write("[saddle] debug: \(text())\n")
  }

  private static func write(_ line: String) {
    FileHandle.standardError.write(Data(line.utf8))
  }
}
