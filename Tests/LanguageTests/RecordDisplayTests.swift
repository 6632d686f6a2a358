import MathCore
import Testing

@testable import Language

/// Records (runs, reports) keep long arrays to a few lines; the fields themselves show whole.
struct RecordDisplayTests {
  private let long = Vector((0..<30).map(Double.init))
  private var record: Value {
    let points = Matrix(rows: 30, columns: 2, elements: (0..<60).map(Double.init))
    return .record(
      Record(
        typeName: "run",
        fields: [
          .init("loss", .vector(long)), .init("points", .matrix(points)), .init("steps", .number(29)),
        ]))
  }

  @Test func longArraysInRecordsAreSummarisedLikeNumpy() {
    let text = record.plainText
    #expect(text.contains("loss:   [ 0,  1,  2, ..., 27, 28, 29]"))
    #expect(
      text.contains(
        "points: [[ 0,  1],\n           [ 2,  3],\n           [ 4,  5],\n           ...,\n           [54, 55],"))
    #expect(text.split(separator: "\n").count == 10)
    #expect(
      Value.record(Record(typeName: "run", fields: [.init("x", .vector(Vector([1, 2])))])).representations["text/html"]?
        .contains("<pre>[1, 2]</pre>") == true)
  }

  @Test func theFieldItselfShowsEveryElement() {
    #expect(!Value.vector(long).plainText.contains("..."))
    #expect(Value.vector(long).plainText.split(separator: ",").count == 30)
  }

  @Test func unlistedFieldsAreNamedNotShownAndStayMembers() throws {
    let r = Record(
      typeName: "run",
      fields: [.init("status", .text("done")), .init("loss", .vector(long)), .init("steps", .number(29))],
      unlisted: ["loss", "steps"])
    #expect(Value.record(r).plainText == "run\n  status: done\n  also:   loss, steps")
    let html = try #require(Value.record(r).representations["text/html"])
    #expect(html.contains("<th style=\"text-align:left\">also</th><td style=\"text-align:left\">loss, steps</td>"))
    #expect(!html.contains("<pre>[ 0,"))
    #expect(r["steps"]?.plainText == "29")  // members as before (runs: see Corpus/optim.saddle)
  }

  @Test func theDiscardingHostRefusesInputWithAStdinError() {
    do {
      _ = try Runtime().run("input(\"name? \")", host: DiscardingHost())
      Issue.record("input() succeeded on a discarding host")
    } catch {
      #expect(error.kind == .stdin)
    }
  }
}
