import Foundation
import Session
import Testing

/// The deepest cells the language allows run fine even when the caller's thread has a
/// small (512 KiB) stack, as a kernel worker thread may: Session moves the work to a
/// thread with a large stack.
@Test func deepestLegalCellsRunFromASmallStackThread() {
  let cells = [
    "loop(g) = g(g)\nloop(loop)",
    String(repeating: "(", count: 199) + "1" + String(repeating: ")", count: 199),
    Array(repeating: "1", count: 290).joined(separator: " + "),
    "f(x) = " + Array(repeating: "x", count: 290).joined(separator: " * ") + "\nf([1, 2])",
    String(repeating: "-", count: 199) + "1",
    String(repeating: "[", count: 199) + "1" + String(repeating: "]", count: 199),
  ]
  let done = DispatchSemaphore(value: 0)
  nonisolated(unsafe) var outcomes: [String] = []
  let thread = Thread {
    let session = Session()
    for cell in cells {
      do throws(ExecutionError) {
        _ = try session.execute(cell, output: RecordingSink())
        outcomes.append("ok")
      } catch {
        outcomes.append(error.name)
      }
      _ = session.isComplete(cell)
      _ = session.complete(cell, cursor: cell.unicodeScalars.count)
      _ = session.inspect(cell, cursor: 3, detailLevel: 0)
    }
    done.signal()
  }
  thread.stackSize = 512 * 1024
  thread.start()
  done.wait()
  #expect(outcomes == ["ValueError", "ok", "ok", "ok", "ok", "TypeError"])
}
