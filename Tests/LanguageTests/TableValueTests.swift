import Foundation
import Language
import MathCore
import Testing
import _LanguageTestSupport

/// The table value through its Swift API (what packs build) and through cells: typed
/// columns, the errors of the initializer, the HTML beside the aligned text.
@Suite struct TableValueTests: CellRunner {
  let runtime = Runtime()

  @Test func packsBuildTablesFromTypedColumns() throws {
    let t = try TableValue(
      title: "batch study",
      columns: [
        ("batch", .numbers([8, 32, 128])), ("kind", .text(["min", "min", "saddle"])),
        ("flag", .values([.bool(true), .bool(false), .bool(true)])),
      ])
    #expect(t.rowCount == 3 && t.names == ["batch", "kind", "flag"])
    guard case .vector(let batch)? = t.member("batch"), case .tuple(let kinds)? = t.member("kind") else {
      Issue.record("numeric column is not a vector or text column not a list")
      return
    }
    #expect(batch.elements == [8, 32, 128])
    #expect(kinds.map(\.plainText) == ["\"min\"", "\"min\"", "\"saddle\""])
    #expect(t.row(2)["kind"]?.plainText == "\"saddle\"")
    #expect(Value.table(t).plainText.hasPrefix("batch study: 3 rows\n"))
  }

  @Test func initializerRejectsBadColumns() {
    #expect(throws: LanguageError.self) { try TableValue(columns: []) }
    #expect(throws: LanguageError.self) { try TableValue(columns: [("a", .numbers([1])), ("a", .numbers([2]))]) }
    do {
      _ = try TableValue(columns: [("a", .numbers([1, 2])), ("b", .text(["x"]))])
      Issue.record("ragged columns were accepted")
    } catch let error as LanguageError {
      #expect(error.kind == .shape && error.message.contains("'a' has 2 rows, 'b' has 1"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func htmlIsATableBesideTheAlignedText() throws {
    let value = try #require(try run("table(name: [\"a<b\", \"c\"], loss: [0.5, 2])"))
    let bundle = value.representations
    let html = try #require(bundle["text/html"])
    #expect(html.hasPrefix("<table>\n<caption>table: 2 rows</caption>"))
    #expect(html.contains("<thead><tr><th></th><th>name</th><th>loss</th></tr></thead>"))
    #expect(html.contains("<td style=\"text-align:left\">a&lt;b</td><td style=\"text-align:right\">0.5</td>"))
    #expect(bundle["text/plain"] == "table: 2 rows\n   name  loss\n0  a<b    0.5\n1  c        2")
  }

  @Test func longTablesShowTheirEnds() throws {
    let value = try #require(try run("table(k: (1...100).map { x in x })"))
    let lines = value.plainText.split(separator: "\n")
    #expect(lines.count == 1 + 1 + 10 + 1 + 10)
    #expect(lines[12].trimmingCharacters(in: .whitespaces).hasPrefix("…") && lines.last == "99  100")
  }

  @Test func rowsAndFilteredTablesAreValues() throws {
    _ = try run("t = table(lr: [0.01, 0.1, 1], loss: [1.2, 0.3, 4])")
    guard case .table(let kept)? = try run("t.filter { $0.loss < 2 }") else {
      Issue.record("filter on a table did not give a table")
      return
    }
    #expect(kept.rowCount == 2)
    guard case .record(let row)? = try run("t[-1]") else {
      Issue.record("t[-1] is not a record")
      return
    }
    #expect(row["lr"]?.plainText == "1")
  }

  @Test func completionOffersMembersColumnsAndListMethods() throws {
    _ = try run("t = table(lr: [0.1], loss: [0.3])")
    #expect(
      runtime.completions("t.", cursor: 2).matches == [
        "rows", "columns", "count", "lr", "loss", "map", "filter", "reduce",
      ])
    #expect(runtime.completions("t.lo", cursor: 4).matches == ["loss"])
  }
}
