import Foundation
import MathCore
import NetworksPack
import NeuralNet
import Optim
import Testing
import _LanguageTestSupport

@testable import Language

/// The value a cell returns, as the pack's typed value.
private func value<T>(_ runtime: Runtime, _ source: String, as type: T.Type, host: RecordingHost = RecordingHost())
  throws -> T?
{
  guard case .custom(let c)? = try runtime.run(source, host: host) else { return nil }
  return c as? T
}

/// `help(name)` shows each entry's example, so every example must run as written (load_csv's
/// needs a file: it is run on one written here).
@Test func everyNetworksExampleRuns() throws {
  for builtin in NetworksPack.entries where builtin.name != "load_csv" {
    let runtime = Runtime(builtins: .withPacks)
    #expect(throws: Never.self, "\(builtin.name)") { _ = try runtime.run(builtin.example, host: RecordingHost()) }
  }
}

@Test func loadCSVReadsAFileWithAHeaderAndWordLabels() throws {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("saddle-netpack-\(getpid()).csv").path
  try "a,b,kind\n1,2,cat\n3,4,dog\n5,6,cat\n".write(toFile: path, atomically: true, encoding: .utf8)
  defer { try? FileManager.default.removeItem(atPath: path) }
  let runtime = Runtime(builtins: .withPacks)
  let d = try #require(try value(runtime, "load_csv(\"\(path)\", label: \"kind\")", as: DatasetValue.self))
  #expect(d.dataset.count == 3 && d.dataset.featureCount == 2)
  #expect(numbers(d.member("y")) == [0, 1, 0])
  #expect(numbers(d.member("X")) == [1, 2, 3, 4, 5, 6])
  let byIndex = try #require(try value(runtime, "load_csv(\"\(path)\", label: -1)", as: DatasetValue.self))
  #expect(numbers(byIndex.member("y")) == [0, 1, 0])
  #expect(throws: LanguageError.self) { try runtime.run("load_csv(\"\(path)\", label: 1.5)", host: RecordingHost()) }
}

/// grad(loss_of(net, data), at: θ) is NeuralNet's backprop gradient, and agrees with central
/// differences of loss(with_parameters(net, θ ± h eᵢ), data) (rel 1e-6, the oracle only).
@Test func gradOfANetworkLossIsTheExactBackpropGradient() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run(
    "net = mlp(2, 5, 3, activation: \"tanh\", seed: 4)\nd = blobs(n: 30, seed: 1)\nL = loss_of(net, d)",
    host: RecordingHost())
  let g = numbers(try runtime.run("grad(L, at: net.parameters)", host: RecordingHost()))
  let model = try MLP(layerSizes: [2, 5, 3], activation: .tanh, seed: 4)
  let data = try Dataset.blobs(SyntheticOptions(count: 30, seed: 1), classes: 3)
  #expect(g == (try model.lossAndGradient(on: data)).gradient)
  let h = 1e-6
  for i in [0, 7, 14, model.parameterCount - 1] {
    var plus = model.parameters
    var minus = model.parameters
    plus[i] += h
    minus[i] -= h
    let central =
      (try model.with(parameters: plus).loss(on: data) - model.with(parameters: minus).loss(on: data)) / (2 * h)
    #expect(abs(g[i] - central) <= 1e-6 * max(1, abs(central)), "component \(i)")
  }
  let hessian = numbers(try runtime.run("hessian(L, at: net.parameters)", host: RecordingHost()))
  #expect(hessian == (try model.hessian(on: data)).elements)
}

