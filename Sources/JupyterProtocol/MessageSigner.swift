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
    self.keys = KeyTemplates(Array(key.utf8))
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
    case .sha256: return keys.sha256.authenticate(frames) { Self.hex($0) }
    case .sha512: return keys.sha512.authenticate(frames) { Self.hex($0) }
    }
  }

  /// Whether `signature` is the digest of `frames`, compared in constant time.
  public func isValid(signature: Data, for frames: [Data]) -> Bool {
    switch scheme {
    case .none: return signature.isEmpty
    case .sha256: return keys.sha256.authenticate(frames) { Self.matches(signature, hexOf: $0) }
    case .sha512: return keys.sha512.authenticate(frames) { Self.matches(signature, hexOf: $0) }
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func hex(_ digest: UnsafeRawBufferPointer) -> Data {
    var text = Data(count: digest.count * 2)
    text.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
      for (i, b) in digest.enumerated() {
        out[2 * i] = hexDigits[Int(b >> 4)]
        out[2 * i + 1] = hexDigits[Int(b & 0x0f)]
      }
    }
    return text
  }

  /// Whether `signature` is the lowercase hex of `digest`; every byte is compared, whatever differs.
  private static func matches(_ signature: Data, hexOf digest: UnsafeRawBufferPointer) -> Bool {
    guard signature.count == digest.count * 2 else { return false }
    return signature.withUnsafeBytes { (sig: UnsafeRawBufferPointer) -> Bool in
      var difference: UInt8 = 0
      for (i, b) in digest.enumerated() {
        difference |= sig[2 * i] ^ hexDigits[Int(b >> 4)]
        difference |= sig[2 * i + 1] ^ hexDigits[Int(b & 0x0f)]
      }
      return difference == 0
    }
  }
}

/// HMAC states with the key already absorbed, made once per signer.
///
/// HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) (RFC 2104). The two keyed hash states are
/// computed once and copied per message, which saves two hash blocks per signature; and the
/// frames go to the hash's concrete `update(bufferPointer:)`, not swift-crypto's generic
/// `HMAC.update(data:)`, whose unspecialized `DataProtocol` path cost more than the hashing.
/// The templates are never mutated (each signature works on copies), so sharing them between
/// threads is safe.
private final class KeyTemplates: @unchecked Sendable {
  let sha256: KeyedHash<SHA256>
  let sha512: KeyedHash<SHA512>

  init(_ key: [UInt8]) {
    sha256 = KeyedHash(key: key)
    sha512 = KeyedHash(key: key)
  }
}

/// One hash function's keyed inner and outer HMAC states.
private struct KeyedHash<H: HashFunction> {
  let inner: H
  let outer: H

  init(key: [UInt8]) {
    var block = key.count > H.blockByteCount ? Array(H.hash(data: key)) : key
    block += Array(repeating: 0, count: H.blockByteCount - block.count)
    var inner = H()
    block.map { $0 ^ 0x36 }.withUnsafeBytes { inner.update(bufferPointer: $0) }
    var outer = H()
    block.map { $0 ^ 0x5c }.withUnsafeBytes { outer.update(bufferPointer: $0) }
    self.inner = inner
    self.outer = outer
  }

  /// The HMAC of the frames' bytes in order, handed to `body` as raw bytes.
  func authenticate<R>(_ frames: [Data], _ body: (UnsafeRawBufferPointer) -> R) -> R {
    var hash = inner
    for frame in frames { frame.withUnsafeBytes { hash.update(bufferPointer: $0) } }
    let innerDigest = hash.finalize()
    var final = outer
    innerDigest.withUnsafeBytes { final.update(bufferPointer: $0) }
    return final.finalize().withUnsafeBytes(body)
  }
}
