import Foundation
import Language
import MathCore
import Plot
import Raster

/// A figure as a value of the language: shown as a PNG rendered at 2× (sharp on HiDPI
/// screens) with its 1× size in the metadata, plus a text line naming it.
public struct FigureValue: CustomValue {
  public let figure: Figure
  /// The session's stop flag, polled while the PNG is drawn (figures of 10⁶ points take a
  /// moment); an interrupted drawing leaves the PNG out and the cell fails with Interrupted.
  let cancellation: CancellationFlag?

  public init(_ figure: Figure, cancellation: CancellationFlag? = nil) {
    (self.figure, self.cancellation) = (figure, cancellation)
  }

  public var typeName: String { "figure" }

  /// `<figure 640×480: surface of L>`.
  public var plainText: String {
    let (w, h) = figure.pixelSize()
    return "<figure \(w)×\(h): \(figure.name)>"
  }

  public var representations: [String: String] { rendered().data }

  /// The PNG, or why it could not be drawn (an interrupted drawing is no failure: the cell
  /// fails with Interrupted instead).
  public func rendered() -> Rendering {
    let flag = cancellation
    return FigureValue.pngRendering(of: figure, what: "the figure") { flag?.isSet ?? false }
  }

  /// `figure` as a base64 PNG at 2×, or the reason it could not be drawn, naming it `what`.
  public static func pngRendering(of figure: Figure, what: String, isCancelled: @escaping () -> Bool = { false })
    -> Rendering
  {
    do {
      let png = try figure.png(scale: 2, isCancelled: isCancelled)
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
