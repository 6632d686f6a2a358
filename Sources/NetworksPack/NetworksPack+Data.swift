import Language
import MathCore
import NeuralNet

/// The data builtins: Fashion-MNIST, the synthetic sets, your own data, and transforms.
extension NetworksPack {
  static let trainCount = ParameterKey.integer("train").optional()
  static let testCount = ParameterKey.integer("test").optional()
  static let size = ParameterKey.integer("size", default: 28)
  static let function = ParameterKey.positional("f", .function)
  static let xRange = ParameterKey.labelled("x", .range)
  static let features = ParameterKey.positional("X", .matrix)
  static let targets = ParameterKey.positional("y", .vector)
  static let targetKind = ParameterKey.labelled("kind", .string).optional()
  static let path = ParameterKey.positional("path", .string)
  static let label = ParameterKey.labelled("label", .any)
  static let testFraction = ParameterKey.number("test", default: 0.2)
  static let using = ParameterKey.labelled("using", .any).optional()
  static let blobClasses = ParameterKey.integer("classes", default: 3)
  static let firstCount = ParameterKey.positional("n", .integer)
  /// The most examples a synthetic set may have.
  static let maxSynthetic = 10_000_000

  static let dataEntries: [Builtin] = [
    Builtin(
      "fashion_mnist", [trainCount.parameter, testCount.parameter, size.parameter], returns: "datasets",
      summary: """
        The real Fashion-MNIST (60,000 train / 10,000 test images of 28×28, 10 classes), from the Debian package \
        dataset-fashion-mnist. Returns a record with members train and test. train: and test: keep the first so \
        many examples; size: 14 or 7 averages 2×2 or 4×4 pixel blocks (for small networks).
        """,
      example: "d = fashion_mnist(train: 200, test: 50, size: 7)\nd.train.features"
    ) { args, _ in
      let train = try optionalCount(args, trainCount, what: "train")
      let test = try optionalCount(args, testCount, what: "test")
      let side = try count(args, size, in: 7...28, what: "size")
      let sets = try mapped(args) { try FashionMNIST.load(train: train, test: test, size: side) }
      return pair(sets.train, sets.test)
    },
    synthetic(
      "two_moons", summary: "Two interleaving half circles in 2-D, 2 classes (scikit-learn's make_moons).",
      example: "two_moons(n: 200, noise: 0.1, seed: 1).count"
    ) { options, _ in try Dataset.twoMoons(options) },
    synthetic(
      "spirals", extra: [classes.parameter],
      summary: "Interleaved spiral arms in 2-D, one class per arm (classes: 2 by default).",
      example: "spirals(n: 300, classes: 3, noise: 0.05).classes"
    ) { options, args in try Dataset.spirals(options, classes: try count(args, classes, in: 2...1000, what: "classes"))
    },
    synthetic(
      "blobs", extra: [blobClasses.parameter],
      summary: "Gaussian blobs in 2-D around points on a circle, one class per blob (classes: 3 by default).",
      example: "blobs(n: 150, classes: 3, seed: 2).class_counts"
    ) { options, args in
      try Dataset.blobs(options, classes: try count(args, blobClasses, in: 2...1000, what: "classes"))
    },
    synthetic(
      "xor",
      summary: "The four quadrants in 2-D, labelled by the sign of x₁·x₂ (2 classes): no linear model separates them.",
      example: "xor(n: 100, noise: 0.1).features"
    ) { options, _ in try Dataset.xor(options) },
    curveEntry,
    Builtin(
      "dataset", [features.parameter, targets.parameter, targetKind.parameter], returns: "dataset",
      summary: """
        A data set from an N×D matrix X (one example per row) and N targets y: class labels when every y is a \
        whole number ≥ 0, real-valued (regression) targets otherwise; kind: "regression" or "classes" decides.
        """,
      example: "dataset([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]).classes"
    ) { args, _ in
      let kind: TargetKind
      switch args[targetKind] {
      case nil: kind = .automatic
      case .string("regression")?: kind = .regression
      case .string("classes")?: kind = .classes
      case let other?:
        throw args.error(targetKind, "kind must be \"regression\" or \"classes\", got \(other.plainText)")
      }
      let d = try mapped(args) {
        try Dataset.make(features: args.matrix(features), targets: args.vector(targets), kind: kind)
      }
      return .custom(DatasetValue(d))
    },
    Builtin(
      "load_csv", [path.parameter, label.parameter], returns: "dataset",
      summary: """
        A data set from a CSV file: label: is the target column, by name (header) or index (from 0; −1 is the \
        last). Every other column is a feature. Words as labels become class names.
        """,
      example: "iris = load_csv(\"iris.csv\", label: \"species\")"
    ) { args, _ in
      let column: LabelColumn
      switch args[label] {
      case .string(let name)?: column = .name(name)
      case .number(let i)? where i == i.rounded() && abs(i) < 1e9: column = .index(Int(i))
      default: throw args.error(label, "label must be a column name (string) or index (whole number)", kind: .type)
      }
      let file = args.string(path)
      return .custom(DatasetValue(try mapped(args) { try Dataset.loadCSV(path: file, label: column) }))
    },
    Builtin(
      "split", [data.parameter, testFraction.parameter, seed.parameter], returns: "datasets",
      summary: """
        Splits a data set at random (seeded) into a record with members train and test; test: is the fraction \
        held out (0.2 by default).
        """,
      example: "s = split(two_moons(n: 100), test: 0.25, seed: 0)\ns.test.count"
    ) { args, _ in
      let d = try dataset(args, data)
      let fraction = args[testFraction]
      let s = try seedValue(args)
      let parts = try mapped(args) { try d.split(testFraction: fraction, seed: s) }
      return pair(parts.train, parts.test)
    },
    Builtin(
      "standardize", [data.parameter, using.parameter], returns: "dataset",
      summary: """
        Each feature shifted and scaled to mean 0 and standard deviation 1. using: another data set learns the \
        means and deviations there (standardize the test set with using: train, as scikit-learn's StandardScaler).
        """,
      example: "s = split(blobs(n: 100), test: 0.2)\nstandardize(s.test, using: s.train).count"
    ) { args, _ in
      let d = try dataset(args, data)
      let learnt = try args[using] == nil ? nil : dataset(args, using).standardization
      return .custom(DatasetValue(try mapped(args) { try d.standardized(using: learnt) }))
    },
    Builtin(
      "first", [data.parameter, firstCount.parameter], returns: "dataset",
      summary: "The first n examples of a data set.",
      example: "first(two_moons(n: 100), 10).count"
    ) { args, _ in
      let d = try dataset(args, data)
      let k = args.number(firstCount)
      guard k >= 1, k <= Double(d.count) else {
        throw args.error(
          firstCount, "n must be between 1 and \(d.count) (the examples of \(d.name)), got \(NumberFormat.plain(k))")
      }
      return .custom(DatasetValue(try mapped(args) { try d.first(Int(k)) }))
    },
  ]

