import Foundation
import Language
import MathCore
import Testing

/// The ground truth through the cell language: `classify` and `critical_points` as a user calls them.
@Suite struct GroundTruthBuiltinTests {
  let truth: GroundTruth

  init() throws { truth = try GroundTruth.load() }

  /// Defines `F(vars) = expr` in a fresh runtime.
  func runtime(for spec: GroundTruth.Function) throws -> Runtime {
    let runtime = Runtime()
    let body = spec.expr.replacingOccurrences(of: "**", with: "^")
    _ = try runtime.run("F(\(spec.vars.joined(separator: ", "))) = \(body)", host: DiscardingHost())
    return runtime
  }

  func record(_ runtime: Runtime, _ cell: String) throws -> Record {
    guard case .record(let r)? = try runtime.run(cell, host: DiscardingHost()) else {
      throw TestFailure("\(cell): no record")
    }
    return r
  }

  @Test(arguments: ["lecture_w1w2", "rosenbrock", "himmelblau", "monkey_saddle", "quartic_1d"])
  func classifyReproducesEveryCriticalPoint(_ name: String) throws {
    let spec = try truth.function(name)
    let runtime = try runtime(for: spec)
    for p in spec.critical_points {
      let point = p.point.float.map { "\($0)" }.joined(separator: ", ")
      let r = try record(runtime, "classify(F, at: [\(point)])")
      #expect(
        r["classification"].map(\.plainText) == "\"\(p.classification)\"", "\(name) at \(point)")
      guard case .vector(let values)? = r["eigenvalues"], case .number(let loss)? = r["loss"] else {
        throw TestFailure("missing fields")
      }
      if let e = p.eigenvalues {
        #expect(close(values.elements.reversed(), e.float), "largest first, else as sympy's")
      }
      #expect(close(loss, p.value.float))
    }
  }

  @Test func criticalPointsFindsHimmelblausNinePoints() throws {
    let spec = try truth.function("himmelblau")
    let runtime = try runtime(for: spec)
    let r = try record(runtime, "critical_points(F, in: (-5...5, -5...5))")
    guard case .matrix(let points)? = r["points"], case .tuple(let kinds)? = r["classifications"],
      case .vector(let losses)? = r["losses"]
    else { throw TestFailure("missing fields") }
    #expect(points.rows == 9)
    for p in spec.critical_points {
      let k = try #require(
        (0..<points.rows).first { close(points.row($0).elements, p.point.float) },
        "\(p.point.float)")
      #expect(kinds[k].plainText == "\"\(p.classification)\"")
      #expect(close(losses[k], p.value.float))
    }
  }
}
