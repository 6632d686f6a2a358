import MathCore

/// `stride(from:to:by:)` and `stride(from:through:by:)`, as in Swift: the numbers
/// from + k·by before `to` (excluded) or up to `through` (included), for `for` loops.
extension BuiltinTable {
  static let strideEntries: [Builtin] = [
    Builtin(
      "stride",
      [
        .labelled("from", .number), .labelled("to", .number, optional: true),
        .labelled("through", .number, optional: true), .labelled("by", .number),
      ],
      returns: "vector",
      summary:
        "The numbers from, from + by, from + 2·by, … before to (excluded) or up to through (included), like Swift's stride.",
      example: "stride(from: 0, to: 1, by: 0.25)"
    ) { args, _ in
      let (from, by) = (args.number(0), args.number(3))
      guard (args.value(1) == nil) != (args.value(2) == nil) else {
        throw LanguageError(
          .argument, "stride needs to: (end excluded) or through: (end included)",
          at: args.callRange)
      }
      let inclusive = args.value(2) != nil
      let end = args.number(inclusive ? 2 : 1)
      guard from.isFinite, end.isFinite, by.isFinite else {
        throw args.error(0, "stride needs finite numbers")
      }
      guard by != 0 else { throw args.error(3, "stride needs a non-zero step by:") }
      let steps = ((end - from) / by).rounded(.down)
      guard steps <= 10_000_000 else {
        throw args.error(3, "stride would make more than 10000000 numbers")
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
