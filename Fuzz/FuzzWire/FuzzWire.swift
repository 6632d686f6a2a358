import Foundation
import JupyterProtocol

/// libFuzzer entry: the input split at 0xFF bytes is a multipart message; it goes through
/// an unsigned codec (header and content parsing) and a signing one (signature checks), and
/// each frame through `FlatJSONReader`. Any outcome but a trap is fine.
private let unsigned = WireCodec(signer: try! MessageSigner(key: ""))
private let signed = WireCodec(signer: try! MessageSigner(key: "fuzz-key"))

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let frames = bytes.split(separator: 0xFF, omittingEmptySubsequences: false).map { Data($0) }
  for frame in frames { _ = FlatJSONReader.members(frame) }
  _ = try? unsigned.decode(frames)
  _ = try? signed.decode(frames)
  return 0
}
