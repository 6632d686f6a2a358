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
  private let keys: KeyTemplates

  /// Creates a signer from the connection file's `key` (its UTF-8 bytes, not hex-decoded)
  /// and `signature_scheme`; throws for schemes other than hmac-sha256/hmac-sha512.
  public init(key: String, scheme: String = "hmac-sha256") throws(ProtocolError) {
    self.keys = KeyTemplates(SymmetricKey(data: Data(key.utf8)))
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
    case .sha256: return hex(mac(keys.sha256, frames))
    case .sha512: return hex(mac(keys.sha512, frames))
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

  /// Continues a copy of the keyed template (HMAC is a value type, so copies are independent).
  private func mac<H: HashFunction>(_ template: HMAC<H>, _ frames: [Data]) -> HMAC<H>.MAC {
    var hmac = template
    for frame in frames { hmac.update(data: frame) }
    return hmac.finalize()
  }

  private func hex<M: MessageAuthenticationCode>(_ mac: M) -> Data {
    let digits: StaticString = "0123456789abcdef"
    return mac.withUnsafeBytes { bytes in
      let text = [UInt8](unsafeUninitializedCapacity: bytes.count * 2) { out, initialized in
        digits.withUTF8Buffer { d in
          for (i, b) in bytes.enumerated() {
            out[2 * i] = d[Int(b >> 4)]
            out[2 * i + 1] = d[Int(b & 0x0f)]
          }
        }
        initialized = bytes.count * 2
      }
      return Data(text)
    }
  }
}

/// HMAC states with the key already absorbed, made once per signer.
///
/// Keying an HMAC hashes the padded key; doing it once instead of per message saves two
/// hash blocks and an allocation per signature. The templates are never mutated (each
/// signature works on a copy), so sharing them between threads is safe.
private final class KeyTemplates: @unchecked Sendable {
  let sha256: HMAC<SHA256>
  let sha512: HMAC<SHA512>

  init(_ key: SymmetricKey) {
    sha256 = HMAC<SHA256>(key: key)
    sha512 = HMAC<SHA512>(key: key)
  }
}
