import Foundation
import JupyterKernel
import JupyterProtocol

/// Why a notebook run stopped early: the cell (0-based index in the notebook and its
/// execution count) and the error it raised.
public struct NotebookCellFailure: Error, Sendable, CustomStringConvertible {
  public var cellIndex: Int
  public var executionCount: Int
  public var error: ExecutionError

  public var description: String {
    "cell \(cellIndex + 1) (In [\(executionCount)]) failed:\n"
      + error.traceback.joined(separator: "\n")
  }
}

/// The executed notebook, the failure that stopped it (if any) and the images written.
public struct NotebookRunResult: Sendable {
  public var notebook: JSONValue
  public var failure: NotebookCellFailure?
  /// Files written by `exportPlots`, in output order.
  public var exportedImages: [URL]
}

/// A file that is not a notebook we can run.
public struct NotebookFormatError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// Executes a notebook in-process with a fresh `Session`, writing outputs as nbclient does.
///
/// Code cells run in order; each gets its execution count, its outputs (see
/// `NotebookOutputs`) and nbclient's `metadata.execution` timestamps. Empty code cells are
/// skipped, as nbclient skips them. The run stops at the first error (which is recorded in
/// that cell as an `error` output); later cells are left as they were. The notebook's
/// metadata names the `saddle` kernel, and cells get ids (nbformat 4.5) if they lack them.
public enum NotebookRunner {
  /// Runs `notebook`; `name` (the file name without extension) names exported images
  /// `name-cell-index.png` (cell = 0-based index in the notebook, index = 0-based among the
  /// cell's PNG outputs). `timeout` interrupts a cell after that many seconds.
  public static func run(
    _ notebook: JSONValue, name: String, timeout: Double? = nil, exportPlots: URL? = nil
  ) throws -> NotebookRunResult {
    guard case .object(var root) = notebook, case .array(var cells)? = root["cells"] else {
      throw NotebookFormatError(description: "not a notebook: no \"cells\" list at the top level")
    }
    guard root["nbformat"] == .int(4) else {
      throw NotebookFormatError(description: "only nbformat 4 notebooks can be run")
    }
    let session = Session()
    var count = 0
    var result = NotebookRunResult(notebook: notebook, failure: nil, exportedImages: [])
    for i in cells.indices {
      guard case .object(var cell) = cells[i] else {
        throw NotebookFormatError(description: "cell \(i + 1) is not a JSON object")
      }
      if cell["id"]?.stringValue == nil { cell["id"] = .string("cell-\(i)") }
      defer { cells[i] = .object(cell) }
      guard result.failure == nil, cell["cell_type"] == .string("code") else { continue }
      let source = cell["source"]?.multilineText ?? ""
      if source.allSatisfy(\.isWhitespace) {
        cell["execution_count"] = .null
        cell["outputs"] = .array([])
        continue
      }
      count += 1
      let (outputs, failure, timing) = execute(source, count: count, session: session, timeout: timeout)
      cell["execution_count"] = .int(count)
      cell["outputs"] = .array(outputs)
      var metadata = cell["metadata"]?.objectValue ?? [:]
      metadata["execution"] = timing
      cell["metadata"] = .object(metadata)
      if let exportPlots {
        result.exportedImages += try export(outputs, to: exportPlots, name: "\(name)-\(i)")
      }
      if let failure {
        result.failure = NotebookCellFailure(cellIndex: i, executionCount: count, error: failure)
      }
    }
    root["cells"] = .array(cells)
    root["nbformat_minor"] = .int(max(5, root["nbformat_minor"]?.intValue ?? 5))
    root["metadata"] = .object(notebookMetadata(root["metadata"]))
    result.notebook = .object(root)
    return result
  }

  /// The notebook metadata with the saddle kernelspec and language_info (other keys kept).
  static func notebookMetadata(_ existing: JSONValue?) -> [String: JSONValue] {
    var m: [String: JSONValue] = [:]
    if case .object(let o)? = existing { m = o }
    let info = Session.languageInfo
    m["kernelspec"] = .object([
      "display_name": .string("Saddle"), "language": .string("saddle"), "name": .string("saddle"),
    ])
    m["language_info"] = .object([
      "codemirror_mode": .string(info.codemirrorMode), "file_extension": .string(info.fileExtension),
      "mimetype": .string(info.mimetype), "name": .string(info.name),
      "pygments_lexer": .string(info.pygmentsLexer), "version": .string(info.version),
    ])
    return m
  }

  /// Writes every image/png output to `dir/prefix-k.png`.
  static func export(_ outputs: [JSONValue], to dir: URL, name prefix: String) throws -> [URL] {
    var written: [URL] = []
    for output in outputs {
      guard let base64 = output["data"]?["image/png"]?.multilineText else { continue }
      guard let bytes = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
        throw NotebookFormatError(description: "an image/png output of \(prefix) is not valid base64")
      }
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      let url = dir.appendingPathComponent("\(prefix)-\(written.count).png")
      try bytes.write(to: url)
      written.append(url)
    }
    return written
  }
}
