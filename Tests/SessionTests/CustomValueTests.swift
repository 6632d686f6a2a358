import Language
import MathCore
import Testing

@testable import Session

/// A value kind added above the language (as figures and runs are) shows itself with its
/// own MIME types and metadata, answers member access, and completes after `.`.
struct CustomValueTests {
  private struct Badge: CustomValue {
    let size: Int
    var typeName: String { "badge" }
    var plainText: String { "<badge \(size)px>" }
    func rendered(cancellation: CancellationFlag?) -> Rendering { Rendering(data: ["image/png": "iVBORw0KGgo="]) }
    var metadata: [String: [String: Int]] { ["image/png": ["width": size, "height": size]] }
    var memberNames: [String] { ["size", "side"] }
    func member(_ name: String) -> Value? { name == "size" ? .number(Double(size)) : nil }
  }

  private func session() -> Session {
    let size = ParameterKey.positional("size", .integer)
    let badge = Builtin(
      "badge", [size.parameter], returns: "badge", summary: "A test badge.",
      example: "badge(4)"
    ) { args, _ in .custom(Badge(size: args.integer(size))) }
    return Session(builtins: BuiltinTable.shared.adding([badge]))
  }

  @Test func customValuesCarryTheirBundleAndMetadata() throws {
    let sink = RecordingSink()
    let bundle = try #require(try session().execute("badge(40)", output: sink))
    #expect(bundle.data["text/plain"] == "<badge 40px>")
    #expect(bundle.data["image/png"] == "iVBORw0KGgo=")
    #expect(bundle.metadata == ["image/png": ["width": 40, "height": 40]])
  }

  @Test func displayedCustomValuesKeepTheirMetadata() throws {
    let sink = RecordingSink()
    _ = try session().execute("display(badge(8))", output: sink)
    #expect(sink.displays.first?.0.metadata == ["image/png": ["width": 8, "height": 8]])
  }

  @Test func membersAndCompletionGoThroughTheValue() throws {
    let s = session()
    let sink = RecordingSink()
    _ = try s.execute("b = badge(12)", output: sink)
    #expect(try s.execute("b.size", output: sink)?.data["text/plain"] == "12")
    #expect(s.complete("b.si", cursor: 4).matches == ["size", "side"])
    do {
      _ = try s.execute("b.sise", output: sink)
      Issue.record("an unknown member was accepted")
    } catch {
      #expect(error.message.contains("badge has no member 'sise'"))
      #expect(error.message.contains("(did you mean 'side' or 'size'?)"))
    }
  }
}
