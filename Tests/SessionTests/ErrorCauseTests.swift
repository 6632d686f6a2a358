import Foundation
import Session
import Testing

/// Errors name the real cause (issue 11, item 10), for the builtins in the packs.
@Suite struct ErrorCauseTests {
  private func failure(_ cells: [String]) throws -> ExecutionError? {
    let session = Session()
    for cell in cells.dropLast() { _ = try session.execute(cell, output: RecordingSink()) }
    do {
      _ = try session.execute(cells.last!, output: RecordingSink())
      return nil
    } catch {
      return error
    }
  }

  @Test func saveIntoAMissingFolderSaysTheFolderIsMissing() throws {
    let folder = NSTemporaryDirectory() + "saddle-no-such-folder-\(UInt32.random(in: 0...UInt32.max))"
    let e = try failure(["f(x) = x^2", "save(plot(f, x: -1...1), \"\(folder)/figure.png\")"])
    #expect(e?.message.contains("the folder '\(folder)' does not exist") == true, "\(String(describing: e))")
  }

  @Test func aGradientThatOverflowsIsCalledAnOverflow() throws {
    let e = try failure(["L(w1, w2) = (1 - w1*w2)^2", "grad(L, at: [1e308, 1])"])
    let message = e?.message ?? ""
    #expect(message.contains("overflow"), "\(message)")
    #expect(!message.contains("fractional power"), "\(message)")
  }

  @Test func solveStillSolvesWithItsStopFlag() throws {
    let value = try Session().execute("solve([[2, 0], [0, 4]], [2, 2])", output: RecordingSink())
    #expect(value?.data["text/plain"] == "[  1, 0.5]")
  }
}
