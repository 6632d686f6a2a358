import Foundation

/// The protocol version written into every header and into kernel_info_reply.
///
/// 5.3 is what ipykernel reports; any version ≥ 5.2 also makes the conformance
/// suite's validator tolerate extra keys.
public let protocolVersion = "5.3"

/// A message header as received: only `msg_id` and `msg_type` are required, because
/// old frontends omit `date` and some send extra keys (`subshell_id`), which are ignored.
public struct MessageHeader: Sendable, Equatable, Codable {
  public var msgID: String
  public var msgType: String
  public var session: String?
  public var username: String?
  public var date: String?
  public var version: String?

  enum CodingKeys: String, CodingKey {
    case msgID = "msg_id"
    case msgType = "msg_type"
    case session, username, date, version
  }

  public init(
    msgID: String, msgType: String, session: String? = nil, username: String? = nil, date: String? = nil,
    version: String? = nil
  ) {
    self.msgID = msgID
    self.msgType = msgType
    self.session = session
    self.username = username
    self.date = date
    self.version = version
  }
}

/// The five message channels of a kernel.
public enum Channel: String, Sendable, CaseIterable {
  case shell, control, stdin, iopub
}

/// A message that arrived on a socket and passed signature checks.
///
/// The header, parent, metadata and content frames are kept as the exact bytes
/// received: the header is echoed verbatim as the `parent_header` of every reply
/// and side effect, and content is decoded lazily by the handler for its type.
public struct IncomingMessage: Sendable {
  /// The ROUTER routing prefix, used to address the reply to the same peer.
  public var identities: [Data]
  public var header: MessageHeader
  public var headerBytes: Data
  public var parentBytes: Data
  public var metadataBytes: Data
  public var contentBytes: Data
  public var buffers: [Data]

  public init(
    identities: [Data], header: MessageHeader, headerBytes: Data, parentBytes: Data = Data("{}".utf8),
    metadataBytes: Data = Data("{}".utf8), contentBytes: Data, buffers: [Data] = []
  ) {
    self.identities = identities
    self.header = header
    self.headerBytes = headerBytes
    self.parentBytes = parentBytes
    self.metadataBytes = metadataBytes
    self.contentBytes = contentBytes
    self.buffers = buffers
  }

  /// Decodes the content as `T`, with an error naming the message type when fields are missing.
  public func decodeContent<T: Decodable>(_ type: T.Type) throws(ProtocolError) -> T {
    if let flat = T.self as? any FlatJSONDecodable.Type, let value = flat.init(flatJSON: contentBytes) as? T {
      return value
    }
    do {
      return try JSONDecoder().decode(T.self, from: contentBytes)
    } catch {
      throw ProtocolError.badContent(msgType: header.msgType, detail: "\(error)")
    }
  }
}

/// A message the kernel wants sent; the wire layer adds the header and signature.
public struct OutgoingMessage: Sendable {
  public var channel: Channel
  /// Routing prefix for ROUTER channels; empty for IOPub.
  public var identities: [Data]
  public var msgType: String
  /// The parent header bytes (the request's header verbatim), or `{}`.
  public var parentBytes: Data
  public var metadataBytes: Data
  public var contentBytes: Data
  /// Whether this message completes a request (its `idle` status): a transport that batches
  /// IOPub sends may hold earlier messages briefly but must send this one, and all before it, now.
  public var completesRequest: Bool

  public init(
    channel: Channel, identities: [Data] = [], msgType: String, parentBytes: Data = Data("{}".utf8),
    metadataBytes: Data = Data("{}".utf8), contentBytes: Data, completesRequest: Bool = false
  ) {
    self.completesRequest = completesRequest
    self.channel = channel
    self.identities = identities
    self.msgType = msgType
    self.parentBytes = parentBytes
    self.metadataBytes = metadataBytes
    self.contentBytes = contentBytes
  }
}

/// Why a message or file was rejected; every case names what was wrong and where.
public enum ProtocolError: Error, Equatable, CustomStringConvertible {
  case missingDelimiter
  case tooFewFrames(Int)
  case unsignedMessage
  case invalidSignature
  case duplicateSignature
  case badHeader(String)
  case badContent(msgType: String, detail: String)
  case unsupportedSignatureScheme(String)
  case badConnectionFile(path: String, detail: String)

  public var description: String {
    switch self {
    case .missingDelimiter: return "malformed message: no <IDS|MSG> delimiter frame"
    case .tooFewFrames(let n): return "malformed message: \(n) frames after <IDS|MSG>, need at least 5"
    case .unsignedMessage: return "unsigned message rejected (a key is set)"
    case .invalidSignature: return "invalid signature: HMAC does not match"
    case .duplicateSignature: return "duplicate signature: replayed message rejected"
    case .badHeader(let d): return "malformed header: \(d)"
    case .badContent(let t, let d): return "malformed content of \(t): \(d)"
    case .unsupportedSignatureScheme(let s):
      return "unsupported signature_scheme '\(s)': this kernel supports hmac-sha256 and hmac-sha512"
    case .badConnectionFile(let p, let d): return "bad connection file \(p): \(d)"
    }
  }
}
