import Foundation
import Language
import MathCore
import PlotPack
import Testing
import _TestSupport

@testable import Session

/// The plotting builtins through a session: bundle shape, metadata, overlays of runs,
/// saving, and the errors users see for bad input.
@Suite struct PlotBuiltinTests {
  /// A stand-in for the optimizer's run values: a custom value with `points` and `loss`.
  private struct FakeRun: CustomValue {
    let scale: Double
    var typeName: String { "run" }
    var plainText: String { "<run>" }
    var memberNames: [String] { ["points", "loss", "name"] }
    func member(_ name: String) -> Value? {
      switch name {
      case "points":
        let rows = (0..<20).map { k in [-1.5 + scale * Double(k) / 20, 1.2 - Double(k) / 10] }
        return .matrix(Matrix(rowVectors: rows)!)
      case "loss": return .vector(Vector((1...50).map { exp(-scale * Double($0) / 10) }))
      case "name": return .string("run \(scale)")
      default: return nil
      }
    }
  }

  private func session() -> Session {
    let scale = ParameterKey.positional("scale", .number)
    let fake = Builtin(
      "fake_run", [scale.parameter], returns: "run", summary: "A test run.", example: "fake_run(1)"
    ) { args, _ in .custom(FakeRun(scale: args.number(scale))) }
    return Session(builtins: Session.builtins.adding([fake]))
  }

  private func run(_ code: String, in s: Session? = nil) throws -> MimeBundle {
    let bundle = try (s ?? session()).execute(code, output: RecordingSink())
    return try #require(bundle)
  }

  private func failure(_ code: String) -> ExecutionError? {
    do {
      _ = try session().execute(code, output: RecordingSink())
      return nil
    } catch { return error }
  }

