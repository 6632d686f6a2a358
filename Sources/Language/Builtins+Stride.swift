import MathCore

/// `stride(from:to:by:)` and `stride(from:through:by:)`, as in Swift: the numbers
/// from + k·by before `to` (excluded) or up to `through` (included), for `for` loops.
extension BuiltinTable {
  /// The parameters of `stride`, each declared once and read by key (`args[strideBy]`).
  static let strideFrom = ParameterKey.number("from")
  static let strideTo = ParameterKey.number("to").optional()
  static let strideThrough = ParameterKey.number("through").optional()
  static let strideBy = ParameterKey.number("by")

  static let strideEntries: [Builtin] = [
    Builtin(
      "stride",
      [strideFrom.parameter, strideTo.parameter, strideThrough.parameter, strideBy.parameter],
      returns: "vector",
      summary:
        "The numbers from, from + by, from + 2·by, … before to (excluded) or up to through (included), like Swift's stride.",
      example: "stride(from: 0, to: 1, by: 0.25)"
    ) { args, _ in
      let (from, by) = (args[strideFrom], args[strideBy])
      guard args.has(strideTo) != args.has(strideThrough) else {
        throw LanguageError(
          .argument, "stride needs to: (end excluded) or through: (end included)",
          at: args.callRange)
      }
      let inclusive = args.has(strideThrough)
      let end = inclusive ? args[strideThrough] : args[strideTo]
      guard from.isFinite, end.isFinite, by.isFinite else {
        throw args.error(strideFrom, "stride needs finite numbers")
      }
      guard by != 0 else { throw args.error(strideBy, "stride needs a non-zero step by:") }
      let steps = ((end - from) / by).rounded(.down)
      guard steps <= 10_000_000 else {
        throw args.error(strideBy, "stride would make more than 10000000 numbers")
      }
      var out: [Double] = []
      var k = 0.0
      while k <= steps + 1 {
        let x = from + k * by
        let inside = by > 0 ? (inclusive ? x <= end : x < end) : (inclusive ? x >= end : x > end)
        guard inside else { break }
        out.append(x)
        k += 1
      }
      return .vector(Vector(out))
    }
  ]
}
