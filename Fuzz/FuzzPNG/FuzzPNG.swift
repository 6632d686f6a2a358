import _TestSupport

/// libFuzzer entry: the input is a PNG file; decoding must give an image or an error.

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  if let image = try? PNGDecoder.decode(Array(UnsafeBufferPointer(start: data, count: size))) {
    _ = image.pixel(x: 0, y: 0)
  }
  return 0
}
