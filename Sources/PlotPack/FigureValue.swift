import Foundation
import Language
import MathCore
import Plot
import Raster

/// A figure as a value of the language: shown as a PNG rendered at 2× (sharp on HiDPI
/// screens) with its 1× size in the metadata, plus a text line naming it.
public struct FigureValue: CustomValue {
  public let figure: Figure

  public init(_ figure: Figure) { self.figure = figure }

  public var typeName: String { "figure" }

  /// `<figure 640×480: surface of L>`.
  public var plainText: String {
    let (w, h) = figure.pixelSize()
    return "<figure \(w)×\(h): \(figure.name)>"
  }

  /// The PNG, or why it could not be drawn; the host's stop flag is polled while it is drawn
  /// (figures of 10⁶ points take a moment), and an interrupted drawing is no failure: the
  /// PNG is left out and the cell fails with Interrupted instead.
  public func rendered(cancellation: CancellationFlag?) -> Rendering {
    FigureValue.pngRendering(of: figure, what: "the figure", cancellation: cancellation)
  }

  /// `figure` as a base64 PNG at 2×, or the reason it could not be drawn, naming it `what`;
  /// nothing (and no reason) when `cancellation` is set before the drawing ends.
  public static func pngRendering(of figure: Figure, what: String, cancellation: CancellationFlag?) -> Rendering {
    do {
      let png = try figure.png(scale: 2) { cancellation?.isSet ?? false }
      return Rendering(data: ["image/png": Data(png).base64EncodedString()])
    } catch RasterError.cancelled {
      return Rendering(data: [:])
    } catch {
      return Rendering(data: [:], failures: ["\(what) could not be drawn: \(error)"])
    }
  }

  public var metadata: [String: [String: Int]] {
    let (w, h) = figure.pixelSize()
    return ["image/png": ["width": w, "height": h]]
  }

  public var memberNames: [String] { ["width", "height", "title"] }

  public func member(_ name: String) -> Value? {
    let (w, h) = figure.pixelSize()
    switch name {
    case "width": return .number(Double(w))
    case "height": return .number(Double(h))
    case "title": return .string(figure.main.title)
    default: return nil
    }
  }
}
