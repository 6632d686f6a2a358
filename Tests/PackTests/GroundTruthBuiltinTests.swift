import Foundation
import Language
import MathCore
import Testing

/// The part of Tests/AutodiffTests/GroundTruth/formulas.json (sympy, 60 digits) these tests
/// read: each function's text and its critical points. Autodiff's tests read the whole file.
private struct GroundTruth: Decodable {
  struct Exact<T: Decodable>: Decodable { let float: T }
  struct Point: Decodable {
    let point: Exact<[Double]>
    let value: Exact<Double>
    let eigenvalues: Exact<[Double]>?
    let classification: String
  }
  struct Function: Decodable {
    let name: String
    let expr: String
    let vars: [String]
    let criticalPoints: [Point]
  }
  let functions: [Function]

  static func load() throws -> GroundTruth {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("AutodiffTests/GroundTruth/formulas.json")
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase  // the file's keys are sympy's snake_case
    return try decoder.decode(GroundTruth.self, from: Data(contentsOf: url))
  }

  func function(_ name: String) throws -> Function {
    guard let f = functions.first(where: { $0.name == name }) else {
      throw TestFailure("no function \(name)")
    }
    return f
  }
}

private struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// |a − b| ≤ tolerance·|b|, or ≤ tolerance absolutely when |b| < 1 (near zero).
private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
  Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(b))
}

private func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance) }
}

/// The ground truth through the cell language: `classify` and `criticalPoints` as a user calls them.
@Suite struct GroundTruthBuiltinTests {
  private let truth: GroundTruth

  init() throws { truth = try GroundTruth.load() }

  /// Defines `F(vars) = expr` in a fresh runtime.
  private func runtime(for spec: GroundTruth.Function) throws -> Runtime {
    let runtime = Runtime(builtins: .withPacks)
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
    for p in spec.criticalPoints {
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
    for p in spec.criticalPoints {
      let k = try #require(
        (0..<points.rows).first { close(points.row($0).elements, p.point.float) },
        "\(p.point.float)")
      #expect(kinds[k].plainText == "\"\(p.classification)\"")
      #expect(close(losses[k], p.value.float))
    }
  }
}
