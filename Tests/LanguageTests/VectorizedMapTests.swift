import Language
import MathCore
import Testing
import _LanguageTestSupport

/// `map` of a scalar formula over a vector or range runs the block program over all items
/// at once; it must give, bit for bit, what one call per item gives.
@Suite struct VectorizedMapTests: CellRunner {
  let runtime = Runtime()

  @Test(arguments: [
    "x^3 - exp(x) / 3", "sin(x) * cos(2 * x) + x^0.5", "1 / (1 + exp(-x))", "(1 - x * 0.7)^2 + log(x)",
  ])
  func mapAgreesWithOneCallPerItem(body: String) throws {
    _ = try run("g(x) = \(body)")
    let xs = (0..<50).map { 0.05 + Double($0) * 0.37 }
    let list = "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]"
    guard case .vector(let mapped)? = try run("\(list).map { x in \(body) }"),
      case .vector(let viaFunction)? = try run("\(list).map(g)")
    else {
      Issue.record("map of a formula did not give a vector")
      return
    }
    for (k, x) in xs.enumerated() {
      guard case .number(let one)? = try run("g(\(x))") else {
        Issue.record("g(\(x)) is not a number")
        return
      }
      #expect(mapped[k].bitPattern == one.bitPattern, "x = \(x): map \(mapped[k]), call \(one)")
      #expect(viaFunction[k].bitPattern == one.bitPattern)
    }
  }

  @Test func rangesGiveTheItemsAForLoopVisits() throws {
    guard case .vector(let v)? = try run("(0.1...3.1).map { x in x * 2 }") else {
      Issue.record("not a vector")
      return
    }
    #expect(v.elements == [0.2, 2.2, 4.2, 6.2])
    guard case .vector(let empty)? = try run("(2...1).map { x in x }") else {
      Issue.record("not a vector")
      return
    }
    #expect(empty.count == 0)
  }
}