  /// Decodes the bundle's PNG and checks it is the 2× image of the 1× metadata size.
  private func checkFigure(_ b: MimeBundle, width: Int = 640, height: Int = 480) throws -> DecodedImage {
    #expect(b.metadata == ["image/png": ["width": width, "height": height]])
    let base64 = try #require(b.data["image/png"])
    let png = try PNGDecoder.decode([UInt8](try #require(Data(base64Encoded: base64))))
    #expect(png.width == 2 * width && png.height == 2 * height)
    return png
  }

  @Test func surfaceIsAFigureWithPNGAtTwiceTheSize() throws {
    let b = try run("L(w1, w2) = (1 - w1*w2)^2\nsurface(L, w1: -2...2, w2: -2...2)")
    #expect(b.data["text/plain"] == "<figure 640×480: surface of L>")
    let png = try checkFigure(b)
    // Not blank: many distinct colours from the colormap.
    var colours = Set<UInt32>()
    for k in stride(from: 0, to: png.rgba.count, by: 4 * 97) {
      colours.insert(UInt32(png.rgba[k]) << 16 | UInt32(png.rgba[k + 1]) << 8 | UInt32(png.rgba[k + 2]))
    }
    #expect(colours.count > 20)
  }

  /// Regression: a run of a one-parameter function was refused ("needs a points matrix").
  @Test func oneDimensionalRunsOverlayTheirCurve() throws {
    let b = try run(
      "f(x) = x^4 - 3*x^2 + x\nr = gd(f, from: [2], lr: 0.01, steps: 50);\nplot(plot(f, x: -2...2.2), r)")
    _ = try checkFigure(b)
  }

  @Test func surfaceChecksLabelsRangesAndFunctions() throws {
    let wrong = try #require(failure("L(w1, w2) = w1*w2\nsurface(L, a: -1...1, b: -1...1)"))
    #expect(wrong.name == "ArgumentError")
    #expect(wrong.message.contains("expected the label 'w1:'"))
    // The caret points at the offending argument on line 2, not at the whole call.
    #expect(wrong.traceback.first == "line 2:")
    let caret = try #require(wrong.traceback.first { $0.contains("^") })
    let column = caret.distance(from: caret.startIndex, to: caret.firstIndex(of: "^")!) - 2
    #expect([11, 14].contains(column), "caret at column \(column): \(wrong.traceback)")
    let backwards = try #require(failure("L(w1, w2) = w1*w2\nsurface(L, w1: 2...-2, w2: -1...1)"))
    #expect(backwards.name == "ValueError")
    #expect(backwards.message.contains("finite and increasing"))
    let notFunction = try #require(failure("surface(3, w1: -1...1, w2: -1...1)"))
    #expect(notFunction.name == "TypeError")
    let oneParameter = try #require(failure("f(x) = x^2\nsurface(f, x: -1...1, y: -1...1)"))
    #expect(oneParameter.message.contains("plot(f, x: a...b)"))
  }

  @Test func logSurfaceAndLabelsAreAccepted() throws {
    let b = try run("L(w1, w2) = (1 - w1*w2)^2\nsurface(L, w1: -2...2, w2: -2...2, log: true, title: \"log\")")
    _ = try checkFigure(b)
  }

  @Test func plotOfAFunctionAndOfVectors() throws {
    _ = try checkFigure(try run("f(x) = x^4 - 2*x^2\nplot(f, x: -2...2)"))
    _ = try checkFigure(try run("plot([1, 2, 3], [1, 4, 9], title: \"squares\")"))
    _ = try checkFigure(try run("plot([3, 1, 2])"))
    let several = try run("plot([1, 2, 3], [1, 4, 9], [1, 8, 27], labels: (\"square\", \"cube\"))")
    #expect(several.data["text/plain"] == "<figure 640×480: plot of 2 series>")
    #expect(failure("plot([1, 2, 3], [1, 2, 3], [1, 2])")?.message.contains("series 2 has 2") == true)
    let mismatch = try #require(failure("plot([1, 2, 3], [1, 2])"))
    #expect(mismatch.name == "ShapeError")
    let twoParameters = try #require(failure("L(a, b) = a*b\nplot(L, x: -1...1)"))
    #expect(twoParameters.message.contains("use surface"))
    let noRange = try #require(failure("f(x) = x^2\nplot(f)"))
    #expect(noRange.message.contains("plot(f, x: -2...2)"))
    #expect(failure("plot(\"text\")")?.name == "TypeError")
  }

  @Test func runsOverlayASurfaceAndLossCurvesShowOnALogScale() throws {
    let s = session()
    _ = try s.execute("L(w1, w2) = (1 - w1*w2)^2\nr1 = fake_run(1)\nr2 = fake_run(2)", output: RecordingSink())
    let over = try run("plot(surface(L, w1: -2...2, w2: -2...2), r1, r2)", in: s)
    #expect(over.data["text/plain"] == "<figure 640×480: surface of L with 2 run(s)>")
    _ = try checkFigure(over)
    _ = try checkFigure(try run("plot(loss: (r1, r2), log: true)", in: s))
    do {
      _ = try s.execute("plot(surface(L, w1: -2...2, w2: -2...2), 3)", output: RecordingSink())
      Issue.record("a number was accepted as a run")
    } catch { #expect(error.message.contains("points matrix")) }
  }

  @Test func aMatrixOfPointsOverlaysASurfaceAsAPath() throws {
    let s = session()
    _ = try s.execute("L(w1, w2) = (1 - w1*w2)^2\npath = [[0, 0], [0.5, 0.5], [1, 1]]", output: RecordingSink())
    let over = try run("plot(surface(L, w1: -2...2, w2: -2...2), path, labels: (\"by hand\",))", in: s)
    #expect(over.data["text/plain"] == "<figure 640×480: surface of L with 1 run(s)>")
    _ = try checkFigure(over)
    for bad in ["[[1], [2]]", "[1, 2]"] {
      do {
        _ = try s.execute("plot(surface(L, w1: -2...2, w2: -2...2), \(bad))", output: RecordingSink())
        Issue.record("\(bad) was accepted as a path")
      } catch { #expect(error.name == "ValueError" || error.name == "TypeError") }
    }
  }

  @Test func otherKindsProduceFigures() throws {
    _ = try checkFigure(try run("scatter(rand(30), rand(30), color: rand(30))"))
    _ = try checkFigure(
      try run("bar([[0.96, 0.99], [0.94, 0.96]], labels: (\"1\", \"8\"), series: (\"train\", \"test\"))"))
    _ = try checkFigure(try run("hist(randn(500), bins: 20)"))
    _ = try checkFigure(try run("L(w1, w2) = (1 - w1*w2)^2\nquiver(grad(L), w1: -2...2, w2: -2...2, n: 9)"))
    _ = try checkFigure(try run("heatmap([[1, 2, 3], [4, 5, 6]], colormap: \"magma\")"))
    let grid = try run("f(x) = x^2\ngrid_of((plot(f, x: -1...1), plot(f, x: -2...2)), columns: 2)")
    _ = try checkFigure(grid, width: 1000, height: 440)
    #expect(failure("heatmap([[1, 2]], colormap: \"jet\")")?.message.contains("unknown colormap") == true)
    #expect(failure("grid_of((1, 2))")?.message.contains("needs figures") == true)
    #expect(failure("scatter([1, 2], [1])")?.name == "ShapeError")
    _ = try checkFigure(try run("scatter([1, 2], [3, 4], xlim: 0...3, ylim: 0...5)"))
    #expect(failure("scatter([1, 2], [3, 4], xlim: 3...0)")?.message.contains("finite and increasing") == true)
    #expect(failure("plot([1, 2], [1, 2], log: true, ylim: -1...2)")?.message.contains("positive limits") == true)
  }

  @Test func saveWritesPNGAndSVGAndExplainsBadPaths() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("saddle-plot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let s = session()
    _ = try s.execute(
      "f(x) = x^2\nfig = plot(f, x: -1...1)\nsave(fig, \"\(dir.path)/a.png\")\nsave(fig, \"\(dir.path)/a.svg\")",
      output: RecordingSink())
    let png = try PNGDecoder.decode([UInt8](try Data(contentsOf: dir.appendingPathComponent("a.png"))))
    #expect(png.width == 640 && png.height == 480)
    let svg = try String(contentsOf: dir.appendingPathComponent("a.svg"), encoding: .utf8)
    #expect(svg.hasPrefix("<?xml") && svg.contains("<svg") && svg.contains("font-family=\"DejaVu Sans\""))
    let ext = try #require(failure("f(x) = x\nsave(plot(f, x: 0...1), \"out.jpg\")"))
    #expect(ext.message.contains("unknown file extension '.jpg'"))
    let unwritable = try #require(failure("f(x) = x\nsave(plot(f, x: 0...1), \"/nonexistent-dir/x.png\")"))
    #expect(unwritable.message.contains("cannot write '/nonexistent-dir/x.png'"))
    #expect(failure("save(3, \"x.png\")")?.name == "TypeError")
  }

  @Test func figureMembersAndHelp() throws {
    let s = session()
    _ = try s.execute("f(x) = x\nfig = plot(f, x: 0...1, title: \"line\")", output: RecordingSink())
    #expect(try run("fig.width", in: s).data["text/plain"] == "640")
    #expect(try run("fig.title", in: s).data["text/plain"]?.contains("line") == true)
    for name in ["surface", "plot", "scatter", "bar", "hist", "quiver", "heatmap", "grid_of", "save"] {
      #expect(BuiltinTable.shared.adding(PlotPack.entries).lookup(name) != nil)
    }
  }
}
