import Foundation
import Testing

/// docs/architecture.md's layer table is the import graph: each target imports exactly the
/// targets its row names, and only targets of rows above it (so no layer reaches up).
struct ArchitectureDocTests {
  private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Modules of the toolchain, which the table does not list.
  private static let system: Set<String> = [
    "Foundation", "FoundationEssentials", "Dispatch", "Darwin", "Glibc", "Synchronization", "Testing",
  ]

  /// Rows of the table in order: the targets a row names and the modules it says they import
  /// ("swift-crypto" is the module Crypto; "—" is none).
  private static func rows() throws -> [(targets: [String], imports: Set<String>)] {
    let text = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    return text.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      let targets = cells[0].split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }
      let imports = cells[cells.count - 1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { $0 != "—" }.map { $0 == "swift-crypto" ? "Crypto" : $0 }
      return (targets, Set(imports))
    }
  }

  /// The modules the Swift files under Sources/`target` import, system modules left out.
  private static func imports(of target: String) throws -> Set<String> {
    let folder = root.appendingPathComponent("Sources/\(target)")
    guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    var found: Set<String> = []
    for case let file as URL in files where file.pathExtension == "swift" {
      for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
        let words = line.split(separator: " ")
        guard let at = words.firstIndex(of: "import"), at + 1 < words.count,
          words[..<at].allSatisfy({ $0.hasPrefix("@") || $0 == "public" || $0 == "internal" })
        else { continue }
        found.insert(String(words[at + 1]))
      }
    }
    return found.subtracting(system)
  }

  @Test func everyTargetImportsExactlyWhatItsRowSays() throws {
    for row in try Self.rows() {
      for target in row.targets {
        #expect(try Self.imports(of: target) == row.imports, "\(target)")
      }
    }
  }

  @Test func noTargetImportsOneBelowItOrUnlisted() throws {
    let rows = try Self.rows()
    let external: Set<String> = ["Crypto", "ArgumentParser"]
    var above: Set<String> = external
    for row in rows {
      for target in row.targets {
        let upward = try Self.imports(of: target).subtracting(above)
        #expect(upward.isEmpty, "\(target) imports \(upward.sorted()), not listed above it")
      }
      above.formUnion(row.targets)
    }
  }

  @Test func everyTargetHasARowAndAReadmeWithItsLayer() throws {
    let listed = Set(try Self.rows().flatMap(\.targets))
    let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
    #expect(Set(folders) == listed)
    // The C modules are module maps over system headers, with nothing to say.
    for target in folders where !["CLapack", "CZeroMQ", "CZlib"].contains(target) {
      let readme = Self.root.appendingPathComponent("Sources/\(target)/README.md")
      let text = (try? String(contentsOf: readme, encoding: .utf8)) ?? ""
      #expect(text.contains("Layer:"), "Sources/\(target)/README.md has no Layer: line")
    }
  }
}