  /// A labelled whole number that may be omitted (nil), in 1…10⁹ when given.
  private static func optionalCount(_ args: BoundArguments, _ key: ParameterKey<Double>, what: String) throws -> Int? {
    try args[key].isNaN ? nil : count(args, key, in: 1...1_000_000_000, what: what)
  }

  /// The seeded options every synthetic set takes.
  static func syntheticOptions(_ args: BoundArguments) throws -> SyntheticOptions {
    let k = try count(args, n, in: 1...maxSynthetic, what: "n")
    let sigma = args[noise]
    guard sigma.isFinite, sigma >= 0 else { throw args.error(noise, "noise must be a finite number ≥ 0") }
    let flip = args[labelNoise]
    guard flip >= 0, flip <= 1 else { throw args.error(labelNoise, "label_noise must be a fraction in [0, 1]") }
    return SyntheticOptions(count: k, noise: sigma, labelNoise: flip, seed: try seedValue(args))
  }

  /// One synthetic-set builtin: `name(n:, noise:, label_noise:, seed:, extra…)`.
  private static func synthetic(
    _ name: String, extra: [BuiltinParameter] = [], summary: String, example: String,
    make: @escaping @Sendable (SyntheticOptions, BoundArguments) throws -> Dataset
  ) -> Builtin {
    Builtin(
      name, syntheticParameters + extra, returns: "dataset",
      summary: summary
        + " Seeded: n: examples, noise: Gaussian σ added to the features, label_noise: fraction of labels flipped.",
      example: example
    ) { args, _ in
      let options = try syntheticOptions(args)
      return .custom(DatasetValue(try mapped(args) { try make(options, args) }))
    }
  }

  /// `curve(f, x: range, n:, noise:, seed:)`: samples of a 1-D function for regression.
  private static let curveEntry = Builtin(
    "curve", [function.parameter, xRange.parameter] + syntheticParameters, returns: "dataset",
    summary: """
      A 1-D regression set: n evenly spaced x in the range and y = f(x) plus Gaussian noise of σ = noise (seeded).
      """,
    example: "f(x) = sin(x) + cos(x^2/10)\ncurve(f, x: 0...10, n: 100, noise: 0.1).count"
  ) { args, ev in
    let (f, name) = try curveFunction(args)
    guard case .range(let lo, let hi)? = args[xRange], lo.isFinite, hi.isFinite, lo < hi else {
      throw args.error(xRange, "x must be a finite range low..high with low < high")
    }
    let options = try syntheticOptions(args)
    // Values first (a user function may throw or be interrupted), then the set.
    let xs = Vector.linspace(lo, hi, count: options.count).elements
    var ys = [Double: Double]()
    for x in xs {
      try ev.checkCancellation()
      guard case .number(let y) = try ev.callValue(f, [.number(x)], range: args.range(function)) else {
        throw args.error(function, "\(name)(x) must return a number")
      }
      ys[x] = y
    }
    let d = try mapped(args) { try Dataset.curve(options, range: lo...hi, name: name) { ys[$0] ?? .nan } }
    return .custom(DatasetValue(d))
  }

  /// The function `curve` samples and its name: a user function or closure of one variable,
  /// or a builtin called with one number (`sin`, `exp`, `tanh`, …).
  private static func curveFunction(_ args: BoundArguments) throws -> (Value, String) {
    switch args[function] {
    case .function(let f)? where f.parameters.count == 1: return (.function(f), f.name)
    case .closure(let c)? where c.parameters.count == 1: return (.closure(c), c.name ?? "f")
    case .builtin(let b)?: return (.builtin(b), b.name)
    default:
      throw args.error(
        function, "curve needs a function of one variable, like f(x) = sin(x), { x in x^2 } or sin", kind: .type)
    }
  }
}
