import Foundation
import Language
import MathCore
import Plot

extension FigureValue {
  /// `html` with `figure` inline under it (an `<img>` at the figure's 1× size) and the figure
  /// as `image/png`: how a summary with a picture (a training history, a study, a data set)
  /// shows itself, in one place for every pack. `cancellation` is the host's stop flag,
  /// polled while the figure is drawn; a drawing that is stopped leaves the HTML without its
  /// picture, and one that fails says why, as `pngRendering` does.
  public static func htmlRendering(_ html: String, above figure: Figure, cancellation: CancellationFlag?)
    -> Rendering
  {
    let drawn = pngRendering(of: figure, what: "the figure", cancellation: cancellation)
    guard let base64 = drawn.data["image/png"] else {
      return Rendering(data: ["text/html": html], failures: drawn.failures)
    }
    let (w, h) = figure.pixelSize()
    let image = "<img width=\"\(w)\" height=\"\(h)\" src=\"data:image/png;base64,\(base64)\"/>"
    return Rendering(data: ["text/html": html + image, "image/png": base64])
  }
}
