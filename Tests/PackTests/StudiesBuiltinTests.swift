import Foundation
import MathCore
import NeuralNet
import Optim
import StudiesPack
import Testing
import _LanguageTestSupport
import _TestSupport

@testable import Language

/// The studies pack in the language: examples run, `batch_study` is NeuralNet's
/// `batchStudy`, the value shows its table and figure, and a stop keeps the finished runs.
private func study(_ runtime: Runtime, _ source: String, host: RecordingHost = RecordingHost()) throws
  -> BatchStudyValue?
{
  guard case .custom(let c)? = try runtime.run(source, host: host) else { return nil }
  return c as? BatchStudyValue
}

@Test func everyStudiesExampleRuns() throws {
  for builtin in StudiesPack.entries {
    let runtime = Runtime(builtins: .withPacks)
    #expect(throws: Never.self, "\(builtin.name)") { _ = try runtime.run(builtin.example, host: RecordingHost()) }
  }
}

@Test func batchStudyInTheLanguageIsNeuralNetsBatchStudy() throws {
  let runtime = Runtime(builtins: .withPacks)
  let s = try #require(
    try study(
      runtime,
      """
      d = two_moons(n: 120, noise: 0.1, seed: 2)
      batch_study(mlp(2, 6, 2, seed: 3), d, batches: [12, 60], epochs: 2, seeds: 2, seed: 4, test: d, \
      optimizer: gd(lr: 0.3), sharpness_examples: 50)
      """))
  let data = try Dataset.twoMoons(SyntheticOptions(count: 120, noise: 0.1, seed: 2))
  let options = BatchStudyOptions(
    batches: [12, 60], seeds: 2, firstSeed: 4, fit: FitOptions(optimizer: .gd(lr: 0.3), epochs: 2, test: data),
    sharpnessExamples: 50)
  let direct = try MLP(layerSizes: [2, 6, 2], seed: 3).batchStudy(on: data, options: options)
  #expect(s.study.runs.map(\.record.model.parameters) == direct.runs.map(\.record.model.parameters))
  #expect(s.study.runs.map { $0.sharpness?.value } == direct.runs.map { $0.sharpness?.value })
  guard case .vector(let accuracy)? = s.member("test_accuracy") else {
    Issue.record("test_accuracy is a vector")
    return
  }
  #expect(accuracy.elements == direct.summaries.map { $0.testAccuracy?.mean ?? .nan })
  // It shows its status, a table with mean ± std cells and the figures.
  #expect(s.plainText.hasPrefix("batch study: 4 runs (2 batch sizes × 2 seeds)"))
  #expect(s.plainText.contains(" ± "))
  #expect(s.representations["image/png"] != nil)
  #expect(s.representations["text/html"]?.contains("<table") == true)
}

@Test func interruptingAStudyKeepsTheFinishedRunsAndCommitsNothing() throws {
  let runtime = Runtime(builtins: .withPacks)
  let flag = runtime.cancellation
  afterOnOwnThread(2) { flag.set() }
  let host = RecordingHost()
  var caught: LanguageError?
  do {
    // Batch 400 (two quick runs, 5 updates an epoch) first, then batch 1 (2,000 updates an
    // epoch for 1,000 epochs), which the stop ends.
    _ = try runtime.run(
      "s = batch_study(mlp(2, 8, 2), two_moons(n: 2000), batches: [400, 1], epochs: 1000, seeds: 2, workers: 1)",
      host: host)
  } catch {
    caught = error
  }
  let error = try #require(caught)
  #expect(error.kind == .interrupted)
  #expect(error.message.contains("s = last_study()"))
  runtime.cancellation.reset()
  #expect(runtime.value(named: "s") == nil)
  let partial = try #require(try study(runtime, "last_study()"))
  guard case .string("interrupted")? = partial.member("stopped") else {
    Issue.record("the partial study says it was interrupted")
    return
  }
  #expect(partial.study.runs.count < 4)
  #expect(host.displays.first?.0.plainText.hasPrefix("batch_study: ") == true)
  #expect(host.displays.last?.0.plainText.hasPrefix("batch_study: interrupted after") == true)
}
