import ArgumentParser
import Foundation
import JupyterProtocol
import Plot

/// `saddle install`: writes the kernelspec so Jupyter frontends list and launch Saddle.
struct InstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract: "Install the Saddle kernelspec for Jupyter.",
    discussion: """
      Writes <dir>/kernels/<name>/kernel.json, whose argv is the absolute path of this binary, \
      and the logos logo-32x32.png and logo-64x64.png drawn by Saddle's own rasterizer.
      Without a location flag the spec goes to the user's Jupyter data directory ($JUPYTER_DATA_DIR, \
      else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter). An existing spec of the same name is replaced.
      """)

  @Flag(help: "Install for the current user (the default).")
  var user = false

  @Flag(help: "Install into the active Python environment ($VIRTUAL_ENV or $CONDA_PREFIX).")
  var sysPrefix = false

  @Option(help: ArgumentHelp("Install into DIR/share/jupyter/kernels.", valueName: "dir"))
  var prefix: String?

  @Option(help: "The kernelspec name (lowercase letters, digits, '.', '_', '-').")
  var name = "saddle"

  func validate() throws {
    if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
      throw ValidationError("choose at most one of --user, --sys-prefix and --prefix")
    }
    if name.isEmpty || !name.lowercased().unicodeScalars.allSatisfy({ Self.nameCharacters.contains($0) }) {
      throw ValidationError("invalid kernel name '\(name)': use only letters, digits, '.', '_' and '-'")
    }
  }

  static let nameCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")

  func run() throws {
    let directory = try kernelsDirectory().appendingPathComponent(name.lowercased())
    let spec = KernelSpec.make(executable: try executablePath())
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try encoder.encode(spec).write(to: directory.appendingPathComponent("kernel.json"))
      for size in [32, 64] {
        let png = try SaddleLogo.png(size: size)
        try Data(png).write(to: directory.appendingPathComponent("logo-\(size)x\(size).png"))
      }
    } catch {
      throw ValidationError("cannot write the kernelspec to \(directory.path): \(error.localizedDescription)")
    }
    print("Installed kernelspec \(name.lowercased()) in \(directory.path)")
  }

  /// The `…/kernels` directory for the chosen location.
  func kernelsDirectory() throws -> URL {
    let env = ProcessInfo.processInfo.environment
    if let prefix {
      return URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter/kernels")
    }
    if sysPrefix {
      guard let root = env["VIRTUAL_ENV"] ?? env["CONDA_PREFIX"] else {
        throw ValidationError(
          "--sys-prefix needs an active Python environment ($VIRTUAL_ENV or $CONDA_PREFIX); use --prefix DIR")
      }
      return URL(fileURLWithPath: root).appendingPathComponent("share/jupyter/kernels")
    }
    if let data = env["JUPYTER_DATA_DIR"], !data.isEmpty {
      return URL(fileURLWithPath: data).appendingPathComponent("kernels")
    }
    let base =
      env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
      ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
    return base.appendingPathComponent("jupyter/kernels")
  }

  /// The absolute path of this binary, so the spec works whatever the server's PATH is.
  func executablePath() throws -> String {
    let resolved = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    if resolved != "/proc/self/exe" { return resolved }
    let argv0 = CommandLine.arguments[0]
    guard argv0.contains("/") else { throw ValidationError("cannot find the path of this binary") }
    return URL(fileURLWithPath: argv0).standardizedFileURL.path
  }
}

/// The fields of the repository's `kernel.json` template, with argv pointing at this binary.
enum KernelSpec {
  static func make(executable: String) -> JSONValue {
    [
      "argv": [.string(executable), "kernel", "--connection-file", "{connection_file}"],
      "display_name": "Saddle",
      "language": "saddle",
      "interrupt_mode": "message",
      "metadata": ["debugger": false],
    ]
  }
}
