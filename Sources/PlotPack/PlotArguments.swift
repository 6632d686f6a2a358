import Language
import MathCore
import Plot
import Raster

/// Argument helpers shared by the plotting builtins: common labelled options, ranges,
/// figures and optimizer runs (anything with a `points` matrix or a `loss` vector).
public enum PlotArguments {
  /// `title:`, `xlabel:`, `ylabel:`, `xlim:`, `ylim:` — every plotting builtin takes them.
  static let title = ParameterKey.labelled("title", .string).optional()
  static let xlabel = ParameterKey.labelled("xlabel", .string).optional()
  static let ylabel = ParameterKey.labelled("ylabel", .string).optional()
  static let xlim = ParameterKey.labelled("xlim", .range).optional()
  static let ylim = ParameterKey.labelled("ylim", .range).optional()
  static let labelParameters: [BuiltinParameter] = [title, xlabel, ylabel, xlim, ylim].map(\.parameter)

  /// A range labelled with the function's parameter name (as `grid` takes them).
  static func wildcard(_ label: String, _ name: String) -> BuiltinParameter {
    var p = BuiltinParameter.labelled(label, .range)
    p.name = name
    p.wildcard = true
    return p
  }

  /// Takes all positional arguments (possibly none).
  static func variadic(_ name: String) -> BuiltinParameter {
    var p = BuiltinParameter.positional(name, .any, optional: true)
    p.variadic = true
    return p
  }

  /// Applies `title:`/`xlabel:`/`ylabel:`/`xlim:`/`ylim:` (the entry lists them with
  /// `labelParameters`); limits must be finite and increasing (positive on log axes).
  static func applyLabels(_ args: BoundArguments, to axes: inout Axes) throws {
    if case .string(let s)? = args[title] { axes.title = s }
    if case .string(let s)? = args[xlabel] { axes.xlabel = s }
    if case .string(let s)? = args[ylabel] { axes.ylabel = s }
    if args[xlim] != nil {
      let (lo, hi) = try range(args, xlim)
      guard axes.xscale == .linear || lo > 0 else { throw args.error(xlim, "a log axis needs positive limits") }
      axes.xlimits = lo...hi
    }
    if args[ylim] != nil {
      let (lo, hi) = try range(args, ylim)
      guard axes.yscale == .linear || lo > 0 else { throw args.error(ylim, "a log axis needs positive limits") }
      axes.ylimits = lo...hi
    }
  }

  /// A range argument checked to be finite and increasing.
  static func range(_ args: BoundArguments, _ key: ParameterKey<Value?>) throws -> (Double, Double) {
    guard case .range(let lo, let hi)? = args[key] else {
      throw args.error(key, "expected a range such as -2...2", kind: .type)
    }
    guard lo.isFinite, hi.isFinite, lo < hi else {
      throw args.error(
        key, "the range \(NumberFormat.plain(lo))...\(NumberFormat.plain(hi)) must be finite and increasing")
    }
    return (lo, hi)
  }

  /// The figure inside a value, if it is one.
  static func figure(_ v: Value) -> Figure? {
    if case .custom(let c) = v, let f = c as? FigureValue { return f.figure }
    return nil
  }

  /// A member of a record or custom value (runs from the optimizer are either).
  static func member(_ v: Value, _ name: String) -> Value? {
    switch v {
    case .custom(let c): return c.member(name)
    case .record(let r): return r.fields.first { $0.name == name }?.value
    default: return nil
    }
  }

  /// The iterates of a run: its `points` matrix (one row per iterate, first two columns).
  /// A run of a one-parameter function is drawn on its curve: (θⁱ, L(θⁱ)) from `loss`.
  static func points(_ v: Value) -> Matrix? {
    guard case .matrix(let m)? = member(v, "points") else { return nil }
    if m.columns >= 2 { return m }
    guard m.columns == 1, let loss = loss(v), loss.count == m.rows else { return nil }
    return Matrix(rows: m.rows, columns: 2, elements: (0..<m.rows).flatMap { [m[$0, 0], loss[$0]] })
  }

  /// The loss curve of a run (its `loss` vector) or a plain vector.
  static func loss(_ v: Value) -> [Double]? {
    if case .vector(let l) = v { return l.elements }
    if case .vector(let l)? = member(v, "loss") { return l.elements }
    return nil
  }

  /// The step number of each loss value: a run's real iterations (long runs keep every
  /// `stride`-th, and the last), else 0, 1, 2, … for a plain vector.
  static func steps(_ v: Value, count: Int) -> [Double] {
    guard case .number(let stride)? = member(v, "stride"), case .number(let last)? = member(v, "steps") else {
      return (0..<count).map(Double.init)
    }
    return iterations(
      rows: count, stride: Int(clamping: stride, to: 1...Int.saturationLimit, nan: 1),
      last: Int(clamping: last, to: 0...Int.saturationLimit, nan: count))
  }

  /// Iteration index of each recorded row of a run: every `stride`-th, and the last one
  /// (in Double, so a huge stride cannot overflow).
  public static func iterations(rows: Int, stride: Int, last: Int) -> [Double] {
    (0..<rows).map { $0 == rows - 1 ? Double(last) : Double($0) * Double(max(stride, 1)) }
  }

  /// The name a run shows in legends: its `name`/`label` member, else "run k".
  static func runName(_ v: Value, _ k: Int) -> String {
    for key in ["label", "name", "title"] {
      if case .string(let s)? = member(v, key) { return s }
    }
    return "run \(k + 1)"
  }

  /// The items of a tuple or vector argument (a single value counts as one item).
  static func items(_ v: Value) -> [Value] {
    switch v {
    case .tuple(let t): return t
    case .vector(let vec): return [.vector(vec)]
    default: return [v]
    }
  }

  /// Checks that every value is finite enough to plot; names the argument otherwise.
  static func requireFinite(
    _ xs: [Double], _ args: BoundArguments, _ key: ParameterKey<Value?>, _ what: String
  ) throws {
    guard xs.contains(where: \.isFinite) else {
      throw args.error(key, "\(what) has no finite values to plot")
    }
  }
}
