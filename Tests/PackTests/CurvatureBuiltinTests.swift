import CurvaturePack
import Foundation
import Language
import MathCore
import NetworksPack
import Testing
import _LanguageTestSupport
import _TestSupport

/// The curvature pack through a runtime: values that draw themselves, the study's live
/// progress and its interrupt, and exactness of `hessian(net, data)` against `loss_of`.
/// (The builtins' results and errors are in Corpus/curvature.saddle.)
private func custom<T>(_ runtime: Runtime, _ source: String, as type: T.Type, host: EvaluationHost = RecordingHost())
  throws -> T?
{
  guard case .custom(let c)? = try runtime.run(source, host: host) else { return nil }
  return c as? T
}

/// Decodes a value's PNG and checks it is twice the size its metadata gives.
private func expectFigure(_ value: any CustomValue, inHTML: Bool = true) throws {
  let representations = value.representations  // each read draws the figure
  let base64 = try #require(representations["image/png"], "\(value.typeName) draws no figure")
  let png = try PNGDecoder.decode([UInt8](try #require(Data(base64Encoded: base64))))
  let size = try #require(value.metadata["image/png"])
  #expect(png.width == 2 * (size["width"] ?? 0) && png.height == 2 * (size["height"] ?? 0))
  if inHTML { #expect(representations["text/html"]?.contains("<img") == true) }
}

private let setup = """
  d = xor(n: 20, seed: 0)
  net = mlp(2, 3, 2, activation: "tanh", seed: 0)
  one = dataset([[1]], [1], kind: "regression")
  """

@Test func curvatureValuesDrawThemselves() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run(setup, host: RecordingHost())
  try expectFigure(try #require(try custom(runtime, "min_ratio(net, d)", as: MinimumRatioValue.self)))
  try expectFigure(try #require(try custom(runtime, "spectrum(net, d, steps: 10)", as: SpectrumValue.self)))
  try expectFigure(
    try #require(try custom(runtime, "spectrum(net, d, steps: 10, exact: false)", as: SpectrumValue.self)))
  let critical = try #require(
    try custom(
      runtime,
      "to_critical(with_parameters(mlp(1, 1, 1, activation: \"linear\", bias: false, loss: \"mse\"), [0.5, 1.5]), one)",
      as: CriticalPointValue.self))
  try expectFigure(critical)
  #expect(critical.plainText.hasPrefix("degenerate: ‖∇L‖ = "))
  let study = try #require(
    try custom(
      runtime, "critical_study(mlp(2, 2, 2, activation: \"tanh\"), d, nets: 2, epochs: 5, max_iterations: 2)",
      as: CriticalStudyValue.self))
  try expectFigure(study)
  #expect(study.study.rows.map(\.seed) == [0, 1])
  // Values without a figure show their heading and members.
  let top = try #require(try custom(runtime, "top_eigen(net, d, k: 2)", as: TopEigenValue.self))
  #expect(top.plainText.hasPrefix("2 largest eigenvalues of the Hessian over all 17 parameters"))
  #expect(top.representations["image/png"] == nil)
}

@Test func aFitWithSharpnessEveryDrawsAThirdPanel() throws {
  let runtime = Runtime(builtins: .withPacks)
  let fit = "fit(mlp(2, 4, 2, activation: \"tanh\", seed: 0), xor(n: 20), batch: \"full\", epochs: 3"
  let plain = try #require(try custom(runtime, fit + ")", as: TrainingValue.self))
  let probed = try #require(try custom(runtime, fit + ", sharpness_every: 1)", as: TrainingValue.self))
  #expect(probed.record.sharpness.map(\.update) == [0, 1, 2, 3])
  let width = { (v: TrainingValue) in v.metadata["image/png"]?["width"] ?? 0 }
  #expect(width(probed) == width(plain) + 500)
  guard case .number(let threshold)? = probed.member("stability_threshold") else {
    Issue.record("no stability threshold")
    return
  }
  #expect(threshold == 2 / 0.1)
}

/// `hessian(net, data)` is exactly `hessian(loss_of(net, data), at: net.parameters)`, and
/// `grad(net, data)` the backprop gradient.
@Test func hessianOfANetworkIsTheHessianOfItsLossFunction() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run(setup, host: RecordingHost())
  let same = try runtime.run(
    "hessian(net, d) == hessian(loss_of(net, d), at: net.parameters) && grad(net, d) == grad(loss_of(net, d), at: net.parameters)",
    host: RecordingHost())
  guard case .bool(true)? = same else {
    Issue.record("hessian(net, d) differs from hessian(loss_of(net, d), at: θ): \(String(describing: same))")
    return
  }
}

/// The live view shows the study's progress under one id once it has run a second, and the
/// stop button keeps the finished nets in `last_critical_study()` while the cell fails.
@Test func interruptingAStudyKeepsTheFinishedNets() throws {
  let runtime = Runtime(builtins: .withPacks)
  let host = InterruptOnFirstRow(runtime.cancellation)
  var caught: LanguageError?
  do {
    _ = try runtime.run(
      """
      f(x) = sin(3*x)
      s = critical_study(mlp(1, 8, 1, activation: "tanh", loss: "mse"), curve(f, x: -2...2, n: 40), nets: 500, epochs: 200)
      """, host: host)
  } catch {
    caught = error
  }
  let error = try #require(caught)
  #expect(error.kind == .interrupted)
  #expect(error.message.contains("last_critical_study()"))
  runtime.cancellation.reset()
  #expect(runtime.value(named: "s") == nil)
  let kept = try #require(try custom(runtime, "last_critical_study()", as: CriticalStudyValue.self))
  #expect(kept.study.cancelled)
  #expect(kept.study.rows.count >= 1 && kept.study.rows.count < 500)
  #expect(kept.study.rows.map(\.seed) == kept.study.rows.map(\.seed).sorted())
  // Progress lines under one id, then the status line.
  let ids = Set(host.displays.compactMap(\.1))
  #expect(ids.count == 1)
  #expect(host.displays.first?.0.plainText.hasPrefix("critical_study: ") == true)
  #expect(host.displays.last?.0.plainText.contains("interrupted; the finished nets are kept") == true)
}

@Test func aStudysLiveCompanionIsItsFigureSoFar() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run(setup, host: RecordingHost())
  let study = try #require(
    try custom(
      runtime, "critical_study(mlp(2, 2, 2, activation: \"tanh\"), d, nets: 2, epochs: 5, max_iterations: 2)",
      as: CriticalStudyValue.self))
  let progress = StudyProgressValue(line: "critical_study: 2/2 nets", rows: study.study.rows, isFinal: false)
  #expect(progress.showsItself && !progress.drawsCompanionNow)
  try expectFigure(progress.companion(reusing: nil).value, inHTML: false)
}

@Test func lastStudyBeforeAnyStudyIsAClearError() {
  let runtime = Runtime(builtins: .withPacks)
  #expect(throws: LanguageError.self) { try runtime.run("last_critical_study()", host: RecordingHost()) }
}

/// Records displays like `RecordingHost`, and presses stop (from a thread of its own) once a
/// study's progress shows a finished net.
private final class InterruptOnFirstRow: EvaluationHost, @unchecked Sendable {
  let flag: CancellationFlag
  var displays: [(Value, String?, Bool)] = []
  var pressed = false

  init(_ flag: CancellationFlag) { self.flag = flag }

  func write(_ text: String, error: Bool) {}
  func display(_ value: Value, id: String?, update: Bool) {
    displays.append((value, id, update))
    if !pressed, case .custom(let c) = value, let p = c as? StudyProgressValue, !p.rows.isEmpty {
      pressed = true
      let flag = self.flag
      afterOnOwnThread(0) { flag.set() }
    }
  }
  func clearOutput(wait: Bool) {}
  func page(_ text: String) {}
  func readInput(prompt: String, password: Bool) throws -> String { "" }
}
