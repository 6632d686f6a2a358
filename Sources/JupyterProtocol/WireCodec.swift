import Foundation
import Synchronization

/// Turns multipart frames into messages and back:
/// `[ids…] <IDS|MSG> hmac header parent metadata content [buffers…]`.
///
/// Incoming: split at the first delimiter, verify the signature over the exact received
/// bytes (never re-serialized), reject replays, then decode the header leniently.
/// Outgoing: build a fresh header (unique msg_id, UTC date), serialize it once and sign
/// those bytes. Safe to share between threads.
public final class WireCodec: Sendable {
  public static let delimiter = Data("<IDS|MSG>".utf8)

  let signer: MessageSigner
  let replays: ReplayGuard
  /// The session id: one per kernel process, so clients notice a restart.
  public let session: String
  private let counter = Atomic<Int>(0)
  private let idPrefix: String
  /// The constant parts of every header, around the counter, msg_type and date.
  private let headerPrefix: [UInt8]
  private let headerMiddle: [UInt8]

  public init(
    signer: MessageSigner, replays: ReplayGuard = ReplayGuard(), session: String = UUID().uuidString.lowercased()
  ) {
    self.signer = signer
    self.replays = replays
    self.session = session
    self.idPrefix = String(session.prefix(8))
    self.headerPrefix = Array(#"{"msg_id":"\#(session)_"#.utf8)
    self.headerMiddle = Array(#"","session":"\#(session)","username":"saddle","date":""#.utf8)
  }

  /// Parses and authenticates one message; throws a `ProtocolError` saying what was wrong.
  public func decode(_ frames: [Data]) throws(ProtocolError) -> IncomingMessage {
    guard let split = frames.firstIndex(of: Self.delimiter) else { throw .missingDelimiter }
    let rest = frames[(split + 1)...]
    guard rest.count >= 5 else { throw .tooFewFrames(rest.count) }
    let parts = Array(rest.prefix(5))
    let signed = Array(parts[1...4])
    if signer.isSigning {
      if parts[0].isEmpty { throw .unsignedMessage }
      guard signer.isValid(signature: parts[0], for: signed) else { throw .invalidSignature }
      guard replays.admit(parts[0]) else { throw .duplicateSignature }
    }
    let header: MessageHeader
    if let flat = MessageHeader(flatJSON: parts[1]) {
      header = flat
    } else {
      do {
        header = try JSONDecoder().decode(MessageHeader.self, from: parts[1])
      } catch {
        throw .badHeader("\(error)")
      }
    }
    guard !header.msgType.isEmpty else { throw .badHeader("empty msg_type") }
    try requireObject(parts[4], msgType: header.msgType)
    return IncomingMessage(
      identities: Array(frames[..<split]), header: header, headerBytes: parts[1], parentBytes: parts[2],
      metadataBytes: parts[3], contentBytes: parts[4], buffers: Array(rest.dropFirst(5)))
  }

  /// The frames for `message`, with a new header and its signature.
  public func encode(_ message: OutgoingMessage) -> [Data] {
    let header = makeHeader(msgType: message.msgType)
    let signed = [header, message.parentBytes, message.metadataBytes, message.contentBytes]
    var frames = message.identities
    if message.channel == .iopub, frames.isEmpty {
      frames.append(Data("kernel.\(idPrefix).\(message.msgType)".utf8))
    }
    frames.append(Self.delimiter)
    frames.append(signer.sign(signed))
    frames.append(contentsOf: signed)
    return frames
  }

  /// A fresh header's JSON bytes: msg_id unique within and across processes, ISO-8601 UTC date.
  public func makeHeader(msgType: String) -> Data {
    let n = counter.add(1, ordering: .relaxed).newValue
    // Written by hand into one buffer: this runs for every message, and every field is plain
    // ASCII we made (the session is a UUID, msg_type a protocol name), so no escaping is
    // needed except for msg_type, which is checked.
    let type = Self.isPlain(msgType) ? msgType : "invalid"
    var bytes: [UInt8] = []
    bytes.reserveCapacity(headerPrefix.count + headerMiddle.count + type.utf8.count + 80)
    bytes.append(contentsOf: headerPrefix)
    ASCIIDigits.append(n, to: &bytes)
    bytes.append(contentsOf: #"","msg_type":""#.utf8)
    bytes.append(contentsOf: type.utf8)
    bytes.append(contentsOf: headerMiddle)
    ISODate.appendNow(to: &bytes)
    bytes.append(contentsOf: #"","version":"\#(protocolVersion)"}"#.utf8)
    return Data(bytes)
  }

  /// Whether `s` needs no JSON escaping (letters, digits, `_`, `-`, `.`).
  static func isPlain(_ s: String) -> Bool {
    s.utf8.allSatisfy { b in
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f || b == 0x2d
        || b == 0x2e
    }
  }

  /// A cheap shape check (`{…}`); the full parse happens once, in the handler that decodes
  /// the content for its type, whose error is answered with an error reply.
  private func requireObject(_ bytes: Data, msgType: String) throws(ProtocolError) {
    let whitespace: Set<UInt8> = [0x20, 0x09, 0x0a, 0x0d]
    let first = bytes.first { !whitespace.contains($0) }
    let last = bytes.last { !whitespace.contains($0) }
    guard first == UInt8(ascii: "{"), last == UInt8(ascii: "}") else {
      throw .badContent(msgType: msgType, detail: "content is not a JSON object")
    }
  }
}

/// ISO-8601 timestamps with microseconds and a `Z` zone, formatted without
/// `ISO8601DateFormatter` (which is not thread-safe and is slow).
public enum ISODate {
  /// The current UTC time, e.g. `2026-01-02T03:04:05.123456Z`.
  public static func now() -> String {
    var bytes: [UInt8] = []
    appendNow(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends the current UTC time's text (as `now()` gives it) to `bytes`.
  public static func appendNow(to bytes: inout [UInt8]) {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    var t = ts.tv_sec
    var parts = tm()
    gmtime_r(&t, &parts)
    let micros = Int(ts.tv_nsec) / 1000
    ASCIIDigits.append(Int(parts.tm_year) + 1900, to: &bytes, width: 4)
    bytes.append(UInt8(ascii: "-"))
    ASCIIDigits.append(Int(parts.tm_mon) + 1, to: &bytes, width: 2)
    bytes.append(UInt8(ascii: "-"))
    ASCIIDigits.append(Int(parts.tm_mday), to: &bytes, width: 2)
    bytes.append(UInt8(ascii: "T"))
    ASCIIDigits.append(Int(parts.tm_hour), to: &bytes, width: 2)
    bytes.append(UInt8(ascii: ":"))
    ASCIIDigits.append(Int(parts.tm_min), to: &bytes, width: 2)
    bytes.append(UInt8(ascii: ":"))
    ASCIIDigits.append(Int(parts.tm_sec), to: &bytes, width: 2)
    bytes.append(UInt8(ascii: "."))
    ASCIIDigits.append(micros, to: &bytes, width: 6)
    bytes.append(UInt8(ascii: "Z"))
  }
}

/// Decimal digits written straight into a byte buffer (no intermediate `String`).
enum ASCIIDigits {
  /// Appends `value` (non-negative) in decimal, left-padded with zeros to `width`.
  static func append(_ value: Int, to bytes: inout [UInt8], width: Int = 1) {
    var v = UInt(max(0, value))
    var count = 1
    var rest = v / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(count, width)))
    var i = bytes.count - 1
    repeat {
      bytes[i] = UInt8(ascii: "0") + UInt8(v % 10)
      v /= 10
      i -= 1
    } while v > 0
  }
}
