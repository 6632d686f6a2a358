import Autodiff
import DescentPack
import Formula
import Foundation
import MathCore
import Testing
import _LanguageTestSupport

@testable import Language

/// A run value read by member, as a cell reads it (`r.points`).
private struct RunMembers {
  let value: RunValue
  subscript(name: String) -> Value? { value.member(name) }
}

/// The run a cell returns (or nil).
private func run(_ runtime: Runtime, _ source: String, host: RecordingHost = RecordingHost()) throws
  -> RunMembers?
{
  guard case .custom(let c)? = try runtime.run(source, host: host), let r = c as? RunValue else { return nil }
  return RunMembers(value: r)
}

@Test func languageGdMatchesTheExactSecondIterate() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2", host: RecordingHost())
  let r = try #require(try run(runtime, "gd(L, from: [0.5, -0.3], lr: 0.05, steps: 3)"))
  let points = numbers(r["points"])
  #expect(points.count == 8)
  #expect(abs(points[4] - 1403240221.0 / 3_200_000_000) <= 1e-15)
  #expect(abs(points[5] - -3051124183.0 / 16_000_000_000) <= 1e-15)
  let m = try #require(
    try run(runtime, "momentum(L, from: [0.5, -0.3], lr: 0.05, lambda: 0.9, steps: 10000)"))
  let final = numbers(m["final"])
  #expect(abs(final[0] - 0.9063758383833774) <= 1e-12)
  #expect(abs(final[1] - 1.1032950765585408) <= 1e-12)
}

/// Equal to 1e-12 relative, or both NaN (undefined at the same points).
private func close(_ a: Double, _ b: Double) -> Bool {
  a.isNaN ? b.isNaN : abs(a - b) <= 1e-12 * max(1, abs(b))
}

/// Sets `flag` after `seconds` from a thread of its own (not the shared pools, which
/// parallel tests that spin may exhaust).
func setLater(_ flag: CancellationFlag, after seconds: Double) {
  Thread {
    Thread.sleep(forTimeInterval: seconds)
    flag.set()
  }.start()
}

/// The tape's one-pass gradient equals the dual-number gradient on formulas using every
/// kind of instruction (functions, division, constant and varying powers, negation).
@Test func tapeGradientsAgreeWithDualGradients() throws {
  let runtime = Runtime(builtins: .withPacks)
  let cells = [
    "F(x, y) = exp(-x^2) * sin(3*y) / (1 + y^2) - x^3",
    "F(x, y) = sqrt(1 + x^2 + y^2) + tanh(x*y) + sigmoid(x - y) + log(2 + cos(x))",
    "F(x, y) = (1 + x^2)^y + abs(x - 0.3) + relu(y) - -x",
    "F(x, y) = x^0 + y^1 + (x*y)^(-1.5)",
  ]
  for cell in cells {
    _ = try runtime.run(cell, host: RecordingHost())
    guard case .function(let f)? = runtime.value(named: "F"), let formula = f.formula else {
      Issue.record("no formula for \(cell)")
      continue
    }
    let tape = FormulaTape(formula.root, dimension: 2)
    for point in [[0.7, 1.3], [-0.4, 0.9], [1.5, 2.5]] {
      var g = [0.0, 0.0]
      let value = point.withUnsafeBufferPointer { x in
        g.withUnsafeMutableBufferPointer { tape.evaluate(x.baseAddress!, gradient: $0.baseAddress!) }
      }
      let want = formula.secondOrder(at: point)
      #expect(close(value, want.value), "\(cell) at \(point)")
      for i in 0..<2 {
        #expect(
          close(g[i], want.gradient[i]),
          "\(cell) ∂\(i) at \(point): \(g[i]) vs \(want.gradient[i])")
      }
    }
  }
}

@Test func interruptFromAnotherThreadKeepsThePartialRunReachable() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2", host: RecordingHost())
  let flag = runtime.cancellation
  setLater(flag, after: 0.3)
  let host = RecordingHost()
  let started = Date()
  var caught: LanguageError?
  do {
    _ = try runtime.run(
      "r = gd(L, from: [0.5, -0.3], lr: 1e-9, steps: 1000000000)", host: host)
  } catch {
    caught = error
  }
  #expect(Date().timeIntervalSince(started) < 20)
  let error = try #require(caught)
  #expect(error.kind == .interrupted)
  #expect(error.message.contains("the partial run is kept: r = last_run()"))
  runtime.cancellation.reset()
  let partial = try #require(try run(runtime, "last_run()"))
  guard case .number(let steps)? = partial["steps"], case .string(let stopped)? = partial["stopped"]
  else {
    Issue.record("partial run lacks steps/stopped")
    return
  }
  #expect(steps > 0 && steps < 1e9)
  #expect(stopped == "interrupted")
  #expect(runtime.value(named: "r") == nil)  // the failed cell committed nothing
}

@Test func longRunsShowOneProgressLineUpdatedInPlace() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run("L(w1, w2) = (1 - w1*w2)^2", host: RecordingHost())
  let host = RecordingHost()
  let flag = runtime.cancellation
  setLater(flag, after: 1.5)
  _ = try? runtime.run("gd(L, from: [0.5, -0.3], lr: 1e-9, steps: 1000000000)", host: host)
  runtime.cancellation.reset()
  #expect(host.displays.count >= 2)
  let ids = Set(host.displays.compactMap(\.1))
  #expect(ids.count == 1, "every progress display shares one display id")
  #expect(host.displays.first?.2 == false)
  #expect(host.displays.dropFirst().allSatisfy { $0.2 })
  // Rate limit: at most ~5 per second over a 1.5 s run (first after 0.5 s), plus the final line.
  #expect(host.displays.count <= 10)
  #expect(host.displays.first?.0.plainText.hasPrefix("gd: step ") == true)
  #expect(host.displays.last?.0.plainText.hasPrefix("gd: interrupted after ") == true)
}

@Test func lastRunBeforeAnyRunIsAClearError() {
  let runtime = Runtime(builtins: .withPacks)
  #expect(throws: LanguageError.self) { try runtime.run("last_run()", host: RecordingHost()) }
}

@Test func everyOptimBuiltinsHelpExampleRuns() throws {
  for name in ["gd", "momentum", "nesterov", "adam", "minimize", "last_run"] {
    let builtin = try #require(BuiltinTable.withPacks.lookup(name))
    let runtime = Runtime(builtins: .withPacks)
    #expect(throws: Never.self, "\(name)") { _ = try runtime.run(builtin.example, host: RecordingHost()) }
  }
}

@Test func divergenceIsAValueNamingTheStepAndTheStableLimit() throws {
  let runtime = Runtime(builtins: .withPacks)
  _ = try runtime.run("Q(x, y) = x^2 + 10*y^2", host: RecordingHost())
  let r = try #require(try run(runtime, "momentum(Q, from: [1, 1], lr: 0.5, lambda: 0.5, steps: 5000)"))
  guard case .text(let status)? = r["status"], case .bool(true)? = r["diverged"],
    case .number(let steps)? = r["steps"]
  else {
    Issue.record("expected a diverged run, got \(r.value.plainText)")
    return
  }
  #expect(status.hasPrefix("diverged at step \(Int(steps)): "))
  #expect(status.contains("λmax = 20"))
  #expect(status.contains("2(1 + λ)/λmax = 0.15"))
  let points = numbers(r["points"])
  #expect(points.dropLast(2).allSatisfy { $0.isFinite })
}
