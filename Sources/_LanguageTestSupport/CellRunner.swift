import Language

/// Runs cells on a test's runtime: the value of the last expression, or the error.
public protocol CellRunner {
  var runtime: Runtime { get }
}

extension CellRunner {
  public func run(_ source: String) throws -> Value? { try runtime.run(source, host: RecordingHost()) }

  public func error(_ source: String) -> LanguageError? {
    do {
      _ = try runtime.run(source, host: RecordingHost())
      return nil
    } catch {
      return error
    }
  }
}
