/// A test's own failure with a message, thrown when a value has not the shape a test reads
/// (a record without the field, a value of another case).
public struct CalculusTestFailure: Error {
  public let message: String
  public init(_ message: String) { self.message = message }
}
