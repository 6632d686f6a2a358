import Foundation
import Language
import MathCore
import Plot
import PlotPack

/// A curvature result shown the same way everywhere: a heading line saying what it is, the
/// table of its members (long ones only named), and its figure under the table when it has
/// one (`text/html` with the image inline, and `image/png`).
///
/// Why one protocol: every value of this pack is "a few numbers plus maybe a picture"; the
/// rendering lives once here and each value only says what it holds.
public protocol SummarizedValue: CustomValue {
  /// The first line: "minimum ratio 0.5 (1 positive, 1 negative, 0 zero; |λ| ≤ 1e-08 is zero)".
  var heading: String { get }
  /// Members the summary names but does not show (vectors, matrices, networks).
  var unlistedMembers: Set<String> { get }
  /// The picture under the summary, if this value draws one.
  var figure: Figure? { get }
}

extension SummarizedValue {
  public var figure: Figure? { nil }

  /// The members as a record (members that are nothing here are left out).
  var summaryTable: Value {
    let fields = memberNames.compactMap { name -> Record.Field? in
      guard let value = member(name) else { return nil }
      if case .none = value { return nil }
      return Record.Field(name, value)
    }
    return .record(Record(typeName: typeName, fields: fields, unlisted: unlistedMembers))
  }

  public var plainText: String { heading + "\n" + summaryTable.plainText }

  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    summaryRendering(cancellation: cancellation)
  }

  /// The heading and members as HTML, then `extraHTML` (a table of rows), then the figure
  /// inline; and the figure as PNG, drawn while `cancellation` (the host's stop flag) is clear.
  public func summaryRendering(extraHTML: String = "", cancellation: CancellationFlag?) -> Rendering {
    let heading = "<p>" + escaped(self.heading) + "</p>"
    let html = heading + (summaryTable.representations["text/html"] ?? "") + extraHTML
    guard let figure else { return Rendering(data: ["text/html": html]) }
    return FigureValue.htmlRendering(html, above: figure, cancellation: cancellation)
  }

  public var metadata: [String: [String: Int]] {
    guard let figure else { return [:] }
    let (w, h) = figure.pixelSize()
    return ["image/png": ["width": w, "height": h]]
  }

  private func escaped(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
