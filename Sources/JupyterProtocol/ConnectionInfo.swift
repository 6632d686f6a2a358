import Foundation

/// The connection file a Jupyter client writes before launching the kernel.
///
/// Decoded leniently (unknown keys are ignored; ports may be 0, meaning "pick one").
/// `endpoint(for:)` builds the exact bind address: `tcp://ip:port` or `ipc://ip-port`.
public struct ConnectionInfo: Sendable, Equatable, Codable {
  public var transport: String
  public var ip: String
  public var shellPort: Int
  public var controlPort: Int
  public var stdinPort: Int
  public var iopubPort: Int
  public var hbPort: Int
  public var key: String
  public var signatureScheme: String

  enum CodingKeys: String, CodingKey {
    case transport, ip, key
    case shellPort = "shell_port"
    case controlPort = "control_port"
    case stdinPort = "stdin_port"
    case iopubPort = "iopub_port"
    case hbPort = "hb_port"
    case signatureScheme = "signature_scheme"
  }

  public init(
    transport: String = "tcp", ip: String = "127.0.0.1", shellPort: Int, controlPort: Int, stdinPort: Int,
    iopubPort: Int, hbPort: Int, key: String, signatureScheme: String = "hmac-sha256"
  ) {
    self.transport = transport
    self.ip = ip
    self.shellPort = shellPort
    self.controlPort = controlPort
    self.stdinPort = stdinPort
    self.iopubPort = iopubPort
    self.hbPort = hbPort
    self.key = key
    self.signatureScheme = signatureScheme
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    transport = try c.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
    ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? "127.0.0.1"
    shellPort = try c.decodeIfPresent(Int.self, forKey: .shellPort) ?? 0
    controlPort = try c.decodeIfPresent(Int.self, forKey: .controlPort) ?? 0
    stdinPort = try c.decodeIfPresent(Int.self, forKey: .stdinPort) ?? 0
    iopubPort = try c.decodeIfPresent(Int.self, forKey: .iopubPort) ?? 0
    hbPort = try c.decodeIfPresent(Int.self, forKey: .hbPort) ?? 0
    key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
    signatureScheme = try c.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
  }

  /// Reads and validates the file at `path`; errors name the file and the problem.
  public static func load(path: String) throws(ProtocolError) -> ConnectionInfo {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .badConnectionFile(path: path, detail: "cannot read the file")
    }
    let info: ConnectionInfo
    do {
      info = try JSONDecoder().decode(ConnectionInfo.self, from: data)
    } catch {
      throw .badConnectionFile(path: path, detail: "not a valid connection file: \(error)")
    }
    try info.validate(path: path)
    return info
  }

  /// Checks the transport, ports and signature scheme.
  public func validate(path: String) throws(ProtocolError) {
    guard transport == "tcp" || transport == "ipc" else {
      throw .badConnectionFile(path: path, detail: "transport '\(transport)' is not tcp or ipc")
    }
    for (name, port) in ports where !(0...65535).contains(port) {
      throw .badConnectionFile(path: path, detail: "\(name) \(port) is out of range")
    }
    _ = try MessageSigner(key: key, scheme: signatureScheme)
  }

  /// The ports by channel name, in the order sockets are bound.
  public var ports: [(String, Int)] {
    [
      ("shell_port", shellPort), ("control_port", controlPort), ("stdin_port", stdinPort),
      ("iopub_port", iopubPort), ("hb_port", hbPort),
    ]
  }

  /// The ZeroMQ endpoint for `port` on this file's transport and address.
  public func endpoint(port: Int) -> String {
    transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
  }
}
