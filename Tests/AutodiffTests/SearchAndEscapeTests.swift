import MathCore
import Testing

@testable import Autodiff

struct SearchAndEscapeTests {
  /// The valley w1·w2 = 1 is reported as one non-isolated family, beside the saddle at 0.
  @Test func lectureValleyIsOneDegenerateFamily() throws {
    let f = try compile("(1 - w1*w2)^2", ["w1", "w2"])
    let s = CriticalPointSearch.run(f, in: [(-2, 2), (-2, 2)])
    #expect(s.points.count == 1)
    #expect(s.points.first?.point == [0, 0])
    #expect(s.points.first?.kind == .saddle)
    #expect(s.families.count == 1)
    let family = try #require(s.families.first)
    #expect(family.count >= CriticalPointSearch.familyThreshold)
    #expect(family.representative.kind == .degenerate && family.representative.value < 1e-20)
    #expect(abs(family.representative.point[0] * family.representative.point[1] - 1) < 1e-8)
  }

  /// An isolated degenerate point (the monkey saddle) stays a single point at exactly 0.
  @Test func monkeySaddleIsOneDegeneratePoint() throws {
    let f = try compile("x^3 - 3*x*y^2", ["x", "y"])
    let s = CriticalPointSearch.run(f, in: [(-1, 1), (-1, 1)])
    #expect(s.families.isEmpty)
    #expect(s.points.map(\.point) == [[0, 0]])
    #expect(s.points.first?.kind == .degenerate)
  }

  @Test func threeDimensionalSaddleIsFound() throws {
    let f = try compile("x^2 + 2*y^2 - z^2 + x*z", ["x", "y", "z"])
    let s = CriticalPointSearch.run(f, in: [(-1, 1), (-1, 1), (-1, 1)])
    #expect(s.starts > 100)
    #expect(s.points.map(\.point) == [[0, 0, 0]])
    #expect(s.points.first?.kind == .saddle)
    #expect(s.points.first?.negativeCount == 1)
  }

  @Test func searchStopsWhenAsked() throws {
    let f = try compile("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ["x", "y"])
    let s = CriticalPointSearch.run(f, in: [(-5, 5), (-5, 5)]) { true }
    #expect(s.points.isEmpty && s.families.isEmpty)
  }

  /// The slide: from the saddle [0, 0] of (1 − w1·w2)² along u = [1, 1]/√2 the loss drops.
  @Test func escapeFromTheLectureSaddle() throws {
    let f = try compile("(1 - w1*w2)^2", ["w1", "w2"])
    let e = try SaddleEscape.escape(f, from: [0, 0], step: 1)
    let r = 0.5.squareRoot()
    #expect(close(try #require(e.direction), [r, r]))
    #expect(e.eigenvalue == -2)
    #expect(e.lossBefore == 1)
    #expect(close(e.lossAfter, 0.25))
    #expect(e.predictedLoss == 0)
    let small = try SaddleEscape.escape(f, from: [0, 0], step: 0.1)
    #expect(small.lossAfter < small.lossBefore)
    #expect(
      abs(try #require(small.predictedLoss) - small.lossAfter) < 1e-4,
      "quadratic model is accurate for small steps")
  }

  @Test func noEscapeWithoutNegativeEigenvalue() throws {
    let f = try compile("(1 - w1*w2)^2", ["w1", "w2"])
    let e = try SaddleEscape.escape(f, from: [1, 1], step: 1)
    #expect(e.direction == nil && e.destination == [1, 1] && e.lossAfter == e.lossBefore)
  }

  @Test func undefinedPointIsAnError() throws {
    let f = try compile("log(x) + y", ["x", "y"])
    #expect(throws: CalculusError.self) { try PointAnalysis.analyze(f, at: [-1, 2]) }
  }

  @Test func startGridsCoverTheBox() {
    #expect(CriticalPointSearch.startPoints([(-1, 1)]).count == 41)
    #expect(CriticalPointSearch.startPoints([(-5, 5), (-5, 5)]).count == 144)
    let many = CriticalPointSearch.startPoints(Array(repeating: (0, 1), count: 10))
    #expect(many.count == 400 && many.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 <= 1 } })
  }
}

/// Beyond the second-order test: the ground truth's higher-order verdicts.
struct HigherOrderProbeTests {
  @Test func monkeySaddleIsADegenerateSaddle() throws {
    let f = try compile("x^3 - 3*x*y^2", ["x", "y"])
    let probe = try #require(try PointAnalysis.analyze(f, at: [0, 0]).probeFlatDirections(f))
    #expect(probe.verdict == .saddle)
    #expect(probe.largestDecrease < 0 && probe.largestIncrease > 0)
  }

  @Test func lectureValleyIsConsistentWithAMinimum() throws {
    let f = try compile("(1 - w1*w2)^2", ["w1", "w2"])
    let probe = try #require(try PointAnalysis.analyze(f, at: [1, 1]).probeFlatDirections(f))
    #expect(probe.verdict == .consistentWithMinimum)
    #expect(probe.largestDecrease == 0)
  }

  @Test func quarticMaximumDirection() throws {
    let f = try compile("-x^4 - y^2", ["x", "y"])
    let probe = try #require(try PointAnalysis.analyze(f, at: [0, 0]).probeFlatDirections(f))
    #expect(probe.verdict == .consistentWithMaximum)
  }

  @Test func onlyDegeneratePointsAreProbed() throws {
    let f = try compile("(1 - w1*w2)^2", ["w1", "w2"])
    #expect(try PointAnalysis.analyze(f, at: [0, 0]).probeFlatDirections(f) == nil)
  }
}
