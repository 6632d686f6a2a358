import ArgumentParser
import Foundation
import JupyterProtocol
import Session

/// `saddle run NB.ipynb…`: executes notebooks in-process, as nbclient would through the kernel.
///
/// Each notebook gets a fresh Session. Outputs are written back with `--inplace`, or to
/// `--output DIR` under the same file name; without either the notebooks are only checked.
/// The first failing cell stops its notebook (the file is still written, with the error
/// output in that cell) and the command exits with status 1 after naming the cell.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Execute notebooks with the Saddle language, in-process.")

  @Argument(help: "The notebooks (.ipynb) to execute.")
  var notebooks: [String]

  @Flag(name: .long, help: "Write the outputs back into each notebook.")
  var inplace = false

  @Option(name: .long, help: "Write executed notebooks to this directory instead.")
  var output: String?

  @Option(
    name: .customLong("export-plots"),
    help: "Write every image/png output to this directory as NOTEBOOK-CELL-INDEX.png.")
  var exportPlots: String?

  @Option(name: .long, help: "Interrupt a cell after this many seconds.")
  var timeout: Double?

  func validate() throws {
    if inplace, output != nil { throw ValidationError("use either --inplace or --output, not both") }
    if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
  }

  func run() throws {
    var failed = false
    for path in notebooks {
      if try !runOne(URL(fileURLWithPath: path)) {
        failed = true
        break
      }
    }
    endProcess(status: failed ? 1 : 0)
  }

  /// Runs one notebook; returns false when a cell failed.
  private func runOne(_ url: URL) throws -> Bool {
    let name = url.deletingPathExtension().lastPathComponent
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ValidationError("cannot read \(url.path): \(error.localizedDescription)")
    }
    let notebook: JSONValue
    do throws(JSONValue.ParseError) {
      notebook = try JSONValue.parse(text)
    } catch {
      throw ValidationError("\(url.path) is not valid JSON: \(error)")
    }
    let result: NotebookRunResult
    do {
      result = try NotebookRunner.run(
        notebook, name: name, timeout: timeout, exportPlots: exportPlots.map { URL(fileURLWithPath: $0) })
    } catch let error as NotebookFormatError {
      throw ValidationError("\(url.path): \(error.description)")
    }
    if let destination = destination(for: url) {
      try FileManager.default.createDirectory(
        at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(result.notebook.serialized().utf8).write(to: destination)
    }
    if let failure = result.failure {
      FileHandle.standardError.write(Data("\(url.path): \(failure.description)\n".utf8))
      return false
    }
    FileHandle.standardError.write(Data("\(url.path): ok\n".utf8))
    return true
  }

  private func destination(for url: URL) -> URL? {
    if inplace { return url }
    return output.map { URL(fileURLWithPath: $0).appendingPathComponent(url.lastPathComponent) }
  }
}