/// The language's fit is MLP.fit with the optimizer taken out of the optimizer value: the same
/// options give a bit-identical model.
@Test func fitInTheLanguageIsNeuralNetsFit() throws {
  let runtime = Runtime(builtins: .withPacks)
  let h = try #require(
    try value(
      runtime,
      "fit(mlp(2, 8, 2, seed: 3), two_moons(n: 120, noise: 0.1, seed: 2), optimizer: nesterov(lr: 0.05, lambda: 0.8), batch: 16, epochs: 4, seed: 9)",
      as: TrainingValue.self))
  let data = try Dataset.twoMoons(SyntheticOptions(count: 120, noise: 0.1, seed: 2))
  let options = FitOptions(optimizer: .nesterov(lr: 0.05, lambda: 0.8), batch: .size(16), epochs: 4, seed: 9)
  let direct = try MLP(layerSizes: [2, 8, 2], seed: 3).fit(on: data, options: options)
  #expect(h.record.model.parameters == direct.model.parameters)
  #expect(numbers(h.member("train_loss")) == direct.history.map(\.trainLoss))
  guard case Value.none? = h.member("test_loss") else {
    Issue.record("without test data, test_loss is nothing")
    return
  }
  #expect(h.representations["image/png"] != nil)
}

@Test func interruptingAFitKeepsThePartialFitAndCommitsNothing() throws {
  let runtime = Runtime(builtins: .withPacks)
  setLater(runtime.cancellation, after: 1.5)
  let host = RecordingHost()
  var caught: LanguageError?
  do {
    _ = try runtime.run(
      "h = fit(mlp(2, 64, 64, 2), two_moons(n: 2000), batch: 1, epochs: 100000)", host: host)
  } catch {
    caught = error
  }
  let error = try #require(caught)
  #expect(error.kind == .interrupted)
  #expect(error.message.contains("h = last_fit()"))
  runtime.cancellation.reset()
  #expect(runtime.value(named: "h") == nil)
  let partial = try #require(try value(runtime, "last_fit()", as: TrainingValue.self))
  guard case .string("interrupted")? = partial.member("stopped") else {
    Issue.record("the partial fit says it was interrupted")
    return
  }
  #expect(partial.record.updates > 0)
  // The stop's place adds up with the update count: `step` is the first update not taken.
  if case .interrupted(let epoch, let step) = partial.record.stopReason {
    let perEpoch = partial.record.stepsPerEpoch
    #expect((epoch - 1) * perEpoch + (step - 1) == partial.record.updates)
    if step > 1 {
      #expect(partial.plainText.contains("after step \(step - 1) of \(perEpoch) (\(partial.record.updates) updates)"))
      #expect(error.message.contains("in epoch \(epoch) after step \(step - 1) of \(perEpoch)"))
    }
  } else {
    Issue.record("the record's stop is an interruption")
  }
  // The progress line showed after half a second and was replaced by the status line.
  let ids = Set(host.displays.compactMap(\.1))
  #expect(ids.count == 1)
  #expect(host.displays.first?.0.plainText.hasPrefix("fit: epoch ") == true)
  #expect(host.displays.last?.0.plainText.hasPrefix("fit: interrupted ") == true)
}

@Test func lastFitBeforeAnyFitIsAClearError() {
  let runtime = Runtime(builtins: .withPacks)
  #expect(throws: LanguageError.self) { try runtime.run("last_fit()", host: RecordingHost()) }
}

/// Data sets draw themselves: a class-coloured scatter for two features, a grid of images.
@Test func dataSetsShowASummaryAndAPicture() throws {
  let runtime = Runtime(builtins: .withPacks)
  let moons = try #require(try value(runtime, "two_moons(n: 50)", as: DatasetValue.self))
  #expect(moons.plainText.contains("count"))
  #expect(moons.representations["image/png"] != nil)
  #expect(moons.representations["text/html"]?.contains("<img") == true)
  let images = try #require(
    try value(runtime, "fashion_mnist(train: 20, test: 5, size: 14).train", as: DatasetValue.self))
  #expect(numbers(images.member("image_shape")) == [14, 14])
  #expect(images.representations["image/png"] != nil)
  let net = try #require(try value(runtime, "mlp(784, 128, 10)", as: NetworkValue.self))
  #expect(net.plainText.hasPrefix("mlp 784-128-10 (relu, cross_entropy), P = 101770"))
}
