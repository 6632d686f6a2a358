import MathCore
import Testing
import _LanguageTestSupport

@testable import Language

/// Random inputs through parse + evaluate + console helpers: nothing may crash or hang.
@Test func randomByteStringsNeverCrash() {
  var rng = SeededGenerator(seed: 12345)
  let alphabet = Array("0123456789+-*/^()[]{},.;:?=<>!&|\"\\ \n\tabcxyzLwθ₁_".unicodeScalars)
  var runtime = Runtime(builtins: .withPacks)
  for n in 0..<10_000 {
    if n % 500 == 0 { runtime = Runtime(builtins: .withPacks) }
    let length = Int(rng.next() % 40)
    var bytes: [UInt8] = []
    var text = String.UnicodeScalarView()
    for _ in 0..<length {
      if rng.next() % 4 == 0 {
        bytes.append(UInt8(truncatingIfNeeded: rng.next()))
      } else {
        text.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
      }
    }
    let source = String(text) + String(decoding: bytes, as: UTF8.self)
    exercise(source, runtime, &rng)
  }
}

@Test func randomTokenSequencesNeverCrash() {
  var rng = SeededGenerator(seed: 777)
  let vocabulary = [
    "1", "2", "0", "0.5", "10", "-", "+", "*", "/", "^", "(", ")", "[", "]", ",", ";", "\n", "=",
    "==", "<", "&&",
    "||", "!", "...", ":", ".", "?", "x", "y", "f", "L", "v", "w1", "sin", "sum", "linspace", "eig",
    "grid", "print",
    "display", "help", "vars", "zeros", "n:", "id:", "\"s\"", "true", "values", "e", "transpose",
    "dot", "norm",
    "mean", "relu", "rand", "seed", "len", "inverse", "det", "x:", "clear_output", "input",
  ]
  var runtime = Runtime(builtins: .withPacks)
  _ = try? runtime.run(
    "x = 1\nv = [1, 2]\nf(x) = x^2\nL(w1, w2) = (1 - w1*w2)^2", host: RecordingHost())
  for n in 0..<10_000 {
    if n % 1000 == 0 {
      runtime = Runtime(builtins: .withPacks)
      _ = try? runtime.run(
        "x = 1\nv = [1, 2]\nf(x) = x^2\nL(w1, w2) = (1 - w1*w2)^2", host: RecordingHost())
    }
    let length = Int(rng.next() % 16)
    let source = (0..<length).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
      .joined(separator: " ")
    exercise(source, runtime, &rng)
  }
}

private func exercise(_ source: String, _ runtime: Runtime, _ rng: inout SeededGenerator) {
  do throws(LanguageError) {
    _ = try runtime.run(source, host: RecordingHost())?.representations
  } catch {
    #expect(!error.render(source: source).isEmpty)
  }
  _ = Runtime.readiness(source)
  let cursor = Int(rng.next() % UInt64(source.unicodeScalars.count + 1))
  _ = runtime.completions(source, cursor: cursor)
  _ = runtime.inspection(source, cursor: cursor)
}
