// The session speaks the kernel's vocabulary: `OutputSink`, `StreamName`, `MimeBundle`,
// `ExecutionError`, `Completion` and `Completeness` are JupyterKernel's types, re-exported so
// that every file here and every client of the session (`saddle run`, the REPL, tests) names
// them without importing the kernel (see the README for why one vocabulary).
@_exported import JupyterKernel
import Language
import MathCore

/// The bundle a cell's value is shown with.
extension MimeBundle {
  /// The bundle a value describes itself with: its representations and their metadata (a
  /// representation that could not be made is named in `text/plain`, see
  /// `Value.rendering(cancellation:)`). `cancellation` is the session's stop flag, which the
  /// value's drawing polls.
  init(value: Value, cancellation: CancellationFlag?) {
    self.init(value.rendering(cancellation: cancellation), metadata: value.displayMetadata)
  }

  init(_ rendering: Rendering, metadata: [String: [String: Int]]) {
    self.init(data: rendering.data, metadata: metadata)
  }
}
