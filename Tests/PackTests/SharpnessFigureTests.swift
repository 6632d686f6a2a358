import Language
import Plot
import Testing
import _LanguageTestSupport

@testable import DescentPack

/// A run with `sharpness_every` draws λmax beside its loss, against the optimizer's stable
/// limit (2/η for gd, 2(1 + λ)/η for momentum and Nesterov; none for Adam).
struct SharpnessFigureTests {
  private let runtime = Runtime(builtins: .withPacks)

  private func figure(_ cell: String) throws -> Figure? {
    _ = try runtime.run("Q(x, y) = x^2 + 10*y^2", host: RecordingHost())
    guard case .custom(let value)? = try runtime.run(cell, host: RecordingHost()), let run = value as? RunValue else {
      throw CalculusTestFailure("not a run: \(cell)")
    }
    return run.lossFigure
  }

  /// The lines of the sharpness panel: (label, ys).
  private func sharpnessLines(_ figure: Figure) -> [(String?, [Double])] {
    figure.axes[1].artists.compactMap { artist in
      if case .line(let line) = artist { return (line.label, line.ys) }
      return nil
    }
  }

  @Test func gdDrawsLambdaMaxAgainstTwoOverEta() throws {
    let fig = try #require(try figure("gd(Q, from: [1, 1], lr: 0.05, steps: 4, sharpness_every: 2)"))
    #expect(fig.axes.count == 2)
    #expect(fig.axes[1].title == "sharpness" && fig.axes[1].ylabel == "λmax")
    let lines = sharpnessLines(fig)
    #expect(lines.count == 2)
    #expect(lines.first?.1 == [20, 20, 20], "λmax of Q's Hessian diag(2, 20) at steps 0, 2, 4")
    #expect(lines.last?.0 == "2/η = 40" && lines.last?.1 == [40, 40])
  }

  @Test func momentumDrawsTheHeavyBallLimit() throws {
    let fig = try #require(
      try figure("momentum(Q, from: [1, 1], lr: 0.05, lambda: 0.9, steps: 4, sharpness_every: 4)"))
    #expect(sharpnessLines(fig).last?.0 == "2(1 + λ)/η = 76")
  }

  @Test func adamHasNoLimitLineAndRunsWithoutReadingsOnePanel() throws {
    let adam = try #require(try figure("adam(Q, from: [1, 1], lr: 0.05, steps: 4, sharpness_every: 1)"))
    #expect(sharpnessLines(adam).count == 1)
    let plain = try #require(try figure("gd(Q, from: [1, 1], lr: 0.05, steps: 4)"))
    #expect(plain.axes.count == 1)
  }
}
