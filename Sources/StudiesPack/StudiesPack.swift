import DescentPack
import Language
import MathCore
import NetworksPack
import NeuralNet
import Optim

/// The studies pack: experiments over many trainings as builtins (`batch_study`, `sb_lb`,
/// `last_study`), wrapping NeuralNet's `batchStudy` (which knows no language).
///
/// Its values draw themselves: a `BatchStudyValue` holds its `BatchStudy` (a table with a
/// row per batch size and the figures against batch size), a `SmallLargeValue` Keskar's SB/LB
/// table, a `StudyProgressValue` the live view of a running study. Data sets, networks and
/// optimizers are the networks and descent packs' values; their errors map as theirs do.
public enum StudiesPack {
  /// The pack's builtins, in documentation order; a session adds them to its table.
  public static let entries: [Builtin] = studyEntries

  static let model = ParameterKey.positional("model", .any)
  static let data = ParameterKey.positional("data", .any)
  static let batches = ParameterKey.labelled("batches", .any).optional()
  static let epochs = ParameterKey.integer("epochs", default: 10)
  static let optimizer = ParameterKey.labelled("optimizer", .any).optional()
  static let seeds = ParameterKey.integer("seeds", default: 3)
  static let seed = ParameterKey.integer("seed", default: 0)
  static let test = ParameterKey.labelled("test", .any).optional()
  static let shuffle = ParameterKey.labelled("shuffle", .bool).optional()
  static let sharpnessExamples = ParameterKey.integer("sharpness_examples", default: 500)
  static let workers = ParameterKey.integer("workers", default: 2)
  static let sb = ParameterKey.integer("sb", default: 256)
  static let lb = ParameterKey.labelled("lb", .any).optional()
  static let epsilon = ParameterKey.number("epsilon", default: 1e-3)

  /// The parameters batch_study and sb_lb share, after the model and the data.
  static let trainingParameters =
    [epochs, seeds].map(\.parameter) + [optimizer.parameter, test.parameter]
    + [seed.parameter, shuffle.parameter, sharpnessExamples.parameter, workers.parameter]

  /// The lecture's optimizer: SGD with momentum, η = 0.05, λ = 0.9.
  static let defaultOptimizer = Optimizer.momentum(lr: 0.05, lambda: 0.9)
  /// The most epochs one run of a study may take.
  static let maxEpochs = 100_000

  /// Reads what every study takes besides the batch sizes.
  static func studyOptions(_ args: BoundArguments) throws -> BatchStudyOptions {
    var fit = FitOptions(optimizer: defaultOptimizer)
    if let given = args[optimizer] {
      guard case .custom(let value) = given, let chosen = (value as? OptimizerValue)?.optimizer else {
        throw args.error(
          optimizer, "optimizer must be made by gd(lr:), momentum(lr:, lambda:), nesterov(…) or adam(…)", kind: .type)
      }
      fit.optimizer = chosen
    }
    fit.epochs = try NetworksPack.count(args, epochs, in: 1...maxEpochs, what: "epochs")
    if case .bool(let b)? = args[shuffle] { fit.shuffle = b }
    if args[test] != nil { fit.test = try NetworksPack.dataset(args, test) }
    var options = BatchStudyOptions(fit: fit)
    options.seeds = try NetworksPack.count(args, seeds, in: 1...BatchStudyOptions.maxRuns, what: "seeds")
    options.firstSeed = try NetworksPack.seedValue(args, seed)
    options.sharpnessExamples = try NetworksPack.count(
      args, sharpnessExamples, in: 1...10_000_000, what: "sharpness_examples")
    options.workers = try NetworksPack.count(args, workers, in: 1...64, what: "workers")
    return options
  }

  /// The `batches:` list: whole numbers (checked ≥ 1 by the study, which names the bad one).
  static func batchList(_ args: BoundArguments) throws -> [Int] {
    let cells: [Value]
    switch args[batches] {
    case nil: return [16, 64, 256, 1024, 4096]
    case .vector(let v)?: cells = v.elements.map(Value.number)
    case .tuple(let items)?: cells = items
    case .number(let x)?: cells = [.number(x)]
    case let other?:
      throw args.error(batches, "batches must be a list of batch sizes such as [16, 64, 256], got \(other.typeName)")
    }
    return try cells.map { cell in
      guard case .number(let x) = cell, x.isFinite, x == x.rounded(), abs(x) <= 1e12 else {
        throw args.error(batches, "every batch size must be a whole number, got \(cell.plainText)")
      }
      return Int(x)
    }
  }

  /// `lb:`: a fraction of the data in (0, 1), a whole number of examples ≥ 1, or "full".
  static func largeBatch(_ args: BoundArguments) throws -> LargeBatch {
    switch args[lb] {
    case nil: return .fraction(0.1)
    case .string("full")?: return .fraction(1)
    case .number(let x)? where x > 0 && x < 1: return .fraction(x)
    case .number(let x)? where x == x.rounded() && x >= 1 && x <= 1e12: return .size(Int(x))
    case let other?:
      throw args.error(
        lb,
        "lb must be a fraction of the data in (0, 1), a whole number of examples or \"full\", got \(other.plainText)")
    }
  }
}
