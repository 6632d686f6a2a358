import Dispatch
import Foundation
import Language
import MathCore
import PlotPack
import Session
import Synchronization
import Testing
import _TestSupport

/// A seeded random-cell fuzzer over every builtin the session assembles (issue 11): random
/// builtins with random arguments of every value kind — extremes (±1.8e308, subnormals, ∞,
/// NaN), huge step counts and grids, wrong kinds, nested calls — run through `Session`.
///
/// Each cell gets a short deadline: a timer thread calls `Session.interrupt()` when the cell
/// is still running after `deadline` (a cell may legitimately run long: `sleep(1e9)`,
/// `gd(…, steps: 1e9)`), the way the stop button does. The test fails if the process traps
/// (the test run dies), if an error is not one of the language's kinds or leaks a raw LAPACK
/// code, or if the session loses the sentinel variable defined before the first cell.
struct RandomCellFuzzTests {
  static let cells = 400
  static let deadline = 0.15  // seconds
  static let knownKinds = Set(ErrorKind.allCases.map(\.rawValue))

  /// The seed; `SADDLE_CELL_FUZZ_SEED` picks another one for a longer hunt by hand. Seeds 2, 3,
  /// 5, 6, 9, 11, 12 and 20261202 stopped on Plot's tick and bin arithmetic near ±1.7e308
  /// before item 1 of issue 11 was fixed in Plot; all of them pass now, and the default is
  /// one of them.
  static let seed = UInt64(ProcessInfo.processInfo.environment["SADDLE_CELL_FUZZ_SEED"] ?? "") ?? 2
  static let verbose = ProcessInfo.processInfo.environment["SADDLE_CELL_FUZZ_VERBOSE"] != nil

  @Test func randomCellsNeverKillTheSessionOrLoseItsVariables() throws {
    let session = Session()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("saddle-cell-fuzz-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    _ = try session.execute(CellGenerator.preamble, output: Sink())
    var generator = CellGenerator(seed: Self.seed, directory: directory.path)
    let running = Mutex<Int>(-1)
    var kinds: [String: Int] = [:]
    for index in 0..<Self.cells {
      let cell = generator.cell()
      if Self.verbose { print("CELL \(index): \(cell)") }
      running.withLock { $0 = index }
      afterOnOwnThread(Self.deadline) {
        running.withLock { if $0 == index { session.interrupt() } }
      }
      do {
        _ = try session.execute(cell, output: Sink())
        kinds["ok", default: 0] += 1
      } catch {
        kinds[error.name, default: 0] += 1
        if Self.verbose { print("  → \(error.name): \(error.message)") }
        #expect(Self.knownKinds.contains(error.name), "\(cell) → \(error.name): \(error.message)")
        #expect(!error.message.contains("info ="), "\(cell) → \(error.message)")
        #expect(!error.message.isEmpty, "\(cell)")
      }
      running.withLock { $0 = -1 }
      if index % 25 == 24 { try expectSentinel(session, after: cell) }
    }
    try expectSentinel(session, after: "the last cell")
    if Self.verbose { print("KINDS \(kinds)") }
    // The generator reaches both paths: many cells succeed and many fail.
    #expect(kinds["ok", default: 0] > Self.cells / 10, "\(kinds)")
    #expect(kinds.count > 3, "\(kinds)")
  }

  private func expectSentinel(_ session: Session, after cell: String) throws {
    let value = try session.execute("sentinel_keep", output: Sink())
    #expect(value?.data["text/plain"] == "4242", "sentinel lost after \(cell)")
  }
}

/// Discards a cell's output (the fuzzer checks only survival and errors).
private final class Sink: OutputSink, @unchecked Sendable {
  func stream(_ name: StreamName, _ text: String) {}
  func display(_ bundle: MimeBundle, displayID: String?, update: Bool) {}
  func clearOutput(wait: Bool) {}
  func page(_ bundle: MimeBundle) {}
  func input(prompt: String, password: Bool) throws(ExecutionError) -> String { "1" }
}

/// Random cells: one builtin call with random arguments, sometimes assigned, sometimes nested.
struct CellGenerator {
  static let preamble = """
    sentinel_keep = 4242
    L(w1, w2) = (1 - w1*w2)^2
    S(x, y) = x^2 - y^2
    Q(w1, w2) = 10*w1^2 + w2^2
    f1(x) = x^4 - x
    g3(a, b, c) = a*b*c + exp(a)
    big = 1.7976931348623157e308
    r0 = gd(Q, from: [1, 1], lr: 0.01, steps: 20)
    """

