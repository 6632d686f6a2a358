/// Reply and IOPub contents the kernel writes. Each is a plain Codable struct whose
/// CodingKeys give the protocol's snake_case names, so a typo is a compile error.

/// `status` on IOPub.
public struct StatusContent: Codable, Sendable, Equatable {
  public var executionState: String
  enum CodingKeys: String, CodingKey { case executionState = "execution_state" }
  public init(_ state: String) { executionState = state }
}

/// `language_info` inside kernel_info_reply.
public struct LanguageInfo: Codable, Sendable, Equatable {
  public var name: String
  public var version: String
  public var mimetype: String
  public var fileExtension: String
  public var pygmentsLexer: String
  public var codemirrorMode: String

  enum CodingKeys: String, CodingKey {
    case name, version, mimetype
    case fileExtension = "file_extension"
    case pygmentsLexer = "pygments_lexer"
    case codemirrorMode = "codemirror_mode"
  }

  public init(
    name: String, version: String, mimetype: String, fileExtension: String, pygmentsLexer: String,
    codemirrorMode: String
  ) {
    self.name = name
    self.version = version
    self.mimetype = mimetype
    self.fileExtension = fileExtension
    self.pygmentsLexer = pygmentsLexer
    self.codemirrorMode = codemirrorMode
  }
}

/// `kernel_info_reply`.
public struct KernelInfoReply: Codable, Sendable, Equatable {
  public var status = "ok"
  public var protocolVersion = JupyterProtocol.protocolVersion
  public var implementation: String
  public var implementationVersion: String
  public var languageInfo: LanguageInfo
  public var banner: String
  public var helpLinks: [[String: String]] = []
  public var debugger = false

  enum CodingKeys: String, CodingKey {
    case status, implementation, banner, debugger
    case protocolVersion = "protocol_version"
    case implementationVersion = "implementation_version"
    case languageInfo = "language_info"
    case helpLinks = "help_links"
  }

  public init(implementation: String, implementationVersion: String, languageInfo: LanguageInfo, banner: String) {
    self.implementation = implementation
    self.implementationVersion = implementationVersion
    self.languageInfo = languageInfo
    self.banner = banner
  }
}

/// `execute_input` on IOPub.
public struct ExecuteInput: Codable, Sendable, Equatable {
  public var code: String
  public var executionCount: Int
  enum CodingKeys: String, CodingKey {
    case code
    case executionCount = "execution_count"
  }
  public init(code: String, executionCount: Int) {
    self.code = code
    self.executionCount = executionCount
  }
}

/// `stream` on IOPub.
public struct StreamContent: Codable, Sendable, Equatable {
  public var name: String
  public var text: String
  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}

/// `display_data`, `update_display_data` and `execute_result` (which adds the count).
public struct DisplayContent: Codable, Sendable, Equatable {
  public var data: [String: String]
  public var metadata: [String: JSONValue]
  public var transient: [String: String]?
  public var executionCount: Int?

  enum CodingKeys: String, CodingKey {
    case data, metadata, transient
    case executionCount = "execution_count"
  }

  public init(
    data: [String: String], metadata: [String: JSONValue], transient: [String: String]? = nil,
    executionCount: Int? = nil
  ) {
    self.data = data
    self.metadata = metadata
    self.transient = transient
    self.executionCount = executionCount
  }
}

/// `clear_output` on IOPub.
public struct ClearOutputContent: Codable, Sendable, Equatable {
  public var wait: Bool
  public init(wait: Bool) { self.wait = wait }
}

/// `error` on IOPub, and the error fields of any reply with status "error".
public struct ErrorContent: Codable, Sendable, Equatable {
  public var status: String?
  public var ename: String
  public var evalue: String
  public var traceback: [String]
  public var executionCount: Int?

  enum CodingKeys: String, CodingKey {
    case status, ename, evalue, traceback
    case executionCount = "execution_count"
  }

  public init(ename: String, evalue: String, traceback: [String], status: String? = nil, executionCount: Int? = nil) {
    self.ename = ename
    self.evalue = evalue
    self.traceback = traceback
    self.status = status
    self.executionCount = executionCount
  }
}

/// `execute_reply` with status "ok"; `payload` carries pager pages.
public struct ExecuteOkReply: Codable, Sendable, Equatable {
  public var status = "ok"
  public var executionCount: Int
  public var payload: [JSONValue]
  public var userExpressions: [String: JSONValue]

  enum CodingKeys: String, CodingKey {
    case status, payload
    case executionCount = "execution_count"
    case userExpressions = "user_expressions"
  }

  public init(executionCount: Int, payload: [JSONValue], userExpressions: [String: JSONValue]) {
    self.executionCount = executionCount
    self.payload = payload
    self.userExpressions = userExpressions
  }
}

/// `complete_reply`: `cursor_start`/`cursor_end` in code points.
public struct CompleteReply: Codable, Sendable, Equatable {
  public var status = "ok"
  public var matches: [String]
  public var cursorStart: Int
  public var cursorEnd: Int
  public var metadata: [String: JSONValue] = [:]

  enum CodingKeys: String, CodingKey {
    case status, matches, metadata
    case cursorStart = "cursor_start"
    case cursorEnd = "cursor_end"
  }

  public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
    self.matches = matches
    self.cursorStart = cursorStart
    self.cursorEnd = cursorEnd
  }
}

/// `inspect_reply`.
public struct InspectReply: Codable, Sendable, Equatable {
  public var status = "ok"
  public var found: Bool
  public var data: [String: String]
  public var metadata: [String: JSONValue] = [:]
  public init(found: Bool, data: [String: String]) {
    self.found = found
    self.data = data
  }
}

/// `is_complete_reply`; `indent` only when incomplete.
public struct IsCompleteReply: Codable, Sendable, Equatable {
  public var status: String
  public var indent: String?
  public init(status: String, indent: String? = nil) {
    self.status = status
    self.indent = indent
  }
}

/// `history_reply`: entries are `[session, line, input]` or `[session, line, [input, output]]`.
public struct HistoryReply: Codable, Sendable, Equatable {
  public var status = "ok"
  public var history: [JSONValue]
  public init(history: [JSONValue]) { self.history = history }
}

/// `comm_info_reply`: this kernel has no comm targets, so `comms` is always empty.
public struct CommInfoReply: Codable, Sendable, Equatable {
  public var status = "ok"
  public var comms: [String: JSONValue] = [:]
  public init() {}
}

/// `comm_close` on IOPub, answering a `comm_open` for an unknown target.
public struct CommClose: Codable, Sendable, Equatable {
  public var commID: String
  public var data: [String: JSONValue] = [:]
  enum CodingKeys: String, CodingKey {
    case data
    case commID = "comm_id"
  }
  public init(commID: String) { self.commID = commID }
}

/// `shutdown_reply`.
public struct ShutdownReply: Codable, Sendable, Equatable {
  public var status = "ok"
  public var restart: Bool
  public init(restart: Bool) { self.restart = restart }
}

/// A reply carrying only a status: `interrupt_reply`, and abort replies (`"aborted"`).
public struct StatusReply: Codable, Sendable, Equatable {
  public var status: String
  public init(status: String) { self.status = status }
}

/// `input_request` on stdin.
public struct InputRequest: Codable, Sendable, Equatable {
  public var prompt: String
  public var password: Bool
  public init(prompt: String, password: Bool) {
    self.prompt = prompt
    self.password = password
  }
}
