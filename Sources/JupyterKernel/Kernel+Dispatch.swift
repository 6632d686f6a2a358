import Foundation
import JupyterProtocol

/// Per-channel handler tables and the small handlers (everything except execute).
extension Kernel {
  typealias Handler = @Sendable (Kernel, IncomingMessage, Channel) throws(ProtocolError) -> FollowUp

  /// Requests served on shell, in the execution thread.
  static let shellHandlers: [String: Handler] = [
    "execute_request": { k, m, c throws(ProtocolError) in try k.executeRequest(m, on: c) },
    "kernel_info_request": { k, m, c in k.kernelInfo(m, on: c) },
    "complete_request": { k, m, c throws(ProtocolError) in try k.completeRequest(m, on: c) },
    "inspect_request": { k, m, c throws(ProtocolError) in try k.inspectRequest(m, on: c) },
    "is_complete_request": { k, m, c throws(ProtocolError) in try k.isCompleteRequest(m, on: c) },
    "history_request": { k, m, c throws(ProtocolError) in try k.historyRequest(m, on: c) },
    "comm_info_request": { k, m, c in
      k.reply(m, on: c, "comm_info_reply", CommInfoReply())
      return .none
    },
    "comm_open": { k, m, c throws(ProtocolError) in try k.commOpen(m) },
    "comm_msg": { _, m, _ in ignoreUnknownComm(m) },
    "comm_close": { _, m, _ in ignoreUnknownComm(m) },
    // Deprecated on shell since 5.4, still accepted.
    "shutdown_request": { k, m, c throws(ProtocolError) in try k.shutdownRequest(m, on: c) },
  ]

  /// Requests served on control, in the control thread, even while a cell runs.
  static let controlHandlers: [String: Handler] = [
    "kernel_info_request": { k, m, c in k.kernelInfo(m, on: c) },
    "shutdown_request": { k, m, c throws(ProtocolError) in try k.shutdownRequest(m, on: c) },
    "interrupt_request": { k, m, c in
      k.interrupt()
      k.reply(m, on: c, "interrupt_reply", StatusReply(status: "ok"))
      return .none
    },
    "debug_request": { k, m, c in
      k.reply(
        m, on: c, "debug_reply",
        ErrorContent(
          ename: "NotImplementedError", evalue: "this kernel has no debugger", traceback: [], status: "error"))
      return .none
    },
  ]

  /// Runs the handler for the message's type; unknown types are logged and get only busy/idle,
  /// and a request whose content is malformed gets an error reply naming the problem
  /// (`x_request` → `x_reply` with status "error").
  func dispatch(_ message: IncomingMessage, on channel: Channel) -> FollowUp {
    let table = channel == .control ? Self.controlHandlers : Self.shellHandlers
    guard let handler = table[message.header.msgType] else {
      KernelLog.warning("unknown message type '\(message.header.msgType)' on \(channel.rawValue); ignored")
      return .none
    }
    do {
      return try handler(self, message, channel)
    } catch {
      KernelLog.warning(error.description)
      // Only requests have replies; a malformed comm message is just logged.
      guard message.header.msgType.hasSuffix("_request") else { return .none }
      reply(
        message, on: channel, Self.replyType(for: message.header.msgType),
        ErrorContent(ename: "BadRequest", evalue: error.description, traceback: [error.description], status: "error"))
      return .none
    }
  }

  func kernelInfo(_ m: IncomingMessage, on c: Channel) -> FollowUp {
    let info = KernelInfoReply(
      implementation: implementation, implementationVersion: implementationVersion,
      languageInfo: interpreter.languageInfo, banner: interpreter.banner)
    reply(m, on: c, "kernel_info_reply", info)
    return .none
  }

  func completeRequest(_ m: IncomingMessage, on c: Channel) throws(ProtocolError) -> FollowUp {
    let request = try m.decodeContent(CompleteRequest.self)
    let cursor = clampCursor(request.cursorPos, in: request.code)
    let result = interpreter.complete(request.code, cursor: cursor)
    reply(
      m, on: c, "complete_reply",
      CompleteReply(matches: result.matches, cursorStart: result.cursorStart, cursorEnd: result.cursorEnd))
    return .none
  }

  func inspectRequest(_ m: IncomingMessage, on c: Channel) throws(ProtocolError) -> FollowUp {
    let request = try m.decodeContent(InspectRequest.self)
    let cursor = clampCursor(request.cursorPos, in: request.code)
    let help = interpreter.inspect(request.code, cursor: cursor, detailLevel: request.detailLevel)
    reply(m, on: c, "inspect_reply", InspectReply(found: help != nil, data: help?.data ?? [:]))
    return .none
  }

  func isCompleteRequest(_ m: IncomingMessage, on c: Channel) throws(ProtocolError) -> FollowUp {
    let request = try m.decodeContent(IsCompleteRequest.self)
    let content: IsCompleteReply
    switch interpreter.isComplete(request.code) {
    case .complete: content = IsCompleteReply(status: "complete")
    case .incomplete(let indent): content = IsCompleteReply(status: "incomplete", indent: indent)
    case .invalid: content = IsCompleteReply(status: "invalid")
    case .unknown: content = IsCompleteReply(status: "unknown")
    }
    reply(m, on: c, "is_complete_reply", content)
    return .none
  }

  func historyRequest(_ m: IncomingMessage, on c: Channel) throws(ProtocolError) -> FollowUp {
    let request = try m.decodeContent(HistoryRequest.self)
    let entries = history.select(request)
    reply(m, on: c, "history_reply", HistoryReply(history: History.encode(entries, output: request.output)))
    return .none
  }

  /// This kernel registers no comm targets, so every comm_open is answered by comm_close.
  func commOpen(_ m: IncomingMessage) throws(ProtocolError) -> FollowUp {
    let request = try m.decodeContent(CommOpen.self)
    KernelLog.warning("no comm target '\(request.targetName)'; closing comm \(request.commID)")
    iopub.publish("comm_close", CommClose(commID: request.commID), parent: m.headerBytes)
    return .none
  }

  func shutdownRequest(_ m: IncomingMessage, on c: Channel) throws(ProtocolError) -> FollowUp {
    let request = try m.decodeContent(ShutdownRequest.self)
    reply(m, on: c, "shutdown_reply", ShutdownReply(restart: request.restart))
    iopub.publish("shutdown_reply", ShutdownReply(restart: request.restart), parent: m.headerBytes)
    return .shutdown(restart: request.restart)
  }

  /// Clamps a client's cursor into `0...count` code points, so a bad cursor cannot trap.
  func clampCursor(_ cursor: Int, in code: String) -> Int {
    min(max(0, cursor), code.unicodeScalars.count)
  }
}

/// comm_msg / comm_close for comms this kernel never opened: logged and ignored.
private func ignoreUnknownComm(_ m: IncomingMessage) -> Kernel.FollowUp {
  KernelLog.debug("ignoring \(m.header.msgType) for an unknown comm")
  return .none
}