  var rng: SeededGenerator
  /// The table `Session()` assembles (the language's builtins plus the plot pack), less any
  /// names in `SADDLE_CELL_FUZZ_SKIP` (comma-separated, to hunt past a known finding by hand).
  let builtins: [Builtin] = {
    let skip = Set(
      (ProcessInfo.processInfo.environment["SADDLE_CELL_FUZZ_SKIP"] ?? "").split(separator: ",").map(String.init))
    return Session.builtins.entries.filter { !skip.contains($0.name) }
  }()
  let directory: String

  init(seed: UInt64, directory: String) {
    rng = SeededGenerator(seed: seed)
    self.directory = directory
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.nextUniform() * Double(items.count)) % items.count] }
  mutating func chance(_ p: Double) -> Bool { rng.nextUniform() < p }

  mutating func cell() -> String {
    let call = self.call(depth: 0)
    if chance(0.2) { return "tmp_\(Int(rng.nextUniform() * 5)) = \(call)" }
    if chance(0.1) { return "\(call)\n\(self.call(depth: 0))" }
    return call
  }

  mutating func call(depth: Int) -> String {
    let builtin = pick(builtins)
    var args: [String] = []
    for p in builtin.parameters {
      if p.wildcard {
        if chance(0.8) { args.append("\(pick(["w1", "w2", "x", "y", "a"])): \(value(.range, depth))") }
        continue
      }
      let required = p.defaultValue == nil && !p.optional && !p.variadic
      guard required || chance(0.35) else { continue }
      let count = p.variadic ? Int(rng.nextUniform() * 3) : 1
      for _ in 0..<count {
        let kind = chance(0.04) ? pick(Self.allKinds) : p.kind
        let text = value(kind, depth)
        args.append(p.label.map { "\($0): \(text)" } ?? text)
      }
    }
    if chance(0.05) { args.append("bogus_label: 1") }
    if chance(0.05), !args.isEmpty { args.removeLast() }
    return "\(builtin.name)(\(args.joined(separator: ", ")))"
  }

  static let allKinds: [BuiltinParameter.Kind] = [
    .number, .integer, .bool, .string, .vector, .matrix, .range, .function, .any, .array, .tensor,
  ]

  mutating func value(_ kind: BuiltinParameter.Kind, _ depth: Int) -> String {
    if depth < 2, chance(0.08) { return call(depth: depth + 1) }
    switch kind {
    case .number:
      return pick([
        "0", "-0.0", "1", "-1", "0.5", "3", "1e308", "-1e308", "big", "5e-324", "inf", "-inf", "nan",
        "1e9", "2^1023", "1e-300", "0.1",
      ])
    case .integer:
      return pick([
        "0", "1", "2", "3", "-1", "10", "100", "1e9", "10000000", "1e300", "nan", "inf", "2^62", "-2^63", "0.5",
      ])
    case .bool: return pick(["true", "false"])
    case .string:
      return pick([
        "\"\"", "\"x\"", "\"\(directory)/out.png\"", "\"\(directory)/missing/out.png\"", "\"αβ\\n\"",
        "\"\(directory)/out.svg\"", "\"adam\"", "\"gd\"",
      ])
    case .vector:
      return pick([
        "[1, 2]", "[]", "[1e308, -1e308]", "[nan, 1]", "[inf, 0]", "ones(100000)", "linspace(0, 1, n: 5)",
        "[0]", "[5e-324, 1]", "[3e200, 4e200]", "[1, 2, 3]",
      ])
    case .matrix:
      return pick([
        "[[1, 2], [3, 4]]", "[[1e308]]", "zeros(0, 0)", "eye(3)", "[[1, 2, 3], [4, 5, 6]]", "rand(40, 40)",
        "[[0, 0], [0, 0]]", "[[5e-324, 1], [1, 5e-324]]", "[[1e308, 1e308], [1e308, -1e308]]",
        "[[nan, 1], [1, 1]]", "ones(1, 100000)",
      ])
    case .range: return pick(["-2...2", "0...0", "-1e308...1e308", "1...-1", "nan...1", "-inf...inf", "0...1"])
    case .function: return pick(["L", "S", "Q", "f1", "g3", "sin", "sum"])
    case .parameterName: return pick(["w1", "x", "z"])
    case .any, .array, .tensor:
      return value(pick([.number, .vector, .matrix, .string, .range, .function, .bool]), depth)
    }
  }
}
