import MathCore

/// `permutation(n)` and `append(collection, item)`: what a hand-written training loop needs
/// (a shuffled visiting order per epoch, a path that grows by one iterate per update), so
/// the lecture's "shuffle after each epoch" can be written out as it reads.
extension BuiltinTable {
  static let permutationCount = ParameterKey.positional("n", .integer)
  static let appendTarget = ParameterKey.positional("collection", .any)
  static let appendItem = ParameterKey.positional("item", .any)

  static let sequenceEntries: [Builtin] = [
    Builtin(
      "permutation", [permutationCount.parameter], returns: "vector",
      summary:
        "The numbers 0, 1, …, n − 1 in a random order (Fisher–Yates on the session's seeded stream, so seed(k) repeats it), like numpy's permutation.",
      example: "seed(0)\npermutation(5)"
    ) { args, ev in
      let n = try size(args, permutationCount)
      try checkedSize(args, permutationCount, rows: n, columns: 1, what: "permutation")
      let order = try ev.withRandom { g in
        var out = (0..<n).map(Double.init)
        // Fisher–Yates from the top: position i swaps with a uniform j in 0...i.
        for i in stride(from: n - 1, to: 0, by: -1) {
          if i & 0xFFFF == 0 { try ev.checkCancellation() }
          let j = min(i, Int(g.nextUniform() * Double(i + 1)))
          out.swapAt(i, j)
        }
        return out
      }
      return .vector(Vector(order))
    },
    Builtin(
      "append", [appendTarget.parameter, appendItem.parameter], returns: "vector, matrix or list",
      summary:
        "A copy of the collection with item added at the end: a number to a vector, a row to a matrix (or a vector to a vector of the same length, giving a two-row matrix), anything to a list.",
      example: "path = [[0, 0]]\npath = append(path, [1, 0.5])\npath"
    ) { args, _ in
      try appended(args[appendTarget] ?? .none, args[appendItem] ?? .none, args)
    },
  ]

  /// The rule of `append` for each kind of collection; shapes must agree, and the result's
  /// size is checked before it is built.
  private static func appended(_ target: Value, _ item: Value, _ args: BoundArguments) throws -> Value {
    switch (target, item) {
    case (.vector(let v), .number(let x)):
      return .vector(Vector(v.elements + [x]))
    case (.vector(let v), .vector(let w)) where v.count == 0 && w.count > 0:
      return .matrix(Matrix(rows: 1, columns: w.count, elements: w.elements))
    case (.vector(let v), .vector(let w)) where v.count == w.count && v.count > 0:
      return .matrix(Matrix(rows: 2, columns: v.count, elements: v.elements + w.elements))
    case (.matrix(let m), .vector(let row)):
      guard row.count == m.columns else {
        throw LanguageError(
          .shape,
          "append needs a row of \(m.columns) numbers to add to a \(m.rows)×\(m.columns) matrix, got \(row.count)",
          at: args.callRange)
      }
      try checkedSize(args, appendItem, rows: m.rows + 1, columns: m.columns, what: "append")
      return .matrix(Matrix(rows: m.rows + 1, columns: m.columns, elements: m.elements + row.elements))
    case (.tuple(let items), _):
      return .tuple(items + [item])
    case (.vector(let v), _) where v.count == 0:
      return .tuple([item])
    default:
      throw LanguageError(
        .type,
        "append adds a number to a vector, a row to a matrix, or anything to a list, not a \(item.typeName) to a \(target.typeName)",
        at: args.callRange)
    }
  }
}
