import Foundation
import JupyterProtocol
import Testing

@testable import Session

/// A notebook with the given code cells (and one markdown cell first), nbformat 4.4, no ids.
func notebook(_ sources: [String]) -> JSONValue {
  var cells: [JSONValue] = [
    .object(["cell_type": .string("markdown"), "metadata": .object([:]), "source": .string("# Title ✓")])
  ]
  for s in sources {
    cells.append(
      .object([
        "cell_type": .string("code"), "execution_count": .null, "metadata": .object([:]),
        "outputs": .array([]), "source": .string(s),
      ]))
  }
  return .object([
    "cells": .array(cells), "metadata": .object(["custom": .string("kept")]), "nbformat": .int(4),
    "nbformat_minor": .int(4),
  ])
}

private func cell(_ nb: JSONValue, _ i: Int) -> JSONValue {
  guard case .array(let cells)? = nb["cells"] else { return .null }
  return cells[i]
}

private func outputs(_ nb: JSONValue, _ i: Int) -> [JSONValue] {
  guard case .array(let o)? = cell(nb, i)["outputs"] else { return [] }
  return o
}

@Test func runnerWritesCountsStreamsResultsAndMetadataAsNbclient() throws {
  let result = try NotebookRunner.run(
    notebook([
      "print(\"a\")\nprint(\"b\")\neprint(\"e\")\nprint(\"c\")\n1 + 1",
      "   ",
      "L(w1, w2) = (1 - w1*w2)^2\nr = gd(L, from: [0.5, -0.3], lr: 0.05, steps: 3);",
      "display(1, id: \"d\")\nprint(\"between\")\ndisplay(2, id: \"d\", update: true)\nr.steps",
    ]), name: "t")
  #expect(result.failure == nil)
  let nb = result.notebook
  #expect(nb["nbformat_minor"] == .int(5))
  #expect(nb["metadata"]?["custom"] == .string("kept"))
  #expect(nb["metadata"]?["kernelspec"]?["name"] == .string("saddle"))
  #expect(nb["metadata"]?["language_info"]?["name"] == .string("saddle"))
  #expect(cell(nb, 0)["id"] == .string("cell-0"))
  let first = outputs(nb, 1)
  #expect(first.count == 4)
  #expect(first[0]["name"] == .string("stdout") && first[0]["text"] == .string("a\nb\n"))
  #expect(first[1]["name"] == .string("stderr") && first[1]["text"] == .string("e\n"))
  #expect(first[2]["text"] == .string("c\n"))
  #expect(first[3]["output_type"] == .string("execute_result"))
  #expect(first[3]["execution_count"] == .int(1))
  #expect(first[3]["data"]?["text/plain"] == .string("2"))
  #expect(cell(nb, 1)["metadata"]?["execution"]?["shell.execute_reply"]?.stringValue != nil)
  #expect(cell(nb, 2)["execution_count"] == .null)
  #expect(outputs(nb, 3).isEmpty)
  #expect(cell(nb, 3)["execution_count"] == .int(2))
  let last = outputs(nb, 4)
  #expect(last.count == 3)
  #expect(last[0]["data"]?["text/plain"] == .string("2"), "updated in place")
  #expect(last[2]["data"]?["text/plain"] == .string("3"))
  #expect(cell(nb, 4)["execution_count"] == .int(3))
}

@Test func runnerStopsAtTheFirstErrorAndNamesTheCell() throws {
  let result = try NotebookRunner.run(notebook(["1", "nope + 1", "2"]), name: "t")
  let failure = try #require(result.failure)
  #expect(failure.cellIndex == 2 && failure.executionCount == 2)
  #expect(failure.error.name == "NameError")
  #expect(failure.description.hasPrefix("cell 3 (In [2]) failed:"))
  let error = outputs(result.notebook, 2)
  #expect(error.count == 1)
  #expect(error[0]["output_type"] == .string("error"))
  #expect(error[0]["ename"] == .string("NameError"))
  #expect(error[0]["traceback"]?.multilineText?.contains("nope") == true)
  #expect(cell(result.notebook, 3)["execution_count"] == .null, "later cells do not run")
  #expect(cell(result.notebook, 3)["id"] == .string("cell-3"), "but still get ids")
}

@Test func runnerTimeoutInterruptsTheCell() throws {
  let started = Date()
  let result = try NotebookRunner.run(notebook(["sleep(30)"]), name: "t", timeout: 0.3)
  #expect(Date().timeIntervalSince(started) < 10)
  #expect(result.failure?.error.name == "CellTimeoutError")
}

@Test func clearOutputWaitClearsAtTheNextOutput() throws {
  let result = try NotebookRunner.run(
    notebook(["print(1)\nclear_output(wait: true)\nprint(2)", "print(1)\nclear_output()"]), name: "t")
  let a = outputs(result.notebook, 1)
  #expect(a.count == 1 && a[0]["text"] == .string("2\n"))
  #expect(outputs(result.notebook, 2).isEmpty)
}

@Test func exportWritesEachPngWithAStableName() throws {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("saddle-export-\(UUID())")
  defer { try? FileManager.default.removeItem(at: dir) }
  let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
  let output = JSONValue.object([
    "output_type": .string("display_data"),
    "data": .object(["image/png": .string(png.base64EncodedString()), "text/plain": .string("x")]),
  ])
  let text = JSONValue.object(["output_type": .string("stream"), "text": .string("a")])
  let urls = try NotebookRunner.export([output, text, output], to: dir, name: "nb-4")
  #expect(urls.map(\.lastPathComponent) == ["nb-4-0.png", "nb-4-1.png"])
  #expect(try Data(contentsOf: urls[1]) == png)
}

@Test func jsonRoundTripsAndWritesLikeNbformat() throws {
  let text = #"{"b": [1, 2.5, true, null, "x\n\"\u00e9\ud83d\ude00"], "a": {}, "c": []}"#
  let value = try JSONValue.parse(text)
  #expect(value["b"] == .array([.int(1), .double(2.5), .bool(true), .null, .string("x\n\"é😀")]))
  #expect(
    value.serialized()
      == "{\n \"a\": {},\n \"b\": [\n  1,\n  2.5,\n  true,\n  null,\n  \"x\\n\\\"é😀\"\n ],\n \"c\": []\n}\n")
  #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse("{\"a\": }") }
}
