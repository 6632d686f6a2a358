import Crypto
import Foundation

/// Computes and checks the HMAC of a message's four JSON frames.
///
/// The digest covers the exact bytes of header, parent, metadata and content in that
/// order (never the buffers), as lowercase hex. An empty key means "no signing": the
/// signature frame is empty and incoming signatures are not checked. The key object is
/// immutable, so one signer may be shared by all threads.
public struct MessageSigner: Sendable {
  enum Scheme: Sendable { case none, sha256, sha512 }
  let scheme: Scheme
  /// The key bytes; a `SymmetricKey` is made per call because it is not Sendable.
  let keyBytes: [UInt8]

  /// Creates a signer from the connection file's `key` (its UTF-8 bytes, not hex-decoded)
  /// and `signature_scheme`; throws for schemes other than hmac-sha256/hmac-sha512.
  public init(key: String, scheme: String = "hmac-sha256") throws(ProtocolError) {
    self.keyBytes = Array(key.utf8)
    if key.isEmpty {
      self.scheme = .none
    } else {
      switch scheme {
      case "hmac-sha256": self.scheme = .sha256
      case "hmac-sha512": self.scheme = .sha512
      default: throw .unsupportedSignatureScheme(scheme)
      }
    }
  }

  /// Whether messages are signed and checked at all.
  public var isSigning: Bool { scheme != .none }

  /// The lowercase hex digest of the four frames, or empty bytes without a key.
  public func sign(_ frames: [Data]) -> Data {
    switch scheme {
    case .none: return Data()
    case .sha256: return hex(mac(HMAC<SHA256>.self, frames))
    case .sha512: return hex(mac(HMAC<SHA512>.self, frames))
    }
  }

  /// Whether `signature` is the digest of `frames`, compared in constant time.
  public func isValid(signature: Data, for frames: [Data]) -> Bool {
    let expected = sign(frames)
    guard expected.count == signature.count else { return false }
    var difference: UInt8 = 0
    for (a, b) in zip(expected, signature) { difference |= a ^ b }
    return difference == 0
  }

  private func mac<H: HashFunction>(_: HMAC<H>.Type, _ frames: [Data]) -> [UInt8] {
    var hmac = HMAC<H>(key: SymmetricKey(data: keyBytes))
    for frame in frames { hmac.update(data: frame) }
    return Array(hmac.finalize())
  }

  private func hex(_ bytes: [UInt8]) -> Data {
    let digits = Array("0123456789abcdef".utf8)
    var out = Data(capacity: bytes.count * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0x0f)])
    }
    return out
  }
}
