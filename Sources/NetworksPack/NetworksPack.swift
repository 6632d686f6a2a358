import Language
import MathCore
import NeuralNet

/// The networks pack: data sets, multi-layer perceptrons and `fit` as builtins, wrapping the
/// NeuralNet target (which knows no language).
///
/// Its values draw themselves: a `DatasetValue` holds its `Dataset` (summary and picture), a
/// `NetworkValue` its `MLP`, a `TrainingValue` its `TrainingRecord` (summary and curves), a
/// `FitProgressValue` the live view of a running fit. NeuralNet's errors become
/// `LanguageError`s at the call (`NetworksPack.mapped`).
public enum NetworksPack {
  /// The pack's builtins, in documentation order; a session adds them to its table.
  public static let entries: [Builtin] = dataEntries + modelEntries + fitEntries

  /// The data set or network argument of most builtins.
  static let data = ParameterKey.positional("data", .any)
  static let net = ParameterKey.positional("net", .any)
  /// Synthetic-set options, each declared once.
  static let n = ParameterKey.integer("n", default: 200)
  static let noise = ParameterKey.number("noise", default: 0)
  static let labelNoise = ParameterKey.number("label_noise", default: 0)
  static let seed = ParameterKey.integer("seed", default: 0)
  static let classes = ParameterKey.integer("classes", default: 2)
  static let syntheticParameters = [n, noise, labelNoise, seed].map(\.parameter)

  /// The data set a builtin was given, or a TypeError naming what it got (public for the
  /// packs above, which take networks and data sets the same way).
  public static func dataset(_ args: BoundArguments, _ key: ParameterKey<Value?>) throws -> Dataset {
    guard case .custom(let value)? = args[key], let d = value as? DatasetValue else {
      let got = args[key]?.typeName ?? "nothing"
      throw args.error(
        key, "expected a data set (from two_moons, fashion_mnist, dataset(X, y), …), got \(got)", kind: .type)
    }
    return d.dataset
  }

  /// The network a builtin was given, or a TypeError naming what it got.
  public static func network(_ args: BoundArguments, _ key: ParameterKey<Value?>) throws -> MLP {
    guard case .custom(let value)? = args[key], let m = value as? NetworkValue else {
      let got = args[key]?.typeName ?? "nothing"
      throw args.error(key, "expected a network made by mlp(…), got \(got)", kind: .type)
    }
    return m.network
  }

  /// A whole number argument in `range`, converted only after the check (no trap on NaN/∞).
  public static func count(
    _ args: BoundArguments, _ key: ParameterKey<Double>, in range: ClosedRange<Int>, what: String
  ) throws -> Int {
    let x = args[key]
    guard x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
      throw args.error(
        key, "\(what) must be between \(range.lowerBound) and \(range.upperBound), got \(NumberFormat.plain(x))")
    }
    return Int(x)
  }

  /// A seed: a whole number ≥ 0.
  static func seedValue(_ args: BoundArguments) throws -> UInt64 { try seedValue(args, seed) }

  /// A seed argument `key`: a whole number ≥ 0.
  public static func seedValue(_ args: BoundArguments, _ key: ParameterKey<Double>) throws -> UInt64 {
    let x = args[key]
    guard x >= 0, x < 0x1p53 else { throw args.error(key, "seed must be a whole number ≥ 0") }
    return UInt64(x)
  }

  /// Runs NeuralNet work, turning its errors into ValueErrors at the call (they say what was
  /// wrong and with which shapes; the language adds where).
  public static func mapped<T>(_ args: BoundArguments, _ body: () throws -> T) throws -> T {
    do {
      return try mapped(body)
    } catch var error as LanguageError {
      if error.range == nil { error.range = args.callRange }
      throw error
    }
  }

  /// The same without a place (for values called by other packs, which place the error).
  public static func mapped<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as DatasetError {
      throw LanguageError(.value, error.description)
    } catch let error as NetworkError {
      throw LanguageError(.value, error.description)
    } catch is CancellationError {
      throw LanguageError(.interrupted, "interrupted")
    }
  }

  /// A pair of data sets as a record with members `train` and `test`.
  static func pair(_ train: Dataset, _ test: Dataset) -> Value {
    .record(
      Record(
        typeName: "datasets",
        fields: [
          Record.Field("train", .custom(DatasetValue(train))), Record.Field("test", .custom(DatasetValue(test))),
        ]
      ))
  }
}
