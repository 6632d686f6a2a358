import MathCore

/// Runs cells one after another, keeping variables and the random stream between them.
///
/// A cell is parsed completely first (syntax errors stop it before anything runs), then
/// evaluated against a scratch copy of the variables; only a cell that finishes without
/// error commits its definitions, so a failing cell defines nothing half-way.
public final class Runtime {
  public private(set) var globals: [String: Value] = [:]
  private var rng = SeededGenerator(seed: 0)
  /// Set from another thread to stop the running cell. `run` does not clear it; the
  /// session resets it at the start of each execution.
  public let cancellation: CancellationFlag

  /// The builtins cells can call: the language's own, plus any the embedding session adds
  /// with `BuiltinTable.adding(_:)` (plots, optimisers, … in later issues).
  public let builtins: BuiltinTable

  public init(builtins: BuiltinTable = .shared, cancellation: CancellationFlag = CancellationFlag()) {
    self.builtins = builtins
    self.cancellation = cancellation
  }

  /// Runs one cell; returns the value to show (nil when hidden by `;` or when there is none).
  public func run(_ source: String, host: EvaluationHost) throws(LanguageError) -> Value? {
    let cell = Parser.parse(source)
    if let first = cell.diagnostics.first { throw first }
    let evaluator = Evaluator(
      globals: globals, rng: rng, host: host, cancellation: cancellation, builtins: builtins)
    var result: Value?
    do {
      for (i, line) in cell.statements.enumerated() {
        let value: Value?
        do {
          value = try evaluator.execute(line.statement)
        } catch let error as LanguageError {
          throw error.placed(at: line.statement.range)
        }
        if i == cell.statements.count - 1 { result = line.silenced ? nil : value }
      }
    } catch let error as LanguageError {
      throw error
    } catch is Interrupted {
      throw LanguageError(.interrupted, "interrupted by the user")
    } catch {
      throw LanguageError(.value, "\(error)")
    }
    globals = evaluator.globals
    rng = evaluator.rng
    if case .none? = result { return nil }
    return result
  }

  /// The current value of a variable, builtin or constant called `name`.
  public func value(named name: String) -> Value? {
    if let v = globals[name] { return v }
    if let b = builtins.lookup(name) { return .builtin(b) }
    return Constants.value(name).map { .number($0) }
  }
}
