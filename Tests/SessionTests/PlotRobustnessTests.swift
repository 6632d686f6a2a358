import Foundation
import Language
import MathCore
import Synchronization
import Testing
import _TestSupport

@testable import Session

/// Plotting cells at the edges of the doubles, through a session (issue 11): each returns a
/// figure whose PNG decodes, or a clear error, and a variable defined before survives.
/// Then a property test per plotting builtin over data drawn to favour extremes.
@Suite struct PlotRobustnessTests {
  static func session() -> Session {
    Session()
  }

  enum Outcome {
    case figure(DecodedImage)
    case error(ExecutionError)
  }

  /// Runs `code` in `s` after defining a sentinel, checks the outcome is a decodable figure or
  /// a named error with a message, and that the sentinel survives.
  @discardableResult
  static func check(_ code: String, in s: Session = session(), _ note: Comment? = nil) throws -> Outcome {
    _ = try s.execute("sentinel_value = 4242;", output: RecordingSink())
    let outcome: Outcome
    do {
      let bundle = try #require(try s.execute(code, output: RecordingSink()), "no value: \(code)")
      let base64 = try #require(bundle.data["image/png"], "no PNG for \(code): \(bundle.data["text/plain"] ?? "")")
      let png = try PNGDecoder.decode([UInt8](try #require(Data(base64Encoded: base64))))
      #expect(png.width > 100 && png.height > 100)
      outcome = .figure(png)
    } catch let e as ExecutionError {
      #expect(!e.name.isEmpty && !e.message.isEmpty, "unclear error for \(code)")
      #expect(e.name != "Interrupted", "\(code)")
      outcome = .error(e)
    }
    let after = try s.execute("sentinel_value", output: RecordingSink())
    #expect(after?.data["text/plain"] == "4242", "sentinel lost after \(code)")
    return outcome
  }

  static func expectFigure(_ code: String) throws {
    if case .error(let e) = try check(code) { Issue.record("\(code) failed: \(e.name): \(e.message)") }
  }

  @Test func plotOfOneHugeValue() throws { try Self.expectFigure("plot([1e308])") }
  @Test func plotUpToNearlyTheLargestDouble() throws { try Self.expectFigure("plot([0, 1.7e308])") }
  @Test func axisWhoseWidthOverflows() throws { try Self.expectFigure("plot([-1.7e308, 1.7e308])") }
  @Test func axisWhoseMidpointOverflows() throws { try Self.expectFigure("plot([1e308, 1.7e308])") }
  @Test func heatmapOfOneHugeValue() throws { try Self.expectFigure("heatmap([[1e308]])") }
  @Test func heatmapSpanningAllDoubles() throws { try Self.expectFigure("heatmap([[-1.7e308, 1.7e308]])") }
  @Test func histOfOppositeHugeValues() throws { try Self.expectFigure("hist([1e308, -1e308])") }
  @Test func scatterNearTheLargestDouble() throws {
    try Self.expectFigure("scatter([0, 1, 2], [1.7e308, -1.7e308, 1.6e308])")
  }
  @Test func lossCurveAtAFiniteHugeValue() throws {
    try Self.expectFigure("plot(loss: [1e308, 1e308, 1e308])")
    try Self.expectFigure("plot(loss: [1e308, 1e300, 1e290], log: true)")
  }

  /// The lecture's saddle: gd's loss runs to −∞; the run shows its loss curve (up to the last
  /// finite value) instead of killing the kernel in the tick formatter.
  @Test func gdOnTheSaddleRunsToMinusInfinity() throws {
    let s = Self.session()
    _ = try s.execute("S(x, y) = x^2 - y^2", output: RecordingSink())
    try Self.expectFigure("0;\n" + "plot([0])")  // the session still plots afterwards
    if case .error(let e) = try Self.check("gd(S, from: [1, 0.1], lr: 0.1, steps: 5000)", in: s) {
      Issue.record("gd failed: \(e.name): \(e.message)")
    }
  }

  @Test func runWhoseLossSitsAtAFiniteHugeValue() throws {
    let s = Self.session()
    _ = try s.execute("H(x, y) = 1e308 + 1e-300*(x^2 + y^2)", output: RecordingSink())
    if case .error(let e) = try Self.check("gd(H, from: [1, 1], lr: 0.1, steps: 300)", in: s) {
      Issue.record("gd failed: \(e.name): \(e.message)")
    }
  }

  /// The stop button stops the drawing of a huge scatter (item 13): the cell ends with
  /// Interrupted, not with a figure after the whole drawing, and the session keeps its data.
  @Test func interruptStopsDrawingAHugeScatter() throws {
    let s = Self.session()
    // 10⁷ points (the largest array): drawing them takes seconds even with threaded stamping,
    // so the interrupt at 0.3 s lands while markers are being drawn.
    _ = try s.execute("x = rand(10000000); y = rand(10000000);", output: RecordingSink())
    let interruptedAt = Mutex<DispatchTime?>(nil)
    afterOnOwnThread(0.3) {
      interruptedAt.withLock { $0 = .now() }
      s.interrupt()
    }
    do {
      _ = try s.execute("scatter(x, y)", output: RecordingSink())
      Issue.record("the scatter was drawn to the end despite the interrupt")
    } catch {
      #expect(error.name == "Interrupted")
      if let t = interruptedAt.withLock({ $0 }) {
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e6
        print("scatter of 10⁷ points stopped \(ms) ms after the interrupt (debug build)")
      }
    }
    #expect(try s.execute("len(x)", output: RecordingSink())?.data["text/plain"] == "10000000")
  }

  /// Every plotting builtin's figure carries the stop flag, not only plot and scatter's: a
  /// grid of four 10⁶-point scatters (grid_of made its figure without it) stops promptly.
  @Test func interruptStopsDrawingAGridOfScatters() throws {
    let s = Self.session()
    _ = try s.execute("x = rand(1000000); y = rand(1000000);", output: RecordingSink())
    afterOnOwnThread(0.3) { s.interrupt() }
    let started = DispatchTime.now()
    do {
      _ = try s.execute(
        "grid_of((scatter(x, y), scatter(x, y), scatter(x, y), scatter(x, y)), columns: 2)", output: RecordingSink())
      Issue.record("the grid was drawn to the end despite the interrupt")
    } catch {
      #expect(error.name == "Interrupted")
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
      print("grid of 4 × 10⁶ points stopped \(seconds) s after the cell started (interrupt at 0.3 s)")
    }
    #expect(try s.execute("len(x)", output: RecordingSink())?.data["text/plain"] == "1000000")
  }

  // MARK: - Property test

  /// A seeded generator of cell arguments that favours extremes.
  struct Extremes {
    var state: UInt64

    mutating func next() -> UInt64 {
      state = state &+ 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    static let specials: [Double] = [
      .infinity, -.infinity, .nan, 1.7e308, -1.7e308, .greatestFiniteMagnitude, 5e-324, -5e-324,
      2.2250738585072014e-308, 0, -0.0, 1, -1, 1e-300, 1e300,
    ]

    mutating func number() -> Double {
      below(3) == 0 ? Double(Int64(bitPattern: next() % 2001) - 1000) / 7 : Self.specials[below(Self.specials.count)]
    }

    /// A vector: empty, one point, constant, or a mix.
    mutating func vector(count: Int? = nil) -> [Double] {
      let n = count ?? [0, 1, 2, 3, 7, 40][below(6)]
      if below(4) == 0 { return Array(repeating: number(), count: n) }
      return (0..<n).map { _ in number() }
    }

    /// A finite, increasing range, often near the ends of the doubles.
    mutating func range() -> String {
      let pairs: [(Double, Double)] = [
        (-1.7e308, 1.7e308), (0, 5e-324), (1e308, 1.7e308), (-1, 1), (-1e-300, 1e-300), (5e-324, 1e-323),
      ]
      let (a, b) = pairs[below(pairs.count)]
      return "\(Self.literal(a))...\(Self.literal(b))"
    }

    static func literal(_ v: Double) -> String {
      if v.isNaN { return "nan" }
      if v.isInfinite { return v > 0 ? "inf" : "-inf" }
      return v == 0 ? (v.sign == .minus ? "-0" : "0") : "\(v)"
    }

    static func vectorLiteral(_ v: [Double]) -> String { "[" + v.map(literal).joined(separator: ", ") + "]" }
  }

  /// One random cell for `builtin`.
  static func cell(_ builtin: String, _ g: inout Extremes) -> String {
    switch builtin {
    case "plot":
      let y = g.vector()
      switch g.below(3) {
      case 0: return "plot(\(Extremes.vectorLiteral(y)))"
      case 1: return "plot(\(Extremes.vectorLiteral(g.vector(count: y.count))), \(Extremes.vectorLiteral(y)))"
      default: return "plot(loss: \(Extremes.vectorLiteral(y)), log: \(g.below(2) == 0))"
      }
    case "scatter":
      let x = g.vector()
      return "scatter(\(Extremes.vectorLiteral(x)), \(Extremes.vectorLiteral(g.vector(count: x.count))))"
    case "hist": return "hist(\(Extremes.vectorLiteral(g.vector())), bins: \([1, 2, 10, 1000][g.below(4)]))"
    case "bar": return "bar(\(Extremes.vectorLiteral(g.vector())))"
    case "heatmap":
      let (r, c) = (1 + g.below(3), 1 + g.below(3))
      return "heatmap([" + (0..<r).map { _ in Extremes.vectorLiteral(g.vector(count: c)) }.joined(separator: ", ")
        + "])"
    case "surface":
      return "F(a, b) = \(Extremes.literal(g.number())) * a^2 - b\nsurface(F, a: \(g.range()), b: \(g.range()), n: 6)"
    case "quiver":
      return
        "G(a, b) = \(Extremes.literal(g.number())) * a * b\nquiver(grad(G), a: \(g.range()), b: \(g.range()), n: 3)"
    default:
      let p = Extremes.vectorLiteral(g.vector())
      return "grid_of((plot(\(p)), hist(\(Extremes.vectorLiteral(g.vector())))), columns: \(1 + g.below(2)))"
    }
  }

  static let builtins = ["plot", "scatter", "hist", "bar", "heatmap", "surface", "quiver", "grid_of"]

  /// Fixed seed, a few cells per builtin: each returns a figure whose PNG decodes or a clear
  /// error, and the session keeps its variables.
  @Test(arguments: builtins)
  func extremeDataGivesFiguresOrClearErrors(_ builtin: String) throws {
    var g = Extremes(state: 0x5AD_D1E0 &+ UInt64(builtin.utf8.reduce(0) { $0 &* 31 &+ Int($1) }))
    let s = Self.session()
    var figures = 0
    for _ in 0..<4 {
      if case .figure = try Self.check(Self.cell(builtin, &g), in: s) { figures += 1 }
    }
    #expect(figures > 0, "\(builtin): no cell drew a figure")
  }
}
