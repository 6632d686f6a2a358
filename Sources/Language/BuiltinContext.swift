import MathCore

/// What a builtin may use of the running cell, and nothing more: cancellation, the output
/// host, the seeded random stream, calling a function value, and (for `help` and `vars`)
/// the session's table and variables.
///
/// Why a protocol and not the `Evaluator`: a builtin that cannot reach the evaluator's
/// frames, globals or statement machinery cannot depend on them, so packs above the language
/// stay independent of how cells are evaluated, and tests can run a builtin with any context.
public protocol BuiltinContext: AnyObject {
  /// The stop flag of the running cell; long work passes it down so a stop ends it promptly.
  var cancellation: CancellationFlag { get }
  /// Throws `Interrupted` when a stop was requested. Long loops call this often.
  func checkCancellation() throws
  /// The side-effect channel of the running cell (streams, displays, pager, input).
  var output: EvaluationHost { get }
  /// Draws from the session's seeded random stream.
  func withRandom<T, E: Error>(_ body: (inout SeededGenerator) throws(E) -> T) throws(E) -> T
  /// Calls a user function with positional values (one vector spreads over its parameters).
  func callFunction(_ f: UserFunction, _ values: [Value], range: SourceRange) throws -> Value
  /// Calls any callable value (user function, closure or builtin) with positional values.
  func callValue(_ callee: Value, _ values: [Value], range: SourceRange) throws -> Value
  /// The builtins this session knows.
  var builtins: BuiltinTable { get }
  /// The variables defined so far (including this cell's), sorted by name.
  var variables: [(String, Value)] { get }
  /// The value `name` refers to (a variable, a builtin or a constant), or a NameError at `range`.
  func lookup(_ name: String, _ range: SourceRange) throws -> Value
}

extension Evaluator: BuiltinContext {}
