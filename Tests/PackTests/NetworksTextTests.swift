import Foundation
import Language
import MathCore
import NeuralNet
import Plot
import PlotPack
import Testing
import _LanguageTestSupport

@testable import NetworksPack

/// The fit's summaries read as a person writes them: short numbers, "1 epoch", a stop's
/// place that adds up with the update count.
@Test func aStopNamesTheLastStepTakenSoItAddsUpWithTheUpdates() {
  // 15 × 2000 + 991 = 30991 updates taken when the stop came before step 992 of epoch 16.
  #expect(FitText.interruption(epoch: 16, step: 992, of: 2000) == "in epoch 16 after step 991 of 2000")
  #expect(FitText.interruption(epoch: 16, step: 1, of: 2000) == "after epoch 15")
  #expect(FitText.interruption(epoch: 1, step: 1, of: 2000) == "before the first update")
  #expect(FitText.count(1, "epoch") == "1 epoch" && FitText.count(20, "epoch") == "20 epochs")
}

@Test func aFitsStatusHasShortNumbersAndGrammar() throws {
  let runtime = Runtime(builtins: .withPacks)
  guard
    case .custom(let c)? = try runtime.run(
      "fit(mlp(2, 4, 2), two_moons(n: 40), epochs: 1, batch: 40)", host: RecordingHost()),
    let h = c as? TrainingValue
  else {
    Issue.record("fit returns a training")
    return
  }
  let loss = try #require(h.record.history.last?.trainLoss)
  guard case .text(let status)? = h.member("status") else {
    Issue.record("a training has a status line")
    return
  }
  #expect(h.plainText.contains(status))
  #expect(status.hasPrefix("trained 1 epoch (1 update); train loss \(NumberFormat.short(loss))"))
}

/// The live figure's epoch axis spans the epochs done so far; the final one every planned epoch.
@Test func theLiveFitFigureFollowsTheEpochsDone() throws {
  let runtime = Runtime(builtins: .withPacks)
  guard case .custom(let c)? = try runtime.run("fit(mlp(2, 4, 2), two_moons(n: 40), epochs: 3)", host: RecordingHost()),
    let h = c as? TrainingValue
  else {
    Issue.record("fit returns a training")
    return
  }
  let soFar = Array(h.record.history.prefix(3))  // epochs 0, 1, 2
  let xlimits = { (v: FitProgressValue) -> ClosedRange<Double>? in
    (v.companion(reusing: nil).value as? FigureValue)?.figure.axes[0].xlimits
  }
  #expect(xlimits(FitProgressValue(line: "fit", history: soFar, epochs: 1000, isFinal: false)) == 0...2)
  #expect(xlimits(FitProgressValue(line: "fit", history: [soFar[0]], epochs: 1000, isFinal: false)) == 0...1)
  #expect(xlimits(FitProgressValue(line: "fit", history: soFar, epochs: 1000, isFinal: true)) == 0...1000)
}

/// `curve` samples a builtin of one variable as it samples a user function.
@Test func curveSamplesABuiltinLikeAUserFunction() throws {
  let runtime = Runtime(builtins: .withPacks)
  let viaBuiltin = try runtime.run("curve(sin, x: -3...3, n: 64, noise: 0).y", host: RecordingHost())
  let viaFunction = try runtime.run("g(x) = sin(x)\ncurve(g, x: -3...3, n: 64, noise: 0).y", host: RecordingHost())
  guard case .vector(let a)? = viaBuiltin, case .vector(let b)? = viaFunction else {
    Issue.record("curve(…).y is a vector")
    return
  }
  #expect(a.count == 64 && a.elements == b.elements)
  #expect(a.elements.first.map { abs($0 - sin(-3)) <= 1e-15 } == true)
  #expect(throws: LanguageError.self) { try runtime.run("curve(3, x: -3...3)", host: RecordingHost()) }
}
