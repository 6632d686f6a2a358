import Language

/// libFuzzer entry: the input as UTF-8 (invalid sequences repaired) is a cell; parsing must
/// return a tree and diagnostics, and rendering each diagnostic must not trap.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let cell = Parser.parse(source)
  for diagnostic in cell.diagnostics { _ = diagnostic.render(source: source) }
  _ = Runtime.readiness(source)
  return 0
}
