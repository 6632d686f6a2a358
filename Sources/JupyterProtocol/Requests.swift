/// Request contents the kernel reads, decoded with the spec's defaults so that a
/// client omitting an optional field gets the documented behaviour; unknown keys are ignored.

/// `execute_request`: run a cell.
public struct ExecuteRequest: Sendable, Equatable, Decodable {
  public var code: String
  public var silent: Bool
  public var storeHistory: Bool
  public var userExpressions: [String: String]
  public var allowStdin: Bool
  public var stopOnError: Bool

  enum CodingKeys: String, CodingKey {
    case code, silent
    case storeHistory = "store_history"
    case userExpressions = "user_expressions"
    case allowStdin = "allow_stdin"
    case stopOnError = "stop_on_error"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    code = try c.decode(String.self, forKey: .code)
    silent = try c.decodeIfPresent(Bool.self, forKey: .silent) ?? false
    // store_history is forced off for silent requests.
    let requested = try c.decodeIfPresent(Bool.self, forKey: .storeHistory) ?? true
    storeHistory = !silent && requested
    userExpressions = try c.decodeIfPresent([String: String].self, forKey: .userExpressions) ?? [:]
    allowStdin = try c.decodeIfPresent(Bool.self, forKey: .allowStdin) ?? true
    stopOnError = try c.decodeIfPresent(Bool.self, forKey: .stopOnError) ?? true
  }

  /// A request with the spec's rule applied: `store_history` is forced off for silent requests.
  public init(
    code: String, silent: Bool = false, storeHistory: Bool = true, userExpressions: [String: String] = [:],
    allowStdin: Bool = true, stopOnError: Bool = true
  ) {
    self.code = code
    self.silent = silent
    self.storeHistory = !silent && storeHistory
    self.userExpressions = userExpressions
    self.allowStdin = allowStdin
    self.stopOnError = stopOnError
  }
}

/// `complete_request`: `cursor_pos` counts Unicode code points; it defaults to the end of `code`.
public struct CompleteRequest: Sendable, Equatable, Decodable {
  public var code: String
  public var cursorPos: Int

  enum CodingKeys: String, CodingKey {
    case code
    case cursorPos = "cursor_pos"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    code = try c.decode(String.self, forKey: .code)
    cursorPos = try c.decodeIfPresent(Int.self, forKey: .cursorPos) ?? code.unicodeScalars.count
  }
}

/// `inspect_request`: help for the name at `cursor_pos` (code points).
public struct InspectRequest: Sendable, Equatable, Decodable {
  public var code: String
  public var cursorPos: Int
  public var detailLevel: Int

  enum CodingKeys: String, CodingKey {
    case code
    case cursorPos = "cursor_pos"
    case detailLevel = "detail_level"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    code = try c.decode(String.self, forKey: .code)
    cursorPos = try c.decodeIfPresent(Int.self, forKey: .cursorPos) ?? code.unicodeScalars.count
    detailLevel = try c.decodeIfPresent(Int.self, forKey: .detailLevel) ?? 0
  }
}

/// `is_complete_request`.
public struct IsCompleteRequest: Sendable, Equatable, Decodable {
  public var code: String
}

/// `history_request`: one of three access types with their own parameters.
public struct HistoryRequest: Sendable, Equatable, Decodable {
  public var output: Bool
  public var raw: Bool
  public var histAccessType: String
  public var session: Int
  public var start: Int
  public var stop: Int?
  public var n: Int?
  public var pattern: String
  public var unique: Bool

  enum CodingKeys: String, CodingKey {
    case output, raw, session, start, stop, n, pattern, unique
    case histAccessType = "hist_access_type"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    output = try c.decodeIfPresent(Bool.self, forKey: .output) ?? false
    raw = try c.decodeIfPresent(Bool.self, forKey: .raw) ?? true
    histAccessType = try c.decodeIfPresent(String.self, forKey: .histAccessType) ?? "tail"
    session = try c.decodeIfPresent(Int.self, forKey: .session) ?? 0
    start = try c.decodeIfPresent(Int.self, forKey: .start) ?? 0
    stop = try c.decodeIfPresent(Int.self, forKey: .stop)
    n = try c.decodeIfPresent(Int.self, forKey: .n)
    pattern = try c.decodeIfPresent(String.self, forKey: .pattern) ?? "*"
    unique = try c.decodeIfPresent(Bool.self, forKey: .unique) ?? false
  }
}

/// `comm_open`: a frontend asks for a comm with a target the kernel may not have.
public struct CommOpen: Sendable, Equatable, Decodable {
  public var commID: String
  public var targetName: String

  enum CodingKeys: String, CodingKey {
    case commID = "comm_id"
    case targetName = "target_name"
  }
}

/// `shutdown_request`.
public struct ShutdownRequest: Sendable, Equatable, Decodable {
  public var restart: Bool

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    restart = try c.decodeIfPresent(Bool.self, forKey: .restart) ?? false
  }

  enum CodingKeys: String, CodingKey { case restart }
}

/// `input_reply` on stdin.
public struct InputReply: Sendable, Equatable, Decodable {
  public var value: String
}
