/// Why a data set could not be loaded or built; `description` is the message a user sees.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
  /// The Fashion-MNIST files are not installed.
  case fashionMNISTMissing(path: String)
  /// A file could not be opened or read.
  case unreadable(path: String, reason: String)
  /// A file's bytes are not the IDX format expected.
  case malformedIDX(path: String, reason: String)
  /// A subset larger than the data or not positive.
  case badSubset(name: String, requested: Int, available: Int)
  /// An option value outside what is allowed.
  case badOption(String)
  /// Shapes that do not fit together.
  case shapeMismatch(String)
  /// A CSV file that cannot be turned into a data set.
  case badCSV(path: String, line: Int, reason: String)

  public var description: String {
    switch self {
    case .fashionMNISTMissing(let path):
      return
        "Fashion-MNIST is not installed: \(path) is missing. Install the Debian package "
        + "dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist, or scripts/setup)."
    case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
    case .malformedIDX(let path, let reason): return "\(path) is not a valid IDX file: \(reason)"
    case .badSubset(let name, let requested, let available):
      return "\(name): must be between 1 and \(available) examples, got \(requested)"
    case .badOption(let message): return message
    case .shapeMismatch(let message): return message
    case .badCSV(let path, let line, let reason): return "\(path), line \(line): \(reason)"
    }
  }
}
